import { describe, expect, it } from 'vitest';
import { parseAffiliation, parseGitdm } from '../../src/identity/gitdm.js';

const FILE = 'developers_affiliations1.txt';

describe('parseAffiliation', () => {
  it('reads every date form', () => {
    expect(parseAffiliation('Acme Inc.', FILE, 3)).toEqual({ company: 'Acme Inc.', from: null, until: null, file: FILE, line: 3 });
    expect(parseAffiliation('Acme Inc. until 2016-05-01', FILE, 3)).toEqual({ company: 'Acme Inc.', from: null, until: '2016-05-01', file: FILE, line: 3 });
    expect(parseAffiliation('Acme Inc. from 2016-05-01', FILE, 3)).toEqual({ company: 'Acme Inc.', from: '2016-05-01', until: null, file: FILE, line: 3 });
    expect(parseAffiliation('  Acme   Inc.  from 2016-05-01   until 2019-01-01 ', FILE, 3)).toEqual({ company: 'Acme Inc.', from: '2016-05-01', until: '2019-01-01', file: FILE, line: 3 });
    expect(parseAffiliation('Acme Until 2016-05-01', FILE, 3)).toEqual({ company: 'Acme', from: null, until: '2016-05-01', file: FILE, line: 3 });
  });

  it('gives Independent (known: no company) for Independent, and no company for Unknown, NotFound, (Unknown) and ?, which say they are unknown', () => {
    for (const name of ['Independent', 'INDEPENDENT', '(Independent)']) {
      expect(parseAffiliation(`${name} from 2014-08-01 until 2015-10-01`, FILE, 1)).toStrictEqual({ company: 'Independent', from: '2014-08-01', until: '2015-10-01', file: FILE, line: 1 });
    }
    for (const name of ['Unknown', 'NotFound', '(Unknown)', '?']) {
      expect(parseAffiliation(`${name} from 2014-08-01 until 2015-10-01`, FILE, 1)).toStrictEqual({ company: null, unknown: true, from: '2014-08-01', until: '2015-10-01', file: FILE, line: 1 });
    }
  });

  it('reads (Robots) as a bot, not a company', () => {
    expect(parseAffiliation('(Robots)', FILE, 2)).toStrictEqual({ company: null, robot: true, from: null, until: null, file: FILE, line: 2 });
    expect(parseAffiliation('(robot) until 2020-01-01', FILE, 2)).toMatchObject({ company: null, robot: true, until: '2020-01-01' });
  });

  it('keeps "from" and "until" that are not followed by a date in the name', () => {
    expect(parseAffiliation('Made from Scratch', FILE, 1)).toEqual({ company: 'Made from Scratch', from: null, until: null, file: FILE, line: 1 });
    expect(parseAffiliation('Made from Scratch until 2020-01-01', FILE, 1)).toEqual({ company: 'Made from Scratch', from: null, until: '2020-01-01', file: FILE, line: 1 });
  });

  it('returns a message for bad dates and misplaced parts', () => {
    expect(parseAffiliation('Acme until 2016-13-01', FILE, 1)).toBe('"2016-13-01" is not a date of the form YYYY-MM-DD');
    expect(parseAffiliation('Acme until 2016-02-30', FILE, 1)).toBe('"2016-02-30" is not a date of the form YYYY-MM-DD');
    expect(parseAffiliation('Acme from 2016-5-1', FILE, 1)).toBe('"2016-5-1" is not a date of the form YYYY-MM-DD');
    expect(parseAffiliation('Acme from 2019-01-01 until 2018-01-01', FILE, 1)).toBe('from 2019-01-01 is not before until 2018-01-01');
    expect(parseAffiliation('Acme from 2019-01-01 until 2019-01-01', FILE, 1)).toBe('from 2019-01-01 is not before until 2019-01-01');
    expect(parseAffiliation('until 2016-01-01', FILE, 1)).toBe('no company name before the date in "until 2016-01-01"');
    expect(parseAffiliation('Acme until 2016-01-01 from 2015-01-01', FILE, 1)).toBe(
      'dates go after the company name, `from` before `until`: "Company from YYYY-MM-DD until YYYY-MM-DD" (got "Acme until 2016-01-01 from 2015-01-01")',
    );
    expect(parseAffiliation('   ', FILE, 1)).toBe('empty affiliation: expected "Company", "Company until YYYY-MM-DD" or "Company from YYYY-MM-DD"');
  });
});

