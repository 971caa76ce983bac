import type { ConfigProblem, IdentityConfig } from '../config/types.js';
import { isBot, isWebFlow } from './bots.js';
import { canonicalCompany, companyFromDomain } from './companies.js';
import type { GitdmPerson } from './gitdm.js';
import { isMachineEmail } from './machine.js';
import { mailmapLookup, type MailmapEntry } from './mailmap.js';
import { resolvePeriods, type Period } from './ranges.js';
import { parseAffiliation, type AffiliationLine } from './gitdm.js';
import { profileCompanies, profileFor, type ProfileAffiliation, type StoredProfile } from './profiles.js';

/**
 * An email with one name written with it (on commits or co-author trailers), or a GitHub login
 * with the name it was last seen under.
 */
export interface Observation {
  kind: 'email' | 'login';
  /** Lower-cased. */
  key: string;
  name: string | null;
  /** When it was last used (ISO), to pick the most recent display name. */
  at: string | null;
  githubBot: boolean;
}

export interface IdentityInputs {
  observations: Observation[];
  /** GitHub's own link of a commit author's email to a login, with the account's numeric id when known. */
  commitLogins: { email: string; login: string; userId: string | null }[];
  /** Logins seen with their account's numeric id (accounts.ts): a renamed account's logins share it. */
  accounts?: { login: string; userId: string }[];
  mailmaps: MailmapEntry[];
  gitdm: GitdmPerson[];
  config: IdentityConfig;
  /** Source slot: GitHub profiles as collected (table github_profiles); see profiles.ts. */
  profiles?: StoredProfile[];
}

export interface Person {
  personId: string;
  name: string;
  isBot: boolean;
  emails: string[];
  logins: string[];
  /** `readAt`: when the source was read (a GitHub profile), else absent. */
  periods: (Period & { source: string; readAt?: string })[];
}

/**
 * A (name, email) written on commits whose person or bot-ness differs from the email's: a
 * mailmap entry qualified by the commit name sends it elsewhere, or the name is a bot's.
 */
export interface IdentityPair {
  /** Lower-cased, as the `contributions` view compares it. */
  name: string;
  email: string;
  personId: string;
  isBot: boolean;
}

export interface Resolution {
  people: Person[];
  /** `email:…` / `login:…` key → person id. */
  keys: Map<string, string>;
  pairs: IdentityPair[];
  warnings: ConfigProblem[];
}

/** The person id of the unknown identity: every email that names a machine (see machine.ts). Keys are `kind:value`, so no person has it. */
export const UNKNOWN_PERSON_ID = 'unknown';
export const UNKNOWN_PERSON_NAME = '(unknown identity)';

/** Group 1: GitHub's numeric user id, when the address has it (since 2017); group 2: the login. */
const NOREPLY = /^(?:(\d+)\+)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\[bot\])?)@users\.noreply\.github\.com$/;

