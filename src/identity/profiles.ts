/**
 * The `company` of GitHub profiles: free text people type (`@cloudbees`, `Red Hat, Inc.`,
 * `Freelance`, `@redhat, @ibm`), made into company names. Pure functions.
 *
 * A profile is today's employer as its owner wrote it, read on a given day: the weakest
 * affiliation source (below cdstats.yaml and gitdm files, above email domains).
 */
import { INDEPENDENT, canonicalCompany, isNotCompany, normaliseName } from './companies.js';

/** A profile's company as written, made a name; `handle` when it was exactly `@handle` (an organisation's display name may replace it). */
export interface ProfileCompany {
  company: string;
  handle: string | null;
}

/**
 * What people write in a profile that says they have no employer, or nothing about one. Such a
 * profile is read as empty (no company), not as Independent: a word typed into a profile is
 * not the statement a gitdm `Independent` line is, and should not hide an email-domain map.
 */
const NO_EMPLOYER: ReadonlySet<string> = new Set([
  'freelance', 'freelancer', 'freelancing', 'self', 'self employed', 'selfemployed', 'myself', 'me', 'personal', 'private',
  'home', 'student', 'retired', 'unemployed', 'nobody', 'nothing', 'no', 'null', 'nil', 'undefined', 'na', 'n.a.', 'none yet',
  'individual', 'independent contractor', 'independent developer', 'hobbyist', 'hobby', 'open to work', 'looking for work',
  'looking for a job', 'available', 'various', 'multiple', '.', '*', '~', '--', '---', '...', '/', '@',
]);

/** Legal forms (Inc., LLC, Ltd., GmbH, Corp., Corporation, Co., …), as a piece of a regular expression. */
const FORMS = String.raw`inc\.?|incorporated|l\.?l\.?c\.?|ltd\.?|limited|gmbh|corp\.?|corporation|co\.|plc\.?|ag|se|s\.a\.?|b\.?v\.?|pty\.?|s\.r\.l\.?|sas|oy|k\.k\.|a\/s`;
/** A legal form at the end of a name: `Acme, Inc.`, `Acme GmbH`, `Acme Co., Ltd.` (stripped repeatedly). */
const LEGAL_FORM = new RegExp(String.raw`[\s,]+(?:${FORMS})$`, 'i');
/** A piece that is only a legal form (`Ltd.` of `Acme Co., Ltd.` split at its comma). */
const ONLY_LEGAL_FORM = new RegExp(String.raw`^(?:${FORMS})$`, 'i');

/** Separators between several companies in one profile; `/` only with spaces round it (N/A, AT&T/Labs). */
const SEPARATOR = /\s*(?:[,;|]|\s\/\s|\s+-\s+|\s+·\s+)\s*/;

/** A GitHub login (or organisation) as `@` mentions write it. */
const HANDLE = /^@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(?![A-Za-z0-9-])/;

function tidy(text: string): string {
  return text
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
    .trim();
}

/** `Red Hat, Inc.` → `Red Hat`; never down to nothing (`Inc.` alone stays). */
export function stripLegalForm(name: string): string {
  let current = tidy(name);
  for (;;) {
    const stripped = current.replace(LEGAL_FORM, '').replace(/[\s,&]+$/, '');
    if (stripped === current || stripped.length < 2) return current.replace(/[\s,;:.]+$/, '') || current;
    current = stripped;
  }
}

function noEmployer(text: string): boolean {
  const key = text.toLowerCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ').trim();
  return isNotCompany(text) || NO_EMPLOYER.has(key) || NO_EMPLOYER.has(text.toLowerCase());
}

/** `https://www.acme.com/about` → `acme.com`; null when the text is not a URL. */
function urlHost(text: string): string | null {
  if (!/^(?:https?:\/\/|www\.)\S+$/i.test(text)) return null;
  try {
    return new URL(/^https?:/i.test(text) ? text : `https://${text}`).hostname.replace(/^www\./, '').toLowerCase() || null;
  } catch {
    return null;
  }
}

/**
 * A profile's `company` made a name, or null when it names none. In order: spaces tidied;
 * a value naming no employer (`-`, `none`, `n/a`, `freelance`, `self-employed`, `student`, …)
 * is null; several companies (`@redhat, @ibm`, `Google / Alphabet`, `Acme | Foo`) give the
 * first; a parenthesis at the end is dropped (`Google (ex-Microsoft)`); a leading `@` is
 * dropped (`@cloudbees` → `cloudbees`, with the handle kept so that the organisation's
 * display name can replace it); legal forms are stripped (Inc., LLC, Ltd., GmbH, Corp.,
 * Corporation, Co., PLC, AG, SE, S.A., B.V.); a URL gives its host (`https://www.acme.com` →
 * `acme.com`, which `identity.domains` can map). Casing and aliases are applied later, when
 * every source is known (see `profileCompanies`).
 */
