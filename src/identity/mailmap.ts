/**
 * git's `.mailmap` format (gitmailmap(5)). Each line is one of:
 *
 * ```
 * Proper Name <commit@email>
 * <proper@email> <commit@email>
 * Proper Name <proper@email> <commit@email>
 * Proper Name <proper@email> Commit Name <commit@email>
 * ```
 *
 * `#` outside `<…>` starts a comment to the end of the line (also after an entry); blank lines
 * are ignored. Emails are returned trimmed and lower-cased, since git compares them without
 * case; names are trimmed (empty → null) and keep their case: compare them case-insensitively,
 * as git does. As in git, the commit email of the two-email forms may be empty (`<>`), which
 * maps commits that have no email. A malformed line is a warning at file:line and is skipped;
 * the rest of the file is still used.
 */
import type { ConfigProblem } from '../config/types.js';

export interface MailmapEntry {
  properName: string | null;
  properEmail: string | null;
  /** When set, only commits with this name (compared without case) and commitEmail match. */
  commitName: string | null;
  commitEmail: string;
  file: string;
  line: number;
}

/** A line cut into the text before each `<…>`, the emails, and the text after the last one. */
interface Pieces {
  texts: string[];
  emails: string[];
}

/** Splits a line at `<` and `>`, dropping a `#` comment outside brackets; a string is an error. */
function splitLine(text: string): Pieces | string {
  const texts: string[] = [];
  const emails: string[] = [];
  let buffer = '';
  let inside = false;
  for (const char of text) {
    if (!inside && char === '#') break;
    if (char === '<') {
      if (inside) return 'unbalanced < >: "<" inside an email';
      texts.push(buffer);
      buffer = '';
      inside = true;
    } else if (char === '>') {
      if (!inside) return 'unbalanced < >: ">" without "<"';
      emails.push(buffer);
      buffer = '';
      inside = false;
    } else {
      buffer += char;
    }
  }
  if (inside) return 'unbalanced < >: "<" without ">"';
  texts.push(buffer);
  return { texts, emails };
}

function name(text: string | undefined): string | null {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

function email(text: string | undefined): string {
  return (text ?? '').trim().toLowerCase();
}

/** One entry, null for a blank or comment line, or the reason the line is malformed. */
function parseLine(text: string): Omit<MailmapEntry, 'file' | 'line'> | null | string {
  const pieces = splitLine(text);
  if (typeof pieces === 'string') return pieces;
  const { texts, emails } = pieces;
  if (emails.length === 0) return texts.join('').trim() === '' ? null : 'no <email>';
  if (emails.length > 2) return `${emails.length} emails; an entry has one or two`;
  const trailing = name(texts[emails.length]);
  if (trailing !== null) return `text after the last email: "${trailing}"`;
  if (emails.length === 1) {
    const properName = name(texts[0]);
    const commitEmail = email(emails[0]);
    if (commitEmail === '') return 'empty <> in "Proper Name <commit@email>"';
    if (properName === null) return 'a single <email> with no name maps nothing; write "Proper Name <commit@email>"';
    return { properName, properEmail: null, commitName: null, commitEmail };
  }
  const properEmail = email(emails[0]);
  if (properEmail === '') return 'empty proper email <>';
  return { properName: name(texts[0]), properEmail, commitName: name(texts[1]), commitEmail: email(emails[1]) };
}

/** Parses a `.mailmap` text; `file` is only used in entries and warnings. Handles CRLF and a BOM. */
export function parseMailmap(text: string, file: string): { entries: MailmapEntry[]; warnings: ConfigProblem[] } {
  const entries: MailmapEntry[] = [];
  const warnings: ConfigProblem[] = [];
  for (const [index, raw] of text.replace(/^\uFEFF/, '').split(/\r?\n/).entries()) {
    const line = index + 1;
    const parsed = parseLine(raw);
    if (parsed === null) continue;
    if (typeof parsed === 'string') warnings.push({ message: `malformed mailmap line: ${parsed}`, origin: { file, line } });
    else entries.push({ ...parsed, file, line });
  }
  return { entries, warnings };
}

/** What a mailmap does to one (name, email): the new values (null: unchanged), and whether an entry qualified by the commit name decided. */
export interface Mapped {
  name: string | null;
  email: string | null;
  byName: boolean;
}

interface Target {
  name: string | null;
  email: string | null;
}

/** git compares mailmap names and emails with strcasecmp: ASCII letters only. */
const fold = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * git's mailmap.c, entry by entry in file order: an entry with no commit name sets the
 * email's simple mapping, each of its fields replacing the earlier one's; an entry with a
 * commit name replaces the mapping for that (name, email). A lookup takes the (name, email)
 * mapping when there is one, else the simple one; a mapping that changes nothing is none.
 */
export function mailmapLookup(entries: readonly MailmapEntry[]): (name: string, email: string) => Mapped | null {
  const byEmail = new Map<string, { simple: Target; byName: Map<string, Target> }>();
  for (const entry of entries) {
    const key = fold(entry.commitEmail);
    const slot = byEmail.get(key) ?? { simple: { name: null, email: null }, byName: new Map<string, Target>() };
    byEmail.set(key, slot);
    if (entry.commitName === null) {
      if (entry.properName !== null) slot.simple.name = entry.properName;
      if (entry.properEmail !== null) slot.simple.email = entry.properEmail;
    } else {
      slot.byName.set(fold(entry.commitName), { name: entry.properName, email: entry.properEmail });
    }
  }
  return (name, email) => {
    const slot = byEmail.get(fold(email.trim()));
    if (!slot) return null;
    const qualified = slot.byName.get(fold(name.trim()));
    const target = qualified ?? slot.simple;
    if (target.name === null && target.email === null) return null;
    return { ...target, byName: qualified !== undefined };
  };
}