/** Union-find over identity keys. */
class Components {
  private readonly parent = new Map<string, string>();
  add(key: string): void {
    if (!this.parent.has(key)) this.parent.set(key, key);
  }
  find(key: string): string {
    this.add(key);
    let root = key;
    while (this.parent.get(root) !== root) root = this.parent.get(root) ?? root;
    let node = key;
    while (node !== root) {
      const next = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // The smaller key becomes the root, so a person's id is the smallest of their keys.
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }
  keys(): string[] {
    return [...this.parent.keys()];
  }
}

const email = (value: string) => `email:${value.trim().toLowerCase()}`;
const login = (value: string) => `login:${value.trim().toLowerCase()}`;

/**
 * Resolves people from everything seen: keys are emails and GitHub logins, joined by the
 * rules of INDICATORS.md (same email; mailmap; GitHub noreply emails; GitHub's commit-author
 * login; gitdm entries; explicit people in the config) and never by name alone. Pure.
 */
export function resolveIdentities(inputs: IdentityInputs): Resolution {
  const warnings: ConfigProblem[] = [];
  const sets = new Components();
  const names = new Map<string, { name: string; at: string; rank: number }>();
  const note = (key: string, name: string | null, at: string | null, rank: number) => {
    if (!name || name.trim() === '') return;
    const current = names.get(key);
    const when = at ?? '';
    if (!current || rank > current.rank || (rank === current.rank && when > current.at)) names.set(key, { name: name.trim(), at: when, rank });
  };
  const bots = new Set<string>();
  const { config } = inputs;
  // A renamed GitHub account keeps its numeric id: the first key seen with an id stands for it.
  const accounts = new Map<string, string>();
  const account = (id: string | null | undefined, key: string) => {
    if (!id) return;
    const first = accounts.get(id);
    if (first === undefined) accounts.set(id, key);
    else sets.union(first, key);
  };
  const mapped = mailmapLookup(inputs.mailmaps);
  // Each (name, email) written on commits: the key a qualified mailmap entry sends it to, and whether the name is a bot's.
  const written: { name: string; email: string; key: string; isBot: boolean }[] = [];
  for (const o of inputs.observations) {
    const key = o.kind === 'email' ? email(o.key) : login(o.key);
    sets.add(key);
    // An email is a bot's by the email alone; a name makes only its own commits a bot's (see pairs).
    const bot = o.kind === 'email' ? isWebFlow(null, o.key) || isBot({ email: o.key }, config.bots) : isBot({ login: o.key, name: o.name, githubBot: o.githubBot }, config.bots);
    if (bot) bots.add(key);
    const nameIsBot = o.kind === 'email' && (isWebFlow(o.name, o.key) || isBot({ name: o.name, email: o.key }, config.bots));
    // A login is a name only when nothing better is known; a bot's name on a person's email only when nothing else is.
    note(key, o.name, o.at, o.kind === 'login' ? -1 : nameIsBot && !bot ? -2 : 0);
    if (o.kind === 'email') {
      const target = mapped(o.name ?? '', o.key);
      const writtenKey = target?.byName && target.email ? email(target.email) : key;
      sets.add(writtenKey);
      written.push({ name: (o.name ?? '').trim().toLowerCase(), email: o.key, key: writtenKey, isBot: nameIsBot });
    }
    const noreply = o.kind === 'email' ? NOREPLY.exec(o.key) : null;
    if (noreply?.[2]) sets.union(key, login(noreply[2]));
    account(noreply?.[1], key);
  }
  for (const link of inputs.commitLogins) {
    sets.union(email(link.email), login(link.login));
    account(link.userId, login(link.login));
  }
  for (const seen of inputs.accounts ?? []) account(seen.userId, login(seen.login));
  for (const entry of inputs.mailmaps) {
    const from = email(entry.commitEmail);
    sets.add(from);
    // An entry qualified by a commit name maps only that name's commits (pairs below), not the email.
    if (entry.commitName === null && entry.properEmail) sets.union(from, email(entry.properEmail));
    const to = entry.properEmail ? email(entry.properEmail) : from;
    if (entry.commitName === null || to !== from) note(to, entry.properName, null, 1);
  }
  const affiliations = new Map<string, { lines: AffiliationLine[]; source: string }[]>();
  const attach = (key: string, lines: AffiliationLine[], source: string) => {
    const list = affiliations.get(key) ?? [];
    list.push({ lines, source });
    affiliations.set(key, list);
  };
  for (const person of inputs.gitdm) {
    const keys = [...person.emails.map(email), ...(person.login ? [login(person.login)] : [])];
    const first = keys[0];
    if (!first) continue;
    for (const key of keys) sets.union(first, key);
    attach(first, person.affiliations, 'gitdm');
  }
  for (const person of config.people) {
    const keys = [...person.emails.map(email), ...person.logins.map(login)];
    const first = keys[0];
    if (!first) continue;
    for (const key of keys) sets.union(first, key);
    if (person.name) note(first, person.name, null, 2);
    const lines: AffiliationLine[] = [];
    for (const a of person.affiliations) {
      const parsed = parseAffiliation(a.text, a.origin.file, a.origin.line);
      if (typeof parsed === 'string') warnings.push({ message: parsed, origin: a.origin });
      else lines.push(parsed);
    }
    if (lines.length > 0) attach(first, lines, 'config');
  }

  // Source slot: GitHub profiles, spelt as the companies named by the config and gitdm lines.
  const known = [...affiliations.values()].flatMap((list) => list.flatMap((s) => s.lines.map((line) => line.company)));
  const profiles = profileCompanies(inputs.profiles ?? [], known, config.aliases, config.domains);

  const members = new Map<string, string[]>();
  for (const key of sets.keys()) {
    const root = sets.find(key);
    const list = members.get(root) ?? [];
    list.push(key);
    members.set(root, list);
  }
  const keys = new Map<string, string>();
  const people: Person[] = [];
  const unknown: Person = { personId: UNKNOWN_PERSON_ID, name: UNKNOWN_PERSON_NAME, isBot: false, emails: [], logins: [], periods: [] };
  const pairsOf = new Map<string, typeof written>();
  for (const w of written) {
    const root = sets.find(w.key);
    const list = pairsOf.get(root);
    if (list) list.push(w);
    else pairsOf.set(root, [w]);
  }
  for (const [root, list] of members) {
    list.sort();
    const best = list.map((k) => names.get(k)).reduce<{ name: string; at: string; rank: number } | undefined>(
      (a, b) => (!b ? a : !a || b.rank > a.rank || (b.rank === a.rank && b.at > a.at) ? b : a),
      undefined,
    );
    const emails = list.filter((k) => k.startsWith('email:')).map((k) => k.slice(6));
    const logins = list.filter((k) => k.startsWith('login:')).map((k) => k.slice(6));
    // Only bot names on their commits ("Spinnaker Bot" <…+spinnakerbot2@users.noreply…>): a bot however its email is written.
    const own = pairsOf.get(root) ?? [];
    const isBotPerson = list.some((k) => bots.has(k)) || (own.length > 0 && own.every((w) => w.isBot));
    if (!isBotPerson && logins.length === 0 && emails.every(isMachineEmail)) {
      for (const key of list) keys.set(key, UNKNOWN_PERSON_ID);
      unknown.emails.push(...emails);
      continue;
    }
    for (const key of list) keys.set(key, root);
    people.push({
      personId: root,
      name: best?.name ?? logins[0] ?? emails[0] ?? root,
      isBot: isBotPerson,
      emails,
      logins,
      periods: personPeriods(root, list, affiliations, profiles, inputs.config, warnings),
    });
  }
  if (unknown.emails.length > 0) people.push({ ...unknown, emails: unknown.emails.sort() });
  people.sort((a, b) => (a.personId < b.personId ? -1 : 1));
  const botIds = new Set(people.filter((p) => p.isBot).map((p) => p.personId));
  const pairs = new Map<string, IdentityPair>();
  for (const w of written) {
    const personId = keys.get(w.key) ?? w.key;
    const isBotPair = w.isBot && !botIds.has(personId);
    if (personId !== keys.get(email(w.email)) || isBotPair) pairs.set(`${w.name}\n${w.email}`, { name: w.name, email: w.email, personId, isBot: isBotPair });
  }
  return { people, keys, pairs: [...pairs.values()], warnings };
}

/**
 * A person's companies over time: lines from cdstats.yaml, when it has any for the person,
 * replace those of gitdm files; with no lines at all, the company of their GitHub profile,
 * for all time (a profile is today's employer, but it is all that is known; devstats applies
 * it so too); with none, the email-domain map may name one.
 * Company aliases apply before periods are merged, so an acquisition reads as one company.
 */
function personPeriods(
  root: string,
  keys: string[],
  affiliations: Map<string, { lines: AffiliationLine[]; source: string }[]>,
  profiles: ReadonlyMap<string, ProfileAffiliation>,
  config: IdentityConfig,
  warnings: ConfigProblem[],
): Person['periods'] {
  const all = keys.flatMap((k) => affiliations.get(k) ?? []);
  const fromConfig = all.filter((s) => s.source === 'config');
  const chosen = fromConfig.length > 0 ? fromConfig : all;
  const lines = chosen.flatMap((s) => s.lines).map((line) => ({ ...line, company: canonicalCompany(line.company, config.aliases) }));
  if (lines.length > 0) {
    const { periods, conflicts } = resolvePeriods(lines, root);
    for (const c of conflicts) warnings.push({ message: c.message, origin: { file: c.second.file, line: c.second.line } });
    return periods.map((p) => ({ ...p, source: fromConfig.length > 0 ? 'config' : 'gitdm' }));
  }
  // Source slot: the GitHub profile, below the config and gitdm, above email domains.
  const profile = profileFor(keys.filter((k) => k.startsWith('login:')).map((k) => k.slice(6)), profiles);
  if (profile) return [{ company: profile.company, from: null, until: null, file: 'github profile', line: 0, source: 'github profile', readAt: profile.readAt }];
  for (const key of keys) {
    if (!key.startsWith('email:')) continue;
    const company = canonicalCompany(companyFromDomain(key.slice(6), config.domains), config.aliases);
    if (company) return [{ company, from: null, until: null, file: '', line: 0, source: 'domain' }];
  }
  return [];
}
