/**
 * Company names: which email domains imply a company, which names are not companies, and
 * aliases that fold spellings and acquisitions into one name. Pure functions over plain maps.
 */

/**
 * Domains of free or personal mail, machine-local host names and placeholders. An address on
 * one of these (or on a subdomain of one) says nothing about the author's employer.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Global webmail.
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'outlook.com',
  'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.co.jp', 'yahoo.co.in', 'yahoo.com.br',
  'yahoo.fr', 'yahoo.de', 'ymail.com', 'rocketmail.com', 'icloud.com', 'me.com', 'mac.com',
  'aol.com', 'mail.com', 'zoho.com', 'fastmail.com', 'fastmail.fm', 'hey.com',
  'protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me', 'tutanota.com', 'riseup.net',
  // Regional webmail and ISPs.
  'gmx.de', 'gmx.net', 'gmx.com', 'web.de', 't-online.de', 'posteo.de', 'mailbox.org', 'free.fr',
  'orange.fr', 'laposte.net', 'libero.it', 'seznam.cz', 'wp.pl', 'o2.pl', 'comcast.net',
  'mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'yandex.ru', 'yandex.com', 'ya.ru', 'rambler.ru',
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sohu.com', '139.com',
  'naver.com', 'daum.net', 'hanmail.net',
  // GitHub's private-email addresses.
  'users.noreply.github.com',
  // Host names git makes up when no email is configured, and reserved example domains.
  'localhost', 'localdomain', 'local', '(none)', 'invalid', 'example.com', 'example.org', 'example.net',
]);

/**
 * Names that record the absence of an employer (gitdm's `Independent`, `Unknown`, `NotFound`,
 * `(Unknown)`, `?`), compared without case, surrounding parentheses or extra spaces.
 */
const NOT_COMPANIES: ReadonlySet<string> = new Set([
  'independent', 'unknown', 'notfound', 'not found', '?', '-', 'none', 'n/a', 'self-employed',
]);

/**
 * Of NOT_COMPANIES, those that say the person works for no company (known), rather than that
 * nobody knows (`Unknown`, `NotFound`, `?`): devstats counts Independent as a known affiliation.
 */
const INDEPENDENT_NAMES: ReadonlySet<string> = new Set(['independent', 'self-employed']);

/**
 * How an affiliation to no company is stored (`affiliations.company`): the person is known to
 * work for no company. It is no company in any company figure (the `contributions` view gives
 * it as company NULL, affiliation `independent`), but it is a known affiliation: it counts
 * toward the affiliation coverage, and the person is not listed by `people --unaffiliated`.
 */
export const INDEPENDENT = 'Independent';

/** gitdm's `NotFound` and its kin: nothing is known (unlike `Independent`: known to be no company). */
const UNKNOWN: ReadonlySet<string> = new Set(['unknown', 'notfound', 'not found', '?', '-', 'n/a']);

/** Lower-cased keys of a caller's map, computed once per map object (and again if its size changes). */
const lowered = new WeakMap<ReadonlyMap<string, string>, { size: number; map: Map<string, string> }>();

function lowerKeys(map: ReadonlyMap<string, string>): Map<string, string> {
  const cached = lowered.get(map);
  if (cached && cached.size === map.size) return cached.map;
  const result = new Map<string, string>();
  for (const [key, value] of map) result.set(normaliseName(key).toLowerCase(), value);
  lowered.set(map, { size: map.size, map: result });
  return result;
}

/** A name trimmed, with each run of spaces made one: how company names are compared and kept. */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

function notCompanyKey(name: string): string {
  return normaliseName(name).toLowerCase().replace(/^\((.*)\)$/, '$1').trim();
}

/** True for the names in NOT_COMPANIES, with or without parentheses, in any case. */
export function isNotCompany(name: string): boolean {
  const key = notCompanyKey(name);
  return key === '' || NOT_COMPANIES.has(key);
}

/** True for `Independent` and `Self-employed` (any case, with or without parentheses): no company, and known so. */
function isIndependent(name: string): boolean {
  return INDEPENDENT_NAMES.has(notCompanyKey(name));
}

