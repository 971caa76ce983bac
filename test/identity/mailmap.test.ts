import { describe, expect, it } from 'vitest';
import { parseMailmap } from '../../src/identity/mailmap.js';

const FILE = '/srv/repo/.mailmap';

describe('parseMailmap', () => {
  it('reads the four forms of gitmailmap(5)', () => {
    const text = [
      'Jane Doe <Jane@Example.com>',
      '<jane@acme.com> <JDOE@Old.Example.org>',
      'Jane Doe <jane@acme.com> <jane@laptop.(none)>',
      'Jane Doe <jane@acme.com> jdoe <Jane.Doe@Users.Noreply.GitHub.com>',
    ].join('\n');
    const { entries, warnings } = parseMailmap(text, FILE);
    expect(warnings).toEqual([]);
    expect(entries).toEqual([
      { properName: 'Jane Doe', properEmail: null, commitName: null, commitEmail: 'jane@example.com', file: FILE, line: 1 },
      { properName: null, properEmail: 'jane@acme.com', commitName: null, commitEmail: 'jdoe@old.example.org', file: FILE, line: 2 },
      { properName: 'Jane Doe', properEmail: 'jane@acme.com', commitName: null, commitEmail: 'jane@laptop.(none)', file: FILE, line: 3 },
      { properName: 'Jane Doe', properEmail: 'jane@acme.com', commitName: 'jdoe', commitEmail: 'jane.doe@users.noreply.github.com', file: FILE, line: 4 },
    ]);
  });

  it('trims names and emails, keeping the case of names', () => {
    const { entries } = parseMailmap('   Jane  Q. Doe   <  Jane@Acme.com  >   J.  DOE  < jd@X.org >  ', FILE);
    expect(entries).toEqual([
      { properName: 'Jane  Q. Doe', properEmail: 'jane@acme.com', commitName: 'J.  DOE', commitEmail: 'jd@x.org', file: FILE, line: 1 },
    ]);
  });

  it('skips comments, also after an entry, and blank lines', () => {
    const text = ['# Canonical names', '', 'Joe Bloggs <joe@x.org> # his old address', '   ', '\t# indented comment', 'Ann <ann#1@x.org>'].join('\n');
    const { entries, warnings } = parseMailmap(text, FILE);
    expect(warnings).toEqual([]);
    expect(entries.map((e) => [e.line, e.properName, e.commitEmail])).toEqual([
      [3, 'Joe Bloggs', 'joe@x.org'],
      [6, 'Ann', 'ann#1@x.org'],
    ]);
  });

  it('handles CRLF, a byte-order mark and non-ASCII names', () => {
    const text = '\uFEFFZoë Ünal <zoe@x.org>\r\n李雷 <li@example.cn> <LI@old.example.cn>\r\nΣωκράτης <s@x.gr> Σ. <SOC@x.gr>\r\n';
    const { entries, warnings } = parseMailmap(text, FILE);
    expect(warnings).toEqual([]);
    expect(entries).toEqual([
      { properName: 'Zoë Ünal', properEmail: null, commitName: null, commitEmail: 'zoe@x.org', file: FILE, line: 1 },
      { properName: '李雷', properEmail: 'li@example.cn', commitName: null, commitEmail: 'li@old.example.cn', file: FILE, line: 2 },
      { properName: 'Σωκράτης', properEmail: 's@x.gr', commitName: 'Σ.', commitEmail: 'soc@x.gr', file: FILE, line: 3 },
    ]);
  });

  it('accepts an empty commit email in the two-email forms, as git does', () => {
    const { entries, warnings } = parseMailmap('Jane <jane@x.org> <>', FILE);
    expect(warnings).toEqual([]);
    expect(entries).toEqual([{ properName: 'Jane', properEmail: 'jane@x.org', commitName: null, commitEmail: '', file: FILE, line: 1 }]);
  });

  it('warns at file:line about malformed lines, skips them and keeps the rest', () => {
    const text = [
      'No Email Here',
      'Jane <jane@x.org',
      'Jane jane@x.org>',
      'A <a@x.org> B <b@x.org> C <c@x.org>',
      'Jane <jane@x.org> Janet',
      '<only@x.org>',
      'Good Person <good@x.org>',
      'Jane <>',
      'Jane <> <jane@x.org>',
      'Jane <ja<ne@x.org>',
    ].join('\n');
    const { entries, warnings } = parseMailmap(text, FILE);
    expect(entries).toEqual([{ properName: 'Good Person', properEmail: null, commitName: null, commitEmail: 'good@x.org', file: FILE, line: 7 }]);
    expect(warnings).toEqual([
      { message: 'malformed mailmap line: no <email>', origin: { file: FILE, line: 1 } },
      { message: 'malformed mailmap line: unbalanced < >: "<" without ">"', origin: { file: FILE, line: 2 } },
      { message: 'malformed mailmap line: unbalanced < >: ">" without "<"', origin: { file: FILE, line: 3 } },
      { message: 'malformed mailmap line: 3 emails; an entry has one or two', origin: { file: FILE, line: 4 } },
      { message: 'malformed mailmap line: text after the last email: "Janet"', origin: { file: FILE, line: 5 } },
      { message: 'malformed mailmap line: a single <email> with no name maps nothing; write "Proper Name <commit@email>"', origin: { file: FILE, line: 6 } },
      { message: 'malformed mailmap line: empty <> in "Proper Name <commit@email>"', origin: { file: FILE, line: 8 } },
      { message: 'malformed mailmap line: empty proper email <>', origin: { file: FILE, line: 9 } },
      { message: 'malformed mailmap line: unbalanced < >: "<" inside an email', origin: { file: FILE, line: 10 } },
    ]);
  });

  it('returns nothing for an empty file', () => {
    expect(parseMailmap('', FILE)).toEqual({ entries: [], warnings: [] });
  });
});
