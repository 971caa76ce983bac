import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import type { IdentityConfig } from '../../src/config/types.js';
import { resolveIdentities, type IdentityInputs, type Observation } from '../../src/identity/resolve.js';

const seen = (kind: 'email' | 'login', key: string, name: string | null, at = '2024-01-01T00:00:00Z', githubBot = false): Observation => ({ kind, key, name, at, githubBot });

function resolve(observations: Observation[], extra: Partial<IdentityInputs> = {}, config: Partial<IdentityConfig> = {}) {
  return resolveIdentities({ observations, commitLogins: [], mailmaps: [], gitdm: [], config: { ...DEFAULT_IDENTITY, ...config }, ...extra });
}

describe('resolveIdentities', () => {
  it('never joins by name alone, and takes the most recent name', () => {
    const { people } = resolve([seen('email', 'a@x.org', 'John Smith'), seen('email', 'b@y.org', 'John Smith'), seen('email', 'a@x.org', 'John Q. Smith', '2025-01-01T00:00:00Z')]);
    expect(people.map((p) => [p.personId, p.name])).toEqual([
      ['email:a@x.org', 'John Q. Smith'],
      ['email:b@y.org', 'John Smith'],
    ]);
  });

  it('joins a noreply email to its login, and GitHub commit-author links', () => {
    const { people, keys } = resolve([seen('email', '123+grace@users.noreply.github.com', 'Grace'), seen('login', 'grace', 'grace'), seen('email', 'ada@x.org', 'Ada'), seen('login', 'ada-l', 'ada-l')], {
      commitLogins: [{ email: 'ada@x.org', login: 'ada-l' }],
    });
    expect(people).toHaveLength(2);
    expect(keys.get('login:grace')).toBe(keys.get('email:123+grace@users.noreply.github.com'));
    expect(keys.get('login:ada-l')).toBe('email:ada@x.org');
  });

  it('handles empty names, unusual characters and the web-flow account', () => {
    const { people } = resolve([seen('email', 'zoë+tag@exämple.org', ''), seen('email', "o'brien@x.org", null), seen('email', 'noreply@github.com', 'GitHub')]);
    expect(people.map((p) => [p.name, p.isBot])).toEqual([
      ['GitHub', true],
      ["o'brien@x.org", false],
      ['zoë+tag@exämple.org', false],
    ]);
  });

  it('marks bots by GitHub type, [bot] suffix, default patterns and the config, with exclusions', () => {
    const { people } = resolve(
      [seen('login', 'renovate', 'renovate', undefined, true), seen('login', 'dependabot[bot]', 'dependabot[bot]'), seen('login', 'acme-ci-robot', 'acme-ci-robot'), seen('login', 'botanist', 'botanist'), seen('login', 'k8s-ci-robot', 'k8s-ci-robot')],
      {},
      { bots: { include: ['acme-*-robot'], exclude: ['k8s-ci-robot'] } },
    );
    expect(Object.fromEntries(people.map((p) => [p.name, p.isBot]))).toEqual({ renovate: true, 'dependabot[bot]': true, 'acme-ci-robot': true, botanist: false, 'k8s-ci-robot': false });
  });

  it('applies company aliases before merging periods, and lets the config replace gitdm lines', () => {
    const line = (company: string | null, from: string | null, until: string | null, n: number) => ({ company, from, until, file: 'dev.txt', line: n });
    const { people, warnings } = resolve(
      [seen('email', 'ada@x.org', 'Ada'), seen('email', 'bob@y.org', 'Bob')],
      {
        gitdm: [
          { login: 'ada', emails: ['ada@x.org'], affiliations: [line('Heptio', null, '2019-01-01', 2), line('VMware', '2019-01-01', null, 3)], file: 'dev.txt', line: 1 },
          { login: null, emails: ['bob@y.org'], affiliations: [line('Initech', null, null, 5)], file: 'dev.txt', line: 4 },
        ],
      },
      {
        aliases: new Map([['heptio', 'VMware']]),
        people: [{ name: undefined, emails: ['bob@y.org'], logins: [], affiliations: [{ text: 'Globex until 2024-06-01', origin: { file: 'c.yaml', line: 9 } }, { text: 'Initrode', origin: { file: 'c.yaml', line: 10 } }], origin: { file: 'c.yaml', line: 8 } }],
      },
    );
    expect(warnings).toEqual([]);
    const ada = people.find((p) => p.name === 'Ada');
    const bob = people.find((p) => p.name === 'Bob');
    expect(ada?.periods.map((p) => [p.company, p.from, p.until])).toEqual([['VMware', null, null]]);
    expect(bob?.periods.map((p) => [p.company, p.from, p.until, p.source])).toEqual([
      ['Globex', null, '2024-06-01', 'config'],
      ['Initrode', '2024-06-01', null, 'config'],
    ]);
  });

  it('uses the email-domain map only without other lines, never for free mail', () => {
    const { people } = resolve([seen('email', 'dev@eng.acme.com', 'Dev'), seen('email', 'someone@gmail.com', 'Someone')], {}, { domains: new Map([['acme.com', 'Acme'], ['gmail.com', 'Google']]) });
    expect(people.map((p) => [p.name, p.periods.map((x) => x.company)])).toEqual([
      ['Dev', ['Acme']],
      ['Someone', []],
    ]);
  });
});