/** A name that is not a company as an affiliation: INDEPENDENT for the independent ones, null (unknown) for the others. */
function notCompanyValue(name: string): string | null {
  return isIndependent(name) ? INDEPENDENT : null;
}

/** True for `Unknown`, `NotFound`, `?` and the like (with or without parentheses): no information. */
export function isUnknownCompany(name: string): boolean {
  const key = notCompanyKey(name);
  return key === '' || UNKNOWN.has(key);
}

/** gitdm's `(Robots)`: the affiliation of a bot account, not a company. */
export function isRobots(name: string): boolean {
  return /^\(\s*robots?\s*\)$/i.test(name.trim());
}

/**
 * The company an affiliation line (gitdm, email map) names: INDEPENDENT for the independent
 * ones, null for Unknown, NotFound, (Robots) and the like (the lines say which: isUnknownCompany,
 * isRobots), else the name as written.
 */
export function affiliationCompany(name: string): string | null {
  if (isRobots(name)) return null;
  return isNotCompany(name) ? notCompanyValue(name) : name;
}

/** The lower-cased part after the last `@`, or null when there is none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = email.slice(at + 1).trim().toLowerCase().replace(/\.+$/, '');
  return domain === '' || /\s/.test(domain) ? null : domain;
}

/** `eng.acme.com`, `acme.com`, `com`: the domain and each parent, most specific first. */
function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  return labels.map((_, i) => labels.slice(i).join('.'));
}

/**
 * The domains whose entries in a domain map may name an email's company, most specific first:
 * the email's own domain, then each parent (eng.acme.com, acme.com, com), up to a free-mail
 * domain met on the way, which ends the list (an address there says nothing of an employer).
 */
export function companyDomains(email: string): readonly string[] {
  const domain = emailDomain(email);
  if (domain === null) return [];
  let candidates = domainCandidates.get(domain);
  if (candidates === undefined) {
    const all = domainAndParents(domain);
    const free = all.findIndex((candidate) => FREE_MAIL_DOMAINS.has(candidate));
    candidates = free < 0 ? all : all.slice(0, free);
    // Domains are few next to addresses; a long-running process should not grow without bound.
    if (domainCandidates.size > 100_000) domainCandidates.clear();
    domainCandidates.set(domain, candidates);
  }
  return candidates;
}
const domainCandidates = new Map<string, readonly string[]>();

/**
 * The company an email domain implies via the configured map; free-mail domains never imply one.
 * Subdomains match their parent entry (eng.acme.com → acme.com). The most specific domain wins
 * (see companyDomains). Map keys are compared without case.
 */
export function companyFromDomain(email: string, domains: ReadonlyMap<string, string>): string | null {
  const map = lowerKeys(domains);
  for (const candidate of companyDomains(email)) {
    const company = map.get(candidate);
    if (company !== undefined) return company;
  }
  return null;
}
/**
 * Applies aliases (case-insensitive on the left: acquisitions, spellings), maps Independent
 * (and Self-employed) to INDEPENDENT and Unknown, NotFound and the like to null. Spaces are
 * trimmed and runs of spaces made one. Aliases chain (`Heptio → VMware Inc.`, `VMware Inc. →
 * VMware` gives `VMware`); a cycle stops at the name where it would repeat. A name with no
 * alias is returned as written (normalised spaces).
 */
export function canonicalCompany(name: string | null, aliases: ReadonlyMap<string, string>): string | null {
  if (name === null) return null;
  if (isNotCompany(name)) return notCompanyValue(name);
  const map = lowerKeys(aliases);
  let current = normaliseName(name);
  const seen = new Set<string>([current.toLowerCase()]);
  for (;;) {
    const next = map.get(current.toLowerCase());
    if (next === undefined) break;
    const normalised = normaliseName(next);
    if (isNotCompany(normalised)) return notCompanyValue(normalised);
    if (seen.has(normalised.toLowerCase())) {
      current = normalised;
      break;
    }
    seen.add(normalised.toLowerCase());
    current = normalised;
  }
  return current;
}