export function parseProfileCompany(raw: string | null | undefined): ProfileCompany | null {
  if (raw === null || raw === undefined) return null;
  const text = tidy(raw);
  if (text === '' || noEmployer(text)) return null;
  const pieces = text
    .split(SEPARATOR)
    .map((p) => tidy(p))
    .filter((p) => p !== '' && !ONLY_LEGAL_FORM.test(p));
  const first = pieces.find((p) => !noEmployer(p)) ?? null;
  if (first === null) return null;
  let piece = tidy(first.replace(/\s*\([^()]*\)\s*$/, '')) || first;
  const handle = HANDLE.exec(piece);
  // Two handles with only a space between them (`@redhat @ibm`) are two companies, too.
  if (handle && /^@\S+\s+@/.test(piece)) piece = handle[0];
  const exact = handle !== null && handle[0] === piece;
  const host = urlHost(piece);
  const name = host ?? stripLegalForm(piece.replace(/^@+/, ''));
  if (name === '' || noEmployer(name)) return null;
  return { company: name, handle: exact && handle?.[1] ? handle[1].toLowerCase() : null };
}

/** The key two spellings of one company share: letters and digits only, lower-cased (`Red Hat` and `@redhat`). */
export function companyKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** One row of `github_profiles`, as identity resolution reads it. */
export interface StoredProfile {
  /** Lower-cased. */
  login: string;
  /** `User`, `Organization` or `missing`. */
  kind: string;
  /** An organisation's display name. */
  name: string | null;
  companyRaw: string | null;
  /** ISO time. */
  readAt: string;
}

export interface ProfileAffiliation {
  company: string;
  readAt: string;
}

/** A host name (what a URL in a profile becomes, or a company named like one: `booking.com`). */
const HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/i;

const hasCapital = (s: string): boolean => s !== s.toLowerCase();

/**
 * Each user login's company from their profile, spelt as the other sources spell it. For each
 * profile: `@handle` becomes the organisation's display name when that organisation's profile
 * was read (`@cloudbees` → `CloudBees, Inc.` → `CloudBees`); a URL's host maps through
 * `identity.domains`; then a name that matches, ignoring case, spaces and punctuation, a
 * company named elsewhere (cdstats.yaml, gitdm files, alias keys and values, the domain map:
 * `known`) takes that spelling (`@redhat` → `Red Hat`); aliases apply last. A name found only
 * in profiles takes its most common spelling with a capital letter (`cloudbees` and
 * `CloudBees` → `CloudBees`), ties broken alphabetically, so that one company is one name.
 */
export function profileCompanies(
  profiles: readonly StoredProfile[],
  known: Iterable<string | null>,
  aliases: ReadonlyMap<string, string>,
  domains: ReadonlyMap<string, string>,
): Map<string, ProfileAffiliation> {
  const spelling = new Map<string, string>();
  const remember = (name: string | null) => {
    if (name === null) return;
    const key = companyKey(name);
    if (key !== '' && !spelling.has(key)) spelling.set(key, normaliseName(name));
  };
  for (const name of known) remember(name);
  for (const [from, to] of aliases) {
    remember(to);
    remember(from);
  }
  for (const name of domains.values()) remember(name);
  const organisations = new Map<string, string>();
  for (const p of profiles) {
    if (p.kind !== 'Organization' || p.name === null) continue;
    const parsed = parseProfileCompany(p.name);
    if (parsed) organisations.set(p.login, parsed.company);
  }
  const base = new Map<string, { name: string; readAt: string }>();
  for (const p of profiles) {
    if (p.kind !== 'User') continue;
    const parsed = parseProfileCompany(p.companyRaw);
    if (!parsed) continue;
    const mapped = HOST.test(parsed.company) ? domainCompany(parsed.company.toLowerCase(), domains) : null;
    base.set(p.login, { name: mapped ?? (parsed.handle !== null ? organisations.get(parsed.handle) : undefined) ?? parsed.company, readAt: p.readAt });
  }
  // Spellings found only in profiles: the commonest with a capital letter, else the commonest.
  const votes = new Map<string, Map<string, number>>();
  for (const { name } of base.values()) {
    const key = companyKey(name);
    if (key === '' || spelling.has(key)) continue;
    const counts = votes.get(key) ?? new Map<string, number>();
    counts.set(name, (counts.get(name) ?? 0) + 1);
    votes.set(key, counts);
  }
  for (const [key, counts] of votes) {
    const ranked = [...counts].sort(([a, n], [b, m]) => Number(hasCapital(b)) - Number(hasCapital(a)) || m - n || (a < b ? -1 : a > b ? 1 : 0));
    if (ranked[0]) spelling.set(key, ranked[0][0]);
  }
  const result = new Map<string, ProfileAffiliation>();
  for (const [login, { name, readAt }] of base) {
    const key = companyKey(name);
    const company = canonicalCompany(key === '' ? name : (spelling.get(key) ?? name), aliases);
    // Independent from a profile is a word typed into a form: like `freelance`, it names no
    // employer and must not hide a configured email domain.
    if (company !== null && company !== INDEPENDENT) result.set(login, { company, readAt });
  }
  return result;
}

/** The company `identity.domains` gives a host (or a parent of it), without the free-mail rule: a profile's URL is not a mailbox. */
function domainCompany(host: string, domains: ReadonlyMap<string, string>): string | null {
  const labels = host.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const candidate = labels.slice(i).join('.');
    for (const [domain, company] of domains) if (domain.toLowerCase() === candidate) return company;
  }
  return null;
}

/** A person's profile company: of their logins with one, the profile read last (then the first login). */
export function profileFor(logins: readonly string[], companies: ReadonlyMap<string, ProfileAffiliation>): ProfileAffiliation | undefined {
  let best: ProfileAffiliation | undefined;
  for (const login of logins) {
    const found = companies.get(login);
    if (found && (!best || found.readAt > best.readAt)) best = found;
  }
  return best;
}
