import type { ConfigProblem, IdentityConfig } from '../config/types.js';
import { isBot, isExcludedBot, isWebFlow } from './bots.js';
import type { EmailMapLine } from './email-map.js';
import { linkedPeople, parseAffiliation, type AffiliationLine, type GitdmPerson } from './gitdm.js';
import { identityKey, keyValues, splitKey } from './keys.js';
import { isMachineEmail } from './machine.js';
import { mailmapLookup, type MailmapEntry } from './mailmap.js';
import { profileCompanies, type StoredProfile } from './profiles.js';
import { EmailMapLookup, personPeriods, type AffiliationSource, type Block, type SourcedPeriod } from './periods.js';

export type { AffiliationSource } from './periods.js';

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
  /** Contributions written with it (with this name, for an email); weighs a person's gitdm blocks (inOrder). */
  contributions?: number;
}

export interface IdentityInputs {
  observations: Observation[];
  /** GitHub's own link of a commit author's email to a login, with the account's numeric id when known. */
  commitLogins: { email: string; login: string; userId: string | null }[];
  /** Logins seen with their account's numeric id (accounts.ts): a renamed account's logins share it. */
  accounts?: { login: string; userId: string }[];
  mailmaps: MailmapEntry[];
  gitdm: GitdmPerson[];
  /** gitdm email map lines by key: an email, or a whole domain. */
  emailMap?: ReadonlyMap<string, readonly EmailMapLine[]>;
  /** gitdm's company names mapping (lower-cased name → name), below the config's aliases. */
  companyNames?: ReadonlyMap<string, string>;
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
  periods: SourcedPeriod[];
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
  /** `email:…` / `login:…` key → person id, for the keys seen in the data (contributions are written with them). */
  keys: Map<string, string>;
  pairs: IdentityPair[];
  warnings: ConfigProblem[];
}

/** The person id of the unknown identity: every email that names a machine (see machine.ts). Keys are `kind:value`, so no person has it. */
export const UNKNOWN_PERSON_ID = 'unknown';
const UNKNOWN_PERSON_NAME = '(unknown identity)';

/** Group 1: GitHub's numeric user id, when the address has it (since 2017); group 2: the login. */
export const NOREPLY = /^(?:(\d+)\+)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\[bot\])?)@users\.noreply\.github\.com$/;

/** Union-find over identity keys: each key numbered once, the forest kept in an array of numbers. */
class Components {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly parent: number[] = [];

  private id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(key, id);
      this.names.push(key);
      this.parent.push(id);
    }
    return id;
  }

  private root(id: number): number {
    let root = id;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    for (let node = id; node !== root; ) {
      const next = this.parent[node] ?? root;
      this.parent[node] = root;
      node = next;
    }
    return root;
  }

  add(key: string): void {
    this.id(key);
  }

  find(key: string): string {
    return this.names[this.root(this.id(key))] ?? key;
  }

  union(a: string, b: string): void {
    const ra = this.root(this.id(a));
    const rb = this.root(this.id(b));
    if (ra === rb) return;
    // The smaller key becomes the root, so a person's id is the smallest of their keys.
    if ((this.names[ra] ?? '') < (this.names[rb] ?? '')) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }

  keys(): string[] {
    return [...this.names];
  }
}

const email = (value: string) => identityKey('email', value);
const login = (value: string) => identityKey('login', value);

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
    const key = identityKey(o.kind, o.key);
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
  const affiliations = new Map<string, Block[]>();
  const attach = (key: string, lines: AffiliationLine[], source: AffiliationSource, weight = 0) => {
    const list = affiliations.get(key) ?? [];
    list.push({ lines, source, weight });
    affiliations.set(key, list);
  };
  const contributions = new Map<string, number>();
  for (const o of inputs.observations) {
    const key = identityKey(o.kind, o.key);
    contributions.set(key, (contributions.get(key) ?? 0) + (o.contributions ?? 0));
  }
  /** `(Robots)` in gitdm or the config: a bot, unless `bots.exclude` names the key. */
  const robot = (key: string) => {
    const { kind, value } = splitKey(key);
    if (!isExcludedBot(kind === 'email' ? { email: value } : { login: value }, config.bots)) bots.add(key);
  };
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
    if (lines.some((line) => line.robot)) keys.forEach(robot);
    if (lines.length > 0) attach(first, lines, 'config');
  }

  // gitdm blocks joined to a key known by now, directly or through other such blocks: cncf/gitdm
  // lists some 100,000 people, of whom a few hundred may have contributed to the projects.
  for (const { person, keys } of linkedBlocks(inputs.gitdm, sets)) {
    const first = keys[0];
    if (!first) continue;
    for (const key of keys) sets.union(first, key);
    if (person.affiliations.some((line) => line.robot)) keys.forEach(robot);
    attach(first, person.affiliations, 'gitdm', keys.reduce((n, key) => n + (contributions.get(key) ?? 0), 0));
  }

  // Source slot: GitHub profiles, spelt as the companies named by the config and gitdm lines.
  const known = [...affiliations.values()].flatMap((list) => list.flatMap((s) => s.lines.map((line) => line.company)));
  const profiles = profileCompanies(inputs.profiles ?? [], known, config.aliases, config.domains);

  // Only people with a key seen in the data (not those the mailmaps or the config name alone).
  const seen = new Set<string>();
  for (const o of inputs.observations) seen.add(sets.find(identityKey(o.kind, o.key)));
  for (const w of written) seen.add(sets.find(w.key));
  for (const link of inputs.commitLogins) seen.add(sets.find(email(link.email)));
  const members = new Map<string, string[]>();
  for (const key of sets.keys()) {
    const root = sets.find(key);
    if (!seen.has(root)) continue;
    const list = members.get(root) ?? [];
    list.push(key);
    members.set(root, list);
  }
  const emailMap = new EmailMapLookup(inputs.emailMap ?? new Map(), warnings);
  const aliases = inputs.companyNames && inputs.companyNames.size > 0 ? new Map([...inputs.companyNames, ...config.aliases]) : config.aliases;
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
    const emails = keyValues(list, 'email');
    const logins = keyValues(list, 'login');
    // Only bot names on their commits ("Spinnaker Bot" <…+spinnakerbot2@users.noreply…>): a bot however its email is written.
    const own = pairsOf.get(root) ?? [];
    const isBotPerson = list.some((k) => bots.has(k)) || (own.length > 0 && own.every((w) => w.isBot)) || emails.some((e) => emailMap.isRobot(e) && !isExcludedBot({ email: e }, config.bots));
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
      periods: personPeriods(root, list, emails, { affiliations, emailMap, profiles, aliases, domains: config.domains }, warnings),
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
  // Only the keys contributions are written with need a row: a person's other emails (gitdm lists
  // several per person) are in their `emails`, not in `identities`.
  const seenKeys = new Map<string, string>();
  for (const o of inputs.observations) {
    const key = identityKey(o.kind, o.key);
    const personId = keys.get(key);
    if (personId !== undefined) seenKeys.set(key, personId);
  }
  return { people, keys: seenKeys, pairs: [...pairs.values()], warnings };
}

/** The gitdm blocks that share a key with `sets` (what the data, mailmaps and config name), directly or through other blocks. */
function linkedBlocks(people: readonly GitdmPerson[], sets: Components): { person: GitdmPerson; keys: string[] }[] {
  const keys = sets.keys();
  const emails = new Set(keyValues(keys, 'email'));
  const logins = new Set(keyValues(keys, 'login'));
  return linkedPeople(people, emails, logins).map((person) => ({ person, keys: [...person.emails.map(email), ...(person.login ? [login(person.login)] : [])] }));
}