describe('parseGitdm', () => {
  it('reads person blocks with every date form, comments, empty logins and email-only lines', () => {
    const text = [
      '# This is the main developers affiliations file.',
      'Alice-X: Alice!Example.com, alice-x!users.noreply.github.com',
      '\tAcme Inc. until 2016-05-01',
      '\tGlobex from 2016-05-01 until 2019-01-01',
      '\t# a comment inside a block',
      '\tInitech from 2019-01-01',
      '',
      'bob: bob!bob.dev',
      '    Independent',
      ': carol!carol.org',
      '\tUnknown',
      'dave!dave.io, DAVE!work.com, dave!dave.io',
      '  \t爱奇艺 · Internship from 2020-09-01 until 2021-03-01',
    ].join('\n');
    const { people, warnings } = parseGitdm(text, FILE);
    expect(warnings).toEqual([]);
    expect(people).toEqual([
      {
        login: 'alice-x',
        emails: ['alice@example.com', 'alice-x@users.noreply.github.com'],
        affiliations: [
          { company: 'Acme Inc.', from: null, until: '2016-05-01', file: FILE, line: 3 },
          { company: 'Globex', from: '2016-05-01', until: '2019-01-01', file: FILE, line: 4 },
          { company: 'Initech', from: '2019-01-01', until: null, file: FILE, line: 6 },
        ],
        file: FILE,
        line: 2,
      },
      { login: 'bob', emails: ['bob@bob.dev'], affiliations: [{ company: 'Independent', from: null, until: null, file: FILE, line: 9 }], file: FILE, line: 8 },
      { login: null, emails: ['carol@carol.org'], affiliations: [{ company: null, unknown: true, from: null, until: null, file: FILE, line: 11 }], file: FILE, line: 10 },
      {
        login: null,
        emails: ['dave@dave.io', 'dave@work.com'],
        affiliations: [{ company: '爱奇艺 · Internship', from: '2020-09-01', until: '2021-03-01', file: FILE, line: 13 }],
        file: FILE,
        line: 12,
      },
    ]);
  });

  it('handles CRLF line ends', () => {
    const { people, warnings } = parseGitdm('erin: erin!x.org\r\n\tAcme until 2020-01-01\r\n\tGlobex\r\n', FILE);
    expect(warnings).toEqual([]);
    expect(people[0]?.affiliations.map((a) => [a.company, a.until])).toEqual([
      ['Acme', '2020-01-01'],
      ['Globex', null],
    ]);
  });

  it('warns about malformed dates and skips only that line', () => {
    const text = ['frank: frank!x.org', '\tAcme until 2016-13-01', '\tGlobex from 2016-01-01 until 2015-01-01', '\tInitech from 2017-01-01'].join('\n');
    const { people, warnings } = parseGitdm(text, FILE);
    expect(warnings).toEqual([
      { message: '"2016-13-01" is not a date of the form YYYY-MM-DD', origin: { file: FILE, line: 2 } },
      { message: 'from 2016-01-01 is not before until 2015-01-01', origin: { file: FILE, line: 3 } },
    ]);
    expect(people).toEqual([
      { login: 'frank', emails: ['frank@x.org'], affiliations: [{ company: 'Initech', from: '2017-01-01', until: null, file: FILE, line: 4 }], file: FILE, line: 1 },
    ]);
  });

  it('warns about a company line before any person and a person with no company lines', () => {
    const text = ['\tAcme', 'gina: gina!x.org', 'hank: hank!x.org', '\tGlobex', 'ivy: ivy!x.org'].join('\n');
    const { people, warnings } = parseGitdm(text, FILE);
    expect(warnings).toEqual([
      { message: 'company line before any person line; a block starts with a non-indented "login: email!domain, …" line', origin: { file: FILE, line: 1 } },
      { message: 'gina has no company lines (indented "Company", "Company until YYYY-MM-DD", …)', origin: { file: FILE, line: 2 } },
      { message: 'ivy has no company lines (indented "Company", "Company until YYYY-MM-DD", …)', origin: { file: FILE, line: 5 } },
    ]);
    expect(people.map((p) => [p.login, p.affiliations.length])).toEqual([
      ['gina', 0],
      ['hank', 1],
      ['ivy', 0],
    ]);
  });

  it('warns about bad emails and skips the company lines of a person line with no key', () => {
    const text = ['jack: jack-at-x.org, jack!x.org, a!b!c.org', '\tAcme', 'Some Company until 2016-01-01', '\tGlobex', ':', '\tInitech'].join('\n');
    const { people, warnings } = parseGitdm(text, FILE);
    expect(warnings).toEqual([
      { message: '"jack-at-x.org" is not an email address (expected user!domain)', origin: { file: FILE, line: 1 } },
      { message: '"a!b!c.org" is not an email address (expected user!domain)', origin: { file: FILE, line: 1 } },
      { message: '"Some Company until 2016-01-01" is not an email address (expected user!domain)', origin: { file: FILE, line: 3 } },
      { message: 'person line has neither a login nor an email; expected "login: email!domain, …"; its company lines are skipped', origin: { file: FILE, line: 3 } },
      { message: 'person line has neither a login nor an email; expected "login: email!domain, …"; its company lines are skipped', origin: { file: FILE, line: 5 } },
    ]);
    expect(people).toEqual([
      { login: 'jack', emails: ['jack@x.org'], affiliations: [{ company: 'Acme', from: null, until: null, file: FILE, line: 2 }], file: FILE, line: 1 },
    ]);
  });

  it('keeps a login with no emails', () => {
    const { people, warnings } = parseGitdm('kim:\n\tAcme', FILE);
    expect(warnings).toEqual([]);
    expect(people).toEqual([{ login: 'kim', emails: [], affiliations: [{ company: 'Acme', from: null, until: null, file: FILE, line: 2 }], file: FILE, line: 1 }]);
  });
});
