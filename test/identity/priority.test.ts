import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import type { IdentityConfig } from '../../src/config/types.js';
import { EmailMapReader } from '../../src/identity/email-map.js';
import { parseGitdm } from '../../src/identity/gitdm.js';
import { feedText } from '../../src/identity/lines.js';
import { resolveIdentities, type Observation, type Person } from '../../src/identity/resolve.js';

const seen = (key: string, kind: 'email' | 'login' = 'email', contributions = 1): Observation => ({ kind, key, name: key, at: '2024-01-01T00:00:00Z', githubBot: false, contributions });

/** Resolves these emails (and logins) against an affiliations file, an email map and the config. */
function resolve(keys: Observation[], files: { affiliations?: string; emailMap?: string; companyNames?: Map<string, string> }, config: Partial<IdentityConfig> = {}) {
  const map = new EmailMapReader('email-map');
  feedText(files.emailMap ?? '', map);
  const gitdm = parseGitdm(files.affiliations ?? '', 'developers_affiliations1.txt');
  return resolveIdentities({ observations: keys, commitLogins: [], mailmaps: [], gitdm: gitdm.people, emailMap: map.byKey, companyNames: files.companyNames, config: { ...DEFAULT_IDENTITY, ...config } });
}

const periods = (people: Person[], id: string) => people.find((p) => p.personId === id)?.periods.map((p) => [p.company, p.from, p.until, p.source]);

const AFFILIATIONS = `ada: ada!x.org
\tInitech until 2020-01-01
\tGlobex from 2020-01-01
nobody: nobody!x.org
\tNotFound
`;

const EMAIL_MAP = `ada!x.org Hooli
nobody!x.org Pied Piper < 2019-01-01
nobody!x.org NotFound
carol!acme.com Independent
acme.com Acme Corp
eng.acme.com Acme Engineering
gmail.com Google
dan!y.org NotFound
`;

