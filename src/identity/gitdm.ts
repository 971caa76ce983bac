/**
 * The CNCF gitdm `developers_affiliations*.txt` format, as read by devstats:
 *
 * ```
 * login: email1!domain.com, email2!other.org
 * 	Company A until 2016-05-01
 * 	Company B from 2016-05-01 until 2019-01-01
 * 	Company C from 2019-01-01
 * 	Independent
 * ```
 *
 * A person line is not indented: `login: emails`, where `!` stands for `@`; the login may be
 * empty and a line without `:` holds only emails. Company lines below it are indented (tabs or
 * spaces). Lines whose first non-blank character is `#` are comments, blank lines are ignored.
 * `(Robots)` as a company marks the person as a bot. Problems are warnings at file:line; the
 * offending line is skipped and the rest still used.
 *
 * Files are read line by line (GitdmReader), so a repository's files of several megabytes are
 * never held whole in memory.
 */
import type { ConfigProblem } from '../config/types.js';
import { isCalendarDay } from '../dates.js';
import { affiliationCompany, isRobots, isUnknownCompany } from './companies.js';
import { feedText, type LineReader } from './lines.js';

export interface AffiliationLine {
  /**
   * INDEPENDENT for "Independent" (any case, with or without parentheses): known to work for no
   * company; null for "Unknown", "NotFound", "(Unknown)", "?": nobody knows.
   */
  company: string | null;
  /** Set for "Unknown", "NotFound", "?": nothing is known, unlike "Independent" (known: no company). */
  unknown?: true;
  /** Set for "(Robots)": the person is a bot; the line gives no period. */
  robot?: true;
  /** Inclusive start, YYYY-MM-DD; null when the line has no `from`. */
  from: string | null;
  /** Exclusive end, YYYY-MM-DD; null when the line has no `until`. */
  until: string | null;
  file: string;
  line: number;
}

export interface GitdmPerson {
  /** GitHub login, lower-cased; null when the person line has none. */
  login: string | null;
  /** Lower-cased, `!` turned into `@`, without duplicates, in file order. */
  emails: string[];
  /** In file order; see ranges.ts for how they become periods. */
  affiliations: AffiliationLine[];
  /** Company lines a lazy GitdmReader left unread, `line\ttext` each, one string (see readAffiliations). */
  unread?: string;
  /** Problems of the person line a lazy GitdmReader keeps to report with the company lines. */
  problems?: ConfigProblem[];
  file: string;
  line: number;
}

/** `Company`, `Company from D`, `Company until D`, `Company from D until D`; a date starts with a digit. */
const AFFILIATION = /^(.+?)(?:\s+from\s+(\d\S*))?(?:\s+until\s+(\d\S*))?$/i;
const STRAY_DATE = /\s(?:from|until)\s+\d/i;

/**
 * Parses one affiliation: `Company`, `Company until YYYY-MM-DD`, `Company from YYYY-MM-DD`
 * or `Company from YYYY-MM-DD until YYYY-MM-DD` (`from` inclusive, `until` exclusive). The word
 * after `from`/`until` is taken as a date when it starts with a digit, so "Made from Scratch"
 * stays a company name while "Acme until 2016-5-1" is an error. Shared with cdstats.yaml.
 * Returns the line, or an error message.
 */
export function parseAffiliation(text: string, file: string, line: number): AffiliationLine | string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return 'empty affiliation: expected "Company", "Company until YYYY-MM-DD" or "Company from YYYY-MM-DD"';
  const match = AFFILIATION.exec(trimmed);
  const name = match?.[1]?.trim() ?? '';
  const from = match?.[2] ?? null;
  const until = match?.[3] ?? null;
  if (/^(?:from|until)$/i.test(name) || /^(?:from|until)\s+\d/i.test(trimmed)) {
    return `no company name before the date in "${trimmed}"`;
  }
  if (STRAY_DATE.test(name)) {
    return `dates go after the company name, \`from\` before \`until\`: "Company from YYYY-MM-DD until YYYY-MM-DD" (got "${trimmed}")`;
  }
  for (const date of [from, until]) {
    if (date !== null && !isCalendarDay(date)) return `"${date}" is not a date of the form YYYY-MM-DD`;
  }
  if (from !== null && until !== null && from >= until) {
    return `from ${from} is not before until ${until}`;
  }
  const parsed: AffiliationLine = { company: affiliationCompany(name), from, until, file, line };
  if (isUnknownCompany(name)) parsed.unknown = true;
  if (isRobots(name)) parsed.robot = true;
  return parsed;
}

/** `login: a!b.com, c!d.org` or `a!b.com`: the login (lower-cased, null when empty) and the raw email list. */
function splitPersonLine(text: string): { login: string | null; list: string } {
  const colon = text.indexOf(':');
  if (colon < 0) return { login: null, list: text };
  const login = text.slice(0, colon).trim().toLowerCase();
  return { login: login === '' ? null : login, list: text.slice(colon + 1) };
}

/** `user!domain` (or `user@domain`) → `user@domain`, lower-cased; null when it is not one address. */
function decodeEmail(token: string): string | null {
  const text = token.trim().toLowerCase();
  const at = text.search(/[!@]/);
  if (at <= 0 || at === text.length - 1 || /[!@\s]/.test(text.slice(at + 1)) || /\s/.test(text.slice(0, at))) return null;
  return text.charCodeAt(at) === 64 ? text : `${text.slice(0, at)}@${text.slice(at + 1)}`;
}

