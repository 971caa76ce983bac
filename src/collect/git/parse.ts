/**
 * Pure parsing of `git log` output in the format below. Names and messages are bytes in
 * git; they are decoded as UTF-8 when valid and as Latin-1 otherwise, which keeps every
 * byte (Latin-1 maps each byte to one character) and reads right for the usual legacy case.
 */
import type { CommitRecord, Trailer } from '../../store/rows.js';

/** One record per commit: a 0x1E marker, ten NUL-terminated fields, then numstat lines. */
export const LOG_FORMAT = '%x1e%H%x00%P%x00%an%x00%ae%x00%ad%x00%cn%x00%ce%x00%cd%x00%s%x00%(trailers:only,unfold)%x00';
const FIELD_COUNT = 10;
const RECORD_START = 0x1e;
const NUL = 0x00;
const NEWLINE = 0x0a;
const TAB = 0x09;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}

/** The instants DuckDB stores and every reader formats alike: years 0001 to 9999, UTC. */
const MIN_SECONDS = -62_135_596_800;
const MAX_SECONDS = 253_402_300_799;

/**
 * Parses `git --date=raw` values: `1700000000 +0130` → seconds and minutes east of UTC.
 * Null for what git prints from a malformed commit header (no zone, `+99999`, nothing, a
 * year out of range): such commits exist in real histories and must not stop a collect.
 */
export function parseRawDate(value: string): { at: number; offset: number } | null {
  const match = /^(-?\d+) ([+-])(\d\d)([0-5]\d)$/.exec(value.trim());
  if (!match) return null;
  const at = Number(match[1]);
  if (at < MIN_SECONDS || at > MAX_SECONDS) return null;
  const minutes = Number(match[3]) * 60 + Number(match[4]);
  return { at, offset: match[2] === '-' ? -minutes : minutes };
}

/** Where a commit with a malformed date is placed; `datesKnown: false` says so. */
const UNKNOWN_DATE = { at: 0, offset: 0 };

const IDENTITY = /^(.*?)\s*<([^<>]*)>\s*$/;

export function parseTrailers(text: string): Trailer[] {
  const trailers: Trailer[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === '' || value === '') continue;
    const identity = IDENTITY.exec(value);
    trailers.push({
      key,
      value,
      name: identity ? identity[1] ?? null : null,
      email: identity ? (identity[2] ?? '').trim() : null,
    });
  }
  return trailers;
}

/** Reads a non-negative decimal from bytes [start, end); -1 for `-` (binary files). */
function readCount(buf: Buffer, start: number, end: number): number {
  if (end - start === 1 && buf[start] === 0x2d) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = (buf[i] ?? 0) - 0x30;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

function parseHeader(fields: Buffer[]): Omit<CommitRecord, 'filesChanged' | 'linesAdded' | 'linesDeleted' | 'linesKnown'> {
  const text = fields.map((field) => decodeText(field));
  const [sha = '', parents = '', authorName = '', authorEmail = '', authorDate = '', committerName = '', committerEmail = '', committerDate = '', subject = '', trailers = ''] = text;
  const authoredRaw = parseRawDate(authorDate);
  const committedRaw = parseRawDate(committerDate);
  // Both dates or neither: a time series must not mix a real date with a placeholder one.
  const datesKnown = authoredRaw !== null && committedRaw !== null;
  const authored = datesKnown ? authoredRaw : UNKNOWN_DATE;
  const committed = datesKnown ? committedRaw : UNKNOWN_DATE;
  const parentList = parents === '' ? [] : parents.split(' ');
  return {
    sha,
    parents: parentList,
    authorName,
    authorEmail,
    authoredAt: authored.at,
    authorTzOffset: authored.offset,
    committerName,
    committerEmail,
    committedAt: committed.at,
    committerTzOffset: committed.offset,
    datesKnown,
    subject,
    trailers: parseTrailers(trailers),
    isMerge: parentList.length > 1,
  };
}

/** Sums numstat lines `added\tdeleted\tpath`; unknown lines are ignored. */
function parseNumstat(buf: Buffer, start: number, end: number): { files: number; added: number; deleted: number } {
  let files = 0;
  let added = 0;
  let deleted = 0;
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = buf.indexOf(NEWLINE, lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const tab1 = buf.indexOf(TAB, lineStart);
    if (tab1 > lineStart && tab1 < lineEnd) {
      const tab2 = buf.indexOf(TAB, tab1 + 1);
      if (tab2 > tab1 && tab2 < lineEnd) {
        const a = readCount(buf, lineStart, tab1);
        const d = readCount(buf, tab1 + 1, tab2);
        if (!Number.isNaN(a) && !Number.isNaN(d)) {
          files++;
          if (a > 0) added += a;
          if (d > 0) deleted += d;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return { files, added, deleted };
}

/**
 * Incremental parser: feed it chunks as git writes them, get whole commits back. Memory is
 * bounded by the largest single commit record, whatever the length of the history.
 */
export class GitLogParser {
  private buffer: Buffer = Buffer.alloc(0);
  /** Where to resume looking for the end of the current record. */
  private scanFrom = 0;
  private header: { fields: Buffer[]; end: number } | undefined;

  constructor(private readonly withNumstat: boolean) {}

  push(chunk: Buffer): CommitRecord[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    return this.drain(false);
  }

  /** Call when git has exited; returns the last record (whose numstat may be cut short). */
  end(): CommitRecord[] {
    return this.drain(true);
  }

  private drain(final: boolean): CommitRecord[] {
    const records: CommitRecord[] = [];
    const buf = this.buffer;
    let start = 0;
    for (;;) {
      if (!this.header) {
        const marker = buf.indexOf(RECORD_START, start);
        if (marker < 0) {
          start = buf.length;
          break;
        }
        const fields: Buffer[] = [];
        let pos = marker + 1;
        while (fields.length < FIELD_COUNT) {
          const nul = buf.indexOf(NUL, pos);
          if (nul < 0) break;
          fields.push(buf.subarray(pos, nul));
          pos = nul + 1;
        }
        if (fields.length < FIELD_COUNT) {
          start = marker;
          break;
        }
        this.header = { fields, end: pos };
        this.scanFrom = pos;
        start = marker;
      }
      const next = buf.indexOf('\n\x1e', this.scanFrom);
      if (next < 0 && !final) {
        this.scanFrom = Math.max(this.header.end, buf.length - 1);
        break;
      }
      const bodyEnd = next < 0 ? buf.length : next + 1;
      records.push(this.finish(buf, this.header, bodyEnd));
      this.header = undefined;
      start = bodyEnd;
      if (next < 0) break;
    }
    this.buffer = buf.subarray(start);
    if (this.header) {
      this.header = { fields: this.header.fields.map((f) => Buffer.from(f)), end: this.header.end - start };
      this.scanFrom -= start;
    }
    return records;
  }

  private finish(buf: Buffer, header: { fields: Buffer[]; end: number }, bodyEnd: number): CommitRecord {
    const base = parseHeader(header.fields);
    if (base.isMerge || !this.withNumstat) {
      return { ...base, filesChanged: null, linesAdded: null, linesDeleted: null, linesKnown: base.isMerge };
    }
    const stat = parseNumstat(buf, header.end, bodyEnd);
    return { ...base, filesChanged: stat.files, linesAdded: stat.added, linesDeleted: stat.deleted, linesKnown: true };
  }
}
