/**
 * gitdm's email map (cncf/gitdm `src/cncf-config/email-map`), as gitdm's ConfigFile.py reads it:
 *
 * ```
 * # [user!]domain  employer  [< yyyy-mm-dd]
 * ada!example.org   Initech < 2016-05-01
 * ada!example.org   Globex
 * example.net       Example Inc.
 * ```
 *
 * The key is an email (`!` for `@`) or a whole domain, which applies to every address there and
 * at its subdomains. Several lines of one key make a history, in any order (the file is sorted
 * by key and company): `< D` means "until D" (exclusive); the line with no date is the latest.
 * As in gitdm, a history is ordered by end date, each line starting where the previous ends,
 * and of two lines with the same end (or none), the one listed first is used (a warning names
 * both). `NotFound` is unknown, `Independent` is no company, `(Robots)` marks a bot. Text from
 * `#` on is a comment. Lines that do not read are warnings at file:line, and are skipped.
 */
import type { ConfigProblem } from '../config/types.js';
import { isCalendarDay } from '../dates.js';
import { affiliationCompany, isRobots, isUnknownCompany, normaliseName } from './companies.js';
import type { AffiliationLine } from './gitdm.js';
import type { LineReader } from './lines.js';

export interface EmailMapLine {
  /** Lower-cased: `user@domain`, or a domain. */
  key: string;
  /** INDEPENDENT for Independent, null for NotFound and (Robots). */
  company: string | null;
  unknown?: true;
  robot?: true;
  /** Exclusive end, YYYY-MM-DD; null for the latest line. */
  until: string | null;
  file: string;
  line: number;
}

/** key, employer (no `<` in it), optional `< date`; as gitdm's EMMpat, the date a little stricter. */
const LINE = /^(\S+)\s+([^<]*[^<\s])\s*(?:<\s*(\S*)\s*)?$/;

const DOMAIN = /^[^.\s]+(?:\.[^.\s]+)+$/;

/** gitdm reads `2016-5-1` too (int() of each part): written back with two digits. */
function normaliseDate(text: string): string | null {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!match) return null;
  const day = `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
  return isCalendarDay(day) ? day : null;
}

/** `user!domain` → `user@domain`; a domain stays itself; null when it is neither. */
function decodeKey(token: string): string | null {
  const key = token.toLowerCase();
  const at = key.search(/[!@]/);
  if (at < 0) return DOMAIN.test(key) ? key : null;
  if (at === 0 || at === key.length - 1 || /[!@]/.test(key.slice(at + 1))) return null;
  return `${key.slice(0, at)}@${key.slice(at + 1)}`;
}

export const isDomainKey = (key: string): boolean => !key.includes('@');

/**
 * Reads an email map one line at a time. `keep` says which keys are worth keeping (the map is
 * large; only keys that can meet a contribution are); every line is still checked.
 */
export class EmailMapReader implements LineReader {
  readonly byKey = new Map<string, EmailMapLine[]>();
  readonly warnings: ConfigProblem[] = [];

  constructor(
    private readonly file: string,
    private readonly keep: (key: string) => boolean = () => true,
  ) {}

  line(raw: string, line: number): void {
    const hash = raw.indexOf('#');
    const content = (hash < 0 ? raw : raw.slice(0, hash)).trim();
    if (content === '') return;
    const warn = (message: string): void => void this.warnings.push({ message, origin: { file: this.file, line } });
    const match = LINE.exec(content);
    if (!match) return warn(`expected "[user!]domain employer [< YYYY-MM-DD]" (got "${content}")`);
    const key = decodeKey(match[1] ?? '');
    if (key === null) return warn(`"${match[1]}" is neither an email (user!domain) nor a domain`);
    const name = normaliseName(match[2] ?? '');
    let until: string | null = null;
    if (match[3] !== undefined) {
      until = normaliseDate(match[3]);
      if (until === null) return warn(`"${match[3]}" after "<" is not a date of the form YYYY-MM-DD`);
    }
    if (!this.keep(key)) return;
    const entry: EmailMapLine = { key, company: affiliationCompany(name), until, file: this.file, line };
    if (isUnknownCompany(name)) entry.unknown = true;
    if (isRobots(name)) entry.robot = true;
    const list = this.byKey.get(key);
    if (list) list.push(entry);
    else this.byKey.set(key, [entry]);
  }

  end(): void {}
}

/**
 * One key's lines as affiliation lines, the way gitdm reads them: ordered by end date (the line
 * with none last), each from the previous end until its own. Of lines with the same end, the
 * first listed is kept and the others are reported.
 */
export function emailMapHistory(lines: readonly EmailMapLine[], warnings: ConfigProblem[]): AffiliationLine[] {
  const order = (a: EmailMapLine, b: EmailMapLine): number => (a.until === b.until ? 0 : a.until === null ? 1 : b.until === null ? -1 : a.until < b.until ? -1 : 1);
  const sorted = [...lines].sort(order);
  const history: AffiliationLine[] = [];
  let previous: EmailMapLine | undefined;
  for (const entry of sorted) {
    if (previous !== undefined && previous.until === entry.until) {
      const end = entry.until === null ? 'have no end date' : `end at ${entry.until}`;
      warnings.push({
        message: `${entry.key}: "${employerLabel(entry)}" and "${employerLabel(previous)}" at ${previous.file}:${previous.line} both ${end}; the line listed first is used, as gitdm does`,
        origin: { file: entry.file, line: entry.line },
      });
      continue;
    }
    const line: AffiliationLine = { company: entry.company, from: previous?.until ?? null, until: entry.until, file: entry.file, line: entry.line };
    if (entry.unknown) line.unknown = true;
    if (entry.robot) line.robot = true;
    history.push(line);
    previous = entry;
  }
  return history;
}

/** How a line's employer is named in a warning: as the special values gitdm writes, else the company. */
function employerLabel(line: EmailMapLine): string {
  return line.robot ? '(Robots)' : line.unknown ? 'NotFound' : (line.company ?? 'NotFound');
}