describe('affiliation sources, highest first', () => {
  it('takes the config over gitdm files, gitdm files over the email map, the email map over the domain map', () => {
    const { people } = resolve([seen('ada@x.org'), seen('bob@x.org'), seen('dan@y.org'), seen('erin@y.org')], { affiliations: AFFILIATIONS, emailMap: `${EMAIL_MAP}bob!x.org Umbrella\n` }, {
      domains: new Map([['y.org', 'Why Corp'], ['x.org', 'Ex Corp']]),
      people: [{ name: undefined, emails: ['erin@y.org'], logins: [], affiliations: [{ text: 'Cyberdyne', origin: { file: 'c.yaml', line: 3 } }], origin: { file: 'c.yaml', line: 2 } }],
    });
    expect(periods(people, 'email:ada@x.org')).toEqual([
      ['Initech', null, '2020-01-01', 'gitdm'],
      ['Globex', '2020-01-01', null, 'gitdm'],
    ]);
    expect(periods(people, 'email:bob@x.org')).toEqual([['Umbrella', null, null, 'email-map']]);
    // NotFound in the email map says nothing: the domain map is asked.
    expect(periods(people, 'email:dan@y.org')).toEqual([['Why Corp', null, null, 'domain']]);
    expect(periods(people, 'email:erin@y.org')).toEqual([['Cyberdyne', null, null, 'config']]);
  });

  it('asks the next source when a file says only NotFound, and stops at Independent', () => {
    const { people } = resolve([seen('nobody@x.org'), seen('carol@acme.com')], { affiliations: AFFILIATIONS, emailMap: EMAIL_MAP }, { domains: new Map([['acme.com', 'Acme Domain']]) });
    expect(periods(people, 'email:nobody@x.org')).toEqual([
      ['Pied Piper', null, '2019-01-01', 'email-map'],
      [null, '2019-01-01', null, 'email-map'],
    ]);
    expect(periods(people, 'email:carol@acme.com')).toEqual([['Independent', null, null, 'email-map']]);
  });

  it('applies a whole-domain key to every address there and below, the most specific first, never a free-mail one', () => {
    const { people } = resolve([seen('zed@acme.com'), seen('yan@eng.acme.com'), seen('xi@dev.eng.acme.com'), seen('wu@gmail.com')], { emailMap: EMAIL_MAP });
    expect(periods(people, 'email:zed@acme.com')).toEqual([['Acme Corp', null, null, 'email-map']]);
    expect(periods(people, 'email:yan@eng.acme.com')).toEqual([['Acme Engineering', null, null, 'email-map']]);
    expect(periods(people, 'email:xi@dev.eng.acme.com')).toEqual([['Acme Engineering', null, null, 'email-map']]);
    expect(periods(people, 'email:wu@gmail.com')).toEqual([]);
  });

  it('marks (Robots) as bots, in the affiliation files and the email map, unless bots.exclude names them', () => {
    const { people } = resolve([seen('ci@x.org'), seen('release-bot', 'login'), seen('build@robots.example'), seen('keeper@robots.example')], {
      affiliations: 'release-bot: release!x.org\n\t(Robots)\n',
      emailMap: 'ci!x.org (Robots)\nrobots.example (Robots)\n',
    }, { bots: { include: [], exclude: ['keeper@robots.example'] } });
    expect(Object.fromEntries(people.map((p) => [p.personId, [p.isBot, p.periods.length]]))).toEqual({
      'email:build@robots.example': [true, 0],
      'email:ci@x.org': [true, 0],
      'email:keeper@robots.example': [false, 0],
      'email:release@x.org': [true, 0],
    });
  });

  it('folds company spellings with gitdm company names, the config aliases winning', () => {
    const { people } = resolve([seen('ada@x.org'), seen('bob@x.org')], { emailMap: 'ada!x.org AWS\nbob!x.org Heptio\n', companyNames: new Map([['aws', 'Amazon'], ['heptio', 'Heptio Inc.']]) }, { aliases: new Map([['heptio', 'VMware']]) });
    expect(periods(people, 'email:ada@x.org')).toEqual([['Amazon', null, null, 'email-map']]);
    expect(periods(people, 'email:bob@x.org')).toEqual([['VMware', null, null, 'email-map']]);
  });

  it('lays a person\'s gitdm blocks with the more dated history last, so that it wins where they differ', () => {
    const affiliations = 'ImJasonH: jasonhall!google.com, jason!chainguard.dev\n\tGoogle LLC until 2021-01-15\n\tRed Hat Inc. from 2021-01-15 until 2022-04-15\n\tChainguard Inc. from 2022-04-15\nImJasonH: someone.else!gmail.com\n\tGoogle LLC\n';
    const { people, warnings } = resolve([seen('jason@chainguard.dev'), seen('someone.else@gmail.com')], { affiliations });
    expect(periods(people, 'email:jason@chainguard.dev')).toEqual([
      ['Google LLC', null, '2021-01-15', 'gitdm'],
      ['Red Hat Inc.', '2021-01-15', '2022-04-15', 'gitdm'],
      ['Chainguard Inc.', '2022-04-15', null, 'gitdm'],
    ]);
    expect(warnings.map((w) => w.origin.line)).toEqual([2, 3, 4]);
  });

  it('of undated blocks, keeps the one whose keys carry more contributions', () => {
    const affiliations = 'jstrachan: james!gmail.com\n\tCloudBees Inc.\njstrachan: jstrachan!users.noreply.github.com\n\tRed Hat Inc.\n';
    const busy = resolve([seen('james@gmail.com', 'email', 3000), seen('jstrachan@users.noreply.github.com', 'email', 12)], { affiliations });
    expect(periods(busy.people, 'email:james@gmail.com')).toEqual([['CloudBees Inc.', null, null, 'gitdm']]);
    const quiet = resolve([seen('james@gmail.com', 'email', 3), seen('jstrachan@users.noreply.github.com', 'email', 12)], { affiliations });
    expect(periods(quiet.people, 'email:james@gmail.com')).toEqual([['Red Hat Inc.', null, null, 'gitdm']]);
  });

  it('keeps only people with a key seen in the data, joined through gitdm', () => {
    const { people, keys } = resolve([seen('ada', 'login'), seen('ada@home.example')], { affiliations: 'ada: ada!x.org, ada!home.example\n\tInitech\nstranger: s!x.org\n\tGlobex\n' });
    expect(people.map((p) => [p.personId, p.emails, p.logins])).toEqual([['email:ada@home.example', ['ada@home.example', 'ada@x.org'], ['ada']]]);
    expect(keys.has('email:s@x.org')).toBe(false);
  });
});
