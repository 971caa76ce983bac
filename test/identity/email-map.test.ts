import { describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../../src/config/types.js';
import { CompanyNamesReader } from '../../src/identity/company-names.js';
import { EmailMapReader, emailMapHistory } from '../../src/identity/email-map.js';
import { feedText } from '../../src/identity/lines.js';
import { LineSplitter } from '../../src/identity/lines.js';

const FILE = 'email-map';

function read(text: string, keep?: (key: string) => boolean) {
  const reader = new EmailMapReader(FILE, keep);
  feedText(text, reader);
  return reader;
}

describe('the gitdm email map', () => {
  it('reads keys, employers and end dates as cncf/gitdm writes them, with comments and special values', () => {
    const reader = read(
      [
        '# Here is a set of mappings of domain names onto employer names.',
        '# [user!]domain  employer  [< yyyy-mm-dd]',
        '00r2!users.noreply.github.com Independent < 2015-10-01',
        '00r2!users.noreply.github.com PerkinElmer Inc. < 2014-08-01',
        '00r2!users.noreply.github.com Simplebet Inc.',
        '0-duke!users.noreply.github.com NotFound',
        'ci-bot!Example.org (Robots)',
        'Example.NET   Example   Inc.   # a whole domain',
        'ada!x.org Initech <2016-5-1',
      ].join('\n'),
    );
    expect(reader.warnings).toEqual([]);
    expect([...reader.byKey.keys()]).toEqual(['00r2@users.noreply.github.com', '0-duke@users.noreply.github.com', 'ci-bot@example.org', 'example.net', 'ada@x.org']);
    expect(reader.byKey.get('00r2@users.noreply.github.com')?.map((l) => [l.company, l.until, l.line])).toEqual([
      ['Independent', '2015-10-01', 3],
      ['PerkinElmer Inc.', '2014-08-01', 4],
      ['Simplebet Inc.', null, 5],
    ]);
    expect(reader.byKey.get('0-duke@users.noreply.github.com')).toEqual([{ key: '0-duke@users.noreply.github.com', company: null, unknown: true, until: null, file: FILE, line: 6 }]);
    expect(reader.byKey.get('ci-bot@example.org')?.[0]).toMatchObject({ company: null, robot: true });
    expect(reader.byKey.get('example.net')?.[0]).toMatchObject({ company: 'Example Inc.', until: null });
    expect(reader.byKey.get('ada@x.org')?.[0]).toMatchObject({ company: 'Initech', until: '2016-05-01' });
  });

  it('reports malformed lines with file:line and keeps the rest', () => {
    const reader = read(['ada!x.org', 'ada!x.org Initech < 2016-02-30', 'ada!x.org Initech < soon', 'localhost Acme', '!x.org Acme', 'bob!y.org Globex'].join('\n'));
    expect(reader.warnings.map((w) => `${w.origin.file}:${w.origin.line}: ${w.message}`)).toEqual([
      'email-map:1: expected "[user!]domain employer [< YYYY-MM-DD]" (got "ada!x.org")',
      'email-map:2: "2016-02-30" after "<" is not a date of the form YYYY-MM-DD',
      'email-map:3: "soon" after "<" is not a date of the form YYYY-MM-DD',
      'email-map:4: "localhost" is neither an email (user!domain) nor a domain',
      'email-map:5: "!x.org" is neither an email (user!domain) nor a domain',
    ]);
    expect([...reader.byKey.keys()]).toEqual(['bob@y.org']);
  });

  it('keeps only the keys asked for, still checking every line', () => {
    const reader = read('ada!x.org Initech\nbob!y.org Globex\nbad line <\n', (key) => key === 'bob@y.org');
    expect([...reader.byKey.keys()]).toEqual(['bob@y.org']);
    expect(reader.warnings).toHaveLength(1);
  });

  it('orders a history by end date, each line starting where the previous one ends, the undated one last', () => {
    const reader = read(['a!x.org Globex', 'a!x.org Independent < 2015-10-01', 'a!x.org Initech < 2014-08-01'].join('\n'));
    const warnings: ConfigProblem[] = [];
    expect(emailMapHistory(reader.byKey.get('a@x.org') ?? [], warnings)).toEqual([
      { company: 'Initech', from: null, until: '2014-08-01', file: FILE, line: 3 },
      { company: 'Independent', from: '2014-08-01', until: '2015-10-01', file: FILE, line: 2 },
      { company: 'Globex', from: '2015-10-01', until: null, file: FILE, line: 1 },
    ]);
    expect(warnings).toEqual([]);
  });

  it('uses the first of two lines with the same end, as gitdm does, and says so', () => {
    const reader = read(['a!x.org Independent', 'a!x.org NotFound', 'a!x.org Acme < 2020-01-01', 'a!x.org Acme Corp < 2020-01-01'].join('\n'));
    const warnings: ConfigProblem[] = [];
    const history = emailMapHistory(reader.byKey.get('a@x.org') ?? [], warnings);
    expect(history.map((l) => [l.company, l.from, l.until, l.line])).toEqual([
      ['Acme', null, '2020-01-01', 3],
      ['Independent', '2020-01-01', null, 1],
    ]);
    expect(warnings.map((w) => [w.origin.line, w.message])).toEqual([
      [4, 'a@x.org: "Acme Corp" and "Acme" at email-map:3 both end at 2020-01-01; the line listed first is used, as gitdm does'],
      [2, 'a@x.org: "NotFound" and "Independent" at email-map:1 both have no end date; the line listed first is used, as gitdm does'],
    ]);
  });
});

describe('the gitdm company names mapping', () => {
  it('reads "From -> To" aliases without case, skipping spellings with extra spaces, and reports conflicts', () => {
    const reader = new CompanyNamesReader('company-names-mapping');
    feedText(['# HPE -> HP', 'AWS -> Amazon', 'Red  Hat -> NotFound', 'Red hat -> Red Hat', 'RED HAT -> Red Hat', 'aws -> Amazon Web Services', 'no arrow here', 'Heptio -> VMware'].join('\n'), reader);
    expect([...reader.aliases]).toEqual([
      ['aws', 'Amazon'],
      ['red hat', 'Red Hat'],
      ['heptio', 'VMware'],
    ]);
    expect(reader.warnings.map((w) => `${w.origin.line}: ${w.message}`)).toEqual(['6: "aws" is already mapped to "Amazon" at line 2; this line ("Amazon Web Services") is not used', '7: expected "Company name -> Name to use" (got "no arrow here")']);
  });
});

describe('LineSplitter', () => {
  it('splits chunks anywhere, even inside a UTF-8 character, and drops a byte-order mark and carriage returns', () => {
    const lines: [string, number][] = [];
    const splitter = new LineSplitter({ line: (raw, n) => lines.push([raw, n]), end: () => lines.push(['<end>', 0]) });
    const bytes = Buffer.from('\uFEFFada: ada!x.org\r\n\t爱奇艺 from 2020-09-01\n\nlast', 'utf8');
    for (let i = 0; i < bytes.length; i += 3) splitter.push(bytes.subarray(i, i + 3));
    splitter.end();
    expect(lines).toEqual([
      ['ada: ada!x.org', 1],
      ['\t爱奇艺 from 2020-09-01', 2],
      ['', 3],
      ['last', 4],
      ['<end>', 0],
    ]);
  });
});
