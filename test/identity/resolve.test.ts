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
      commitLogins: [{ email: 'ada@x.org', login: 'ada-l', userId: null }],
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

  it('takes a GitHub profile company below the config and gitdm, above the domain map, for all time, spelt as they spell it', () => {
    const profile = (login: string, companyRaw: string) => ({ login, kind: 'User', name: null, companyRaw, readAt: '2025-05-01T12:00:00Z' });
    const { people } = resolve(
      [seen('login', 'cfg', 'Cfg'), seen('login', 'dm', 'Dm'), seen('email', 'dom@acme.com', 'Dom'), seen('login', 'dom', 'dom'), seen('email', 'only@acme.com', 'Only'), seen('login', 'none', 'None')],
      {
        commitLogins: [{ email: 'dom@acme.com', login: 'dom', userId: null }],
        gitdm: [{ login: 'dm', emails: [], affiliations: [{ company: 'Red Hat', from: '2020-01-01', until: null, file: 'dev.txt', line: 2 }], file: 'dev.txt', line: 1 }],
        profiles: [profile('cfg', 'Initech'), profile('dm', 'Initech'), profile('dom', '@redhat'), profile('none', 'freelance')],
      },
      {
        domains: new Map([['acme.com', 'Acme']]),
        people: [{ name: undefined, emails: [], logins: ['cfg'], affiliations: [{ text: 'Globex', origin: { file: 'c.yaml', line: 3 } }], origin: { file: 'c.yaml', line: 2 } }],
      },
    );
    expect(Object.fromEntries(people.map((p) => [p.name, p.periods.map((x) => [x.company, x.from, x.until, x.source, x.readAt ?? null])]))).toEqual({
      Cfg: [['Globex', null, null, 'config', null]],
      Dm: [['Red Hat', '2020-01-01', null, 'gitdm', null]],
      Dom: [['Red Hat', null, null, 'github profile', '2025-05-01T12:00:00Z']],
      Only: [['Acme', null, null, 'domain', null]],
      None: [],
    });
  });

  it('keeps a renamed GitHub account one person, by its numeric id in noreply emails and commit-author links', () => {
    const { people } = resolve(
      [seen('email', '28788978+spomorski@users.noreply.github.com', 'Sam'), seen('email', '28788978+sergetron@users.noreply.github.com', 'Sam'), seen('email', 'sam@work.example', 'Sam'), seen('login', 'old-login', 'old-login'), seen('login', 'new-login', 'new-login')],
      { commitLogins: [{ email: 'sam@work.example', login: 'old-login', userId: '99' }, { email: 'sam@work.example', login: 'new-login', userId: '99' }] },
    );
    expect(people.map((p) => [p.emails, p.logins])).toEqual([
      [['28788978+sergetron@users.noreply.github.com', '28788978+spomorski@users.noreply.github.com'], ['sergetron', 'spomorski']],
      [['sam@work.example'], ['new-login', 'old-login']],
    ]);
  });

  it('sends the emails that name a machine to the unknown identity, unless something joins them to a person', () => {
    const { people, keys } = resolve([seen('email', 'runner@fv-az51', 'runner'), seen('email', 'root@3f2a9c0d1e2b', 'root'), seen('email', 'caleb@calebs-mbp.local', 'Caleb'), seen('email', 'caleb@x.org', 'Caleb')], {
      mailmaps: [{ properName: 'Caleb', properEmail: 'caleb@x.org', commitName: null, commitEmail: 'caleb@calebs-mbp.local', file: '.mailmap', line: 1 }],
    });
    expect(people.map((p) => [p.personId, p.name, p.emails])).toEqual([
      ['email:caleb@calebs-mbp.local', 'Caleb', ['caleb@calebs-mbp.local', 'caleb@x.org']],
      ['unknown', '(unknown identity)', ['root@3f2a9c0d1e2b', 'runner@fv-az51']],
    ]);
    expect(keys.get('email:runner@fv-az51')).toBe('unknown');
  });

  it('decides bot-ness per (name, email): a bot name marks its own commits, not the person', () => {
    const { people, pairs } = resolve([seen('email', 'rob@cb.example', 'Rob V', '2024-01-01T00:00:00Z'), seen('email', 'rob@cb.example', 'jx-app-bot', '2024-06-01T00:00:00Z'), seen('email', 'release@acme.example', 'acme-release-bot'), seen('email', '87720302+spinnakerbot2@users.noreply.github.com', 'Spinnaker Bot')]);
    expect(people.map((p) => [p.name, p.isBot])).toEqual([
      ['Spinnaker Bot', true], // only a bot's name on its commits, though its email names a login
      ['acme-release-bot', true],
      ['Rob V', false],
    ]);
    expect(pairs).toEqual([{ name: 'jx-app-bot', email: 'rob@cb.example', personId: 'email:rob@cb.example', isBot: true }]);
  });
});