/**
 * Reads a gitdm affiliations file one line at a time. A company line before any person line, or
 * a person line with no company lines, is a warning (the person is kept, with no affiliations).
 * A person line with neither a login nor a valid email is a warning and its company lines are
 * skipped. A `lazy` reader keeps company lines unread, and the problems of person lines aside,
 * for readAffiliations to read and report for the people who matter: of cncf/gitdm's 100,000
 * people, those who contributed to the projects (their lines' problems are the ones a user of
 * the file can act on).
 */
export class GitdmReader implements LineReader {
  readonly people: GitdmPerson[] = [];
  readonly warnings: ConfigProblem[] = [];
  /** The person company lines belong to; 'skip' after an unusable person line, null before any. */
  private current: GitdmPerson | 'skip' | null = null;
  /** A lazy reader's company lines of the current person, joined into one string at its end. */
  private readonly unread: string[] = [];

  constructor(
    private readonly file: string,
    private readonly lazy = false,
  ) {}

  private warn(message: string, line: number): void {
    this.warnings.push({ message, origin: { file: this.file, line } });
  }

  private close(): void {
    const current = this.current;
    if (current === null || current === 'skip') return;
    if (!this.lazy) return noCompanyLines(current, this.warnings);
    // One flat string per person, not an array of slices of the file's chunks: 100,000 people stay small.
    current.unread = this.unread.join('\n');
    this.unread.length = 0;
  }

  /** One line of the file (1-based `line`), without its line break. */
  line(raw: string, line: number): void {
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    if (/^\s/.test(raw)) {
      const current = this.current;
      if (current === null) {
        this.warn('company line before any person line; a block starts with a non-indented "login: email!domain, …" line', line);
      } else if (current !== 'skip' && this.lazy) {
        this.unread.push(`${line}\t${content}`);
      } else if (current !== 'skip') {
        const parsed = parseAffiliation(content, this.file, line);
        if (typeof parsed === 'string') this.warn(parsed, line);
        else current.affiliations.push(parsed);
      }
      return;
    }
    this.close();
    const { login, list } = splitPersonLine(content);
    const emails: string[] = [];
    const problems: ConfigProblem[] = [];
    for (const token of list.split(',')) {
      if (token.trim() === '') continue;
      const email = decodeEmail(token);
      if (email === null) problems.push({ message: `"${token.trim()}" is not an email address (expected user!domain)`, origin: { file: this.file, line } });
      else if (!emails.includes(email)) emails.push(email);
    }
    if (login === null && emails.length === 0) {
      // Nobody can be linked to such a person: a lazy reader has no one to report it for.
      if (!this.lazy) this.warnings.push(...problems);
      if (!this.lazy) this.warn('person line has neither a login nor an email; expected "login: email!domain, …"; its company lines are skipped', line);
      this.current = 'skip';
      return;
    }
    this.current = { login, emails, affiliations: [], file: this.file, line };
    if (this.lazy && problems.length > 0) this.current.problems = problems;
    else this.warnings.push(...problems);
    this.people.push(this.current);
  }

  /** After the last line. */
  end(): void {
    this.close();
    this.current = null;
  }
}

function noCompanyLines(person: GitdmPerson, warnings: ConfigProblem[]): void {
  if (person.affiliations.length > 0) return;
  const message = `${person.login ?? person.emails[0] ?? 'person'} has no company lines (indented "Company", "Company until YYYY-MM-DD", …)`;
  warnings.push({ message, origin: { file: person.file, line: person.line } });
}

/** Reads the company lines a lazy reader left unread, reporting their problems. */
export function readAffiliations(person: GitdmPerson, warnings: ConfigProblem[]): void {
  if (person.problems) warnings.push(...person.problems);
  delete person.problems;
  const unread = person.unread;
  if (unread === undefined) return;
  delete person.unread;
  for (const entry of unread === '' ? [] : unread.split('\n')) {
    const tab = entry.indexOf('\t');
    const line = Number(entry.slice(0, tab));
    const parsed = parseAffiliation(entry.slice(tab + 1), person.file, line);
    if (typeof parsed === 'string') warnings.push({ message: parsed, origin: { file: person.file, line } });
    else person.affiliations.push(parsed);
  }
  noCompanyLines(person, warnings);
}

/**
 * The people who share an email or login with the known ones, or with another such person,
 * however long the chain (the sets grow with each person taken): the others can meet no
 * contribution. Keys as GitdmReader writes them: lower-cased emails and logins.
 */
export function linkedPeople(people: readonly GitdmPerson[], emails: Set<string>, logins: Set<string>): GitdmPerson[] {
  const touches = (person: GitdmPerson) => (person.login !== null && logins.has(person.login)) || person.emails.some((address) => emails.has(address));
  const linked: GitdmPerson[] = [];
  let rest = people;
  for (let grew = true; grew; ) {
    grew = false;
    const next: GitdmPerson[] = [];
    for (const person of rest) {
      if (!touches(person)) {
        next.push(person);
        continue;
      }
      grew = true;
      for (const address of person.emails) emails.add(address);
      if (person.login !== null) logins.add(person.login);
      linked.push(person);
    }
    rest = next;
  }
  return linked;
}

/** Parses a whole gitdm affiliations file; see GitdmReader. */
export function parseGitdm(text: string, file: string): { people: GitdmPerson[]; warnings: ConfigProblem[] } {
  const reader = new GitdmReader(file);
  feedText(text, reader);
  return { people: reader.people, warnings: reader.warnings };
}
