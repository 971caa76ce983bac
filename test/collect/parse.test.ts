import { describe, expect, it } from 'vitest';
import { GitLogParser, decodeText, parseRawDate, parseTrailers } from '../../src/collect/git/parse.js';
import type { CommitRecord } from '../../src/store/rows.js';

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);
const SHA_C = 'c'.repeat(40);

/** Builds one record exactly as `git log --format=tformat:LOG_FORMAT --numstat` prints it. */
function record(fields: (string | Buffer)[], numstat: string[] = []): Buffer {
  const parts: Buffer[] = [Buffer.from('\x1e')];
  for (const field of fields) parts.push(Buffer.isBuffer(field) ? field : Buffer.from(field), Buffer.from([0]));
  parts.push(Buffer.from('\n'));
  if (numstat.length > 0) parts.push(Buffer.from(`\n${numstat.join('\n')}\n`));
  return Buffer.concat(parts);
}

function header(sha: string, parents: string, author: string | Buffer = 'Ada', subject = 'subject', trailers = ''): (string | Buffer)[] {
  return [sha, parents, author, 'ada@example.org', '1700000000 +0130', 'Bob', 'bob@example.org', '1700000100 -0800', subject, trailers];
}

function parseAll(input: Buffer, chunkSize: number): CommitRecord[] {
  const parser = new GitLogParser(true);
  const out: CommitRecord[] = [];
  for (let i = 0; i < input.length; i += chunkSize) out.push(...parser.push(input.subarray(i, i + chunkSize)));
  out.push(...parser.end());
  return out;
}

describe('GitLogParser', () => {
  const input = Buffer.concat([
    record(header(SHA_A, SHA_B, 'Ada', 'feat: one', 'Signed-off-by: Ada <ada@example.org>\nCo-authored-by: Cy Dee <cy@example.org>\n'), [
      '10\t2\tsrc/a.ts',
      '-\t-\timage.png',
      '0\t5\t"odd\\nname.txt"',
      '3\t3\told.ts => new.ts',
    ]),
    record(header(SHA_B, `${SHA_C} ${SHA_A}`, 'Merger', 'Merge branch x')),
    record(header(SHA_C, '', Buffer.from('Jos\xe9', 'latin1'), 'root commit \x1e with a record separator'), ['1\t0\tREADME']),
  ]);

  it.each([1, 7, 64, 100_000])('parses the same records whatever the chunk size (%i bytes)', (size) => {
    const records = parseAll(input, size);
    expect(records.map((r) => r.sha)).toEqual([SHA_A, SHA_B, SHA_C]);
    const [a, b, c] = records as [CommitRecord, CommitRecord, CommitRecord];
    expect(a).toMatchObject({
      parents: [SHA_B],
      authorName: 'Ada',
      authoredAt: 1700000000,
      authorTzOffset: 90,
      committerName: 'Bob',
      committedAt: 1700000100,
      committerTzOffset: -480,
      subject: 'feat: one',
      isMerge: false,
      filesChanged: 4,
      linesAdded: 13,
      linesDeleted: 10,
      linesKnown: true,
    });
    expect(a.trailers).toEqual([
      { key: 'signed-off-by', value: 'Ada <ada@example.org>', name: 'Ada', email: 'ada@example.org' },
      { key: 'co-authored-by', value: 'Cy Dee <cy@example.org>', name: 'Cy Dee', email: 'cy@example.org' },
    ]);
    expect(b).toMatchObject({ isMerge: true, filesChanged: null, linesAdded: null, linesDeleted: null, linesKnown: true });
    expect(c).toMatchObject({ parents: [], authorName: 'José', subject: 'root commit \x1e with a record separator', linesAdded: 1 });
  });

  it('reports a commit without numstat output as having zero changes', () => {
    const [only] = parseAll(record(header(SHA_A, SHA_B)), 5);
    expect(only).toMatchObject({ filesChanged: 0, linesAdded: 0, linesDeleted: 0, linesKnown: true });
  });

  it('marks line counts unknown when read without numstat', () => {
    const parser = new GitLogParser(false);
    const records = [...parser.push(record(header(SHA_A, SHA_B))), ...parser.end()];
    expect(records[0]).toMatchObject({ linesKnown: false, linesAdded: null });
  });

  it('waits for a record to be complete before returning it', () => {
    const parser = new GitLogParser(true);
    const one = record(header(SHA_A, SHA_B), ['1\t1\tx']);
    expect(parser.push(one)).toEqual([]);
    expect(parser.push(record(header(SHA_B, SHA_C)))).toHaveLength(1);
    expect(parser.end()).toHaveLength(1);
  });
});

describe('decodeText', () => {
  it('keeps valid UTF-8 and reads other bytes as Latin-1 without losing any', () => {
    expect(decodeText(Buffer.from('Zoë 漢字', 'utf8'))).toBe('Zoë 漢字');
    const latin1 = Buffer.from([0x4a, 0xf6, 0x72, 0x67, 0xff]);
    const text = decodeText(latin1);
    expect(text).toBe('Jörgÿ');
    expect(Buffer.from(text, 'latin1')).toEqual(latin1);
  });
});

describe('parseRawDate', () => {
  it('reads seconds and the offset in minutes east of UTC', () => {
    expect(parseRawDate('1700000000 +0000')).toEqual({ at: 1700000000, offset: 0 });
    expect(parseRawDate('1700000000 -0930')).toEqual({ at: 1700000000, offset: -570 });
    expect(parseRawDate('-5 +0545')).toEqual({ at: -5, offset: 345 });
  });
  it('returns null, never throws, for what git prints from a malformed header', () => {
    for (const bad of ['yesterday', '', '1700000000', '1700000000 +99999', '1700000000 +0160', '99999999999999 +0000', '-62135596801 +0000']) {
      expect(parseRawDate(bad)).toBeNull();
    }
    expect(parseRawDate('253402300799 +0000')).toEqual({ at: 253402300799, offset: 0 });
  });
});

describe('parseTrailers', () => {
  it('lower-cases keys and splits identities; other values are kept whole', () => {
    expect(parseTrailers('Reviewed-By: R <r@x>\nFixes: #12\nnot a trailer\n')).toEqual([
      { key: 'reviewed-by', value: 'R <r@x>', name: 'R', email: 'r@x' },
      { key: 'fixes', value: '#12', name: null, email: null },
    ]);
  });
});
