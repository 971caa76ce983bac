import { readFile } from 'node:fs/promises';
import type { ConfigProblem, IdentityConfig } from '../config/types.js';
import { formatProblem } from '../config/parse.js';
import { errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import { appendRows } from '../store/append.js';
import type { Database } from '../store/db.js';
import { readProfiles } from '../store/profiles.js';
import { readAccounts } from './accounts.js';
import { identityCacheKey, readCacheState, storedCatalog, syncFingerprint, writeCacheState } from './cache.js';
import { companyDomains } from './companies.js';
import { isDomainKey } from './email-map.js';
import { linkedPeople, readAffiliations, type GitdmPerson } from './gitdm.js';
import { splitKey } from './keys.js';
import { parseMailmap, type MailmapEntry } from './mailmap.js';
import { findSources, readGitdm, type FoundSource } from './sources.js';
import { NOREPLY, resolveIdentities, type IdentityInputs, type IdentityPair, type Observation, type Person, type Resolution } from './resolve.js';

/** Emails once per name written with them (compared without case, as the contributions view does), GitHub logins once. */
const OBSERVATIONS = `
  SELECT 'email' AS kind, key, arg_max(name, seen_at) AS name, strftime(max(seen_at), '%Y-%m-%dT%H:%M:%SZ') AS at, false AS bot, count(*) AS n
  FROM (
    SELECT lower(author_email) AS key, coalesce(author_name, '') AS name, authored_at AS seen_at FROM commits
    UNION ALL
    SELECT lower(t.email), coalesce(t.name, ''), c.authored_at
    FROM commit_trailers t JOIN commits c ON c.repo_id = t.repo_id AND c.sha = t.sha
    WHERE t.key = 'co-authored-by' AND t.email IS NOT NULL AND t.email <> ''
  ) GROUP BY key, lower(trim(name))
  UNION ALL
  SELECT 'login', lower(author_login), arg_max(author_login, seen_at), strftime(max(seen_at), '%Y-%m-%dT%H:%M:%SZ'), bool_or(author_is_bot), count(*)
  FROM (
    SELECT author_login, author_is_bot, created_at AS seen_at FROM pull_requests
    UNION ALL SELECT author_login, author_is_bot, created_at FROM issues
    UNION ALL SELECT author_login, author_is_bot, coalesce(submitted_at, TIMESTAMP '1970-01-01') FROM pr_reviews
    UNION ALL SELECT author_login, author_is_bot, created_at FROM comments
  ) WHERE author_login IS NOT NULL GROUP BY 2`;

async function readText(file: string, what: string, warnings: ConfigProblem[]): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    warnings.push({ message: `cannot read the ${what} file: ${errorMessage(error)}`, origin: { file, line: 1 } });
    return undefined;
  }
}

/** The mailmap files the config names, read now: an edit takes effect on the next command, with no collect. */
async function readMailmapFiles(identity: IdentityConfig, warnings: ConfigProblem[]): Promise<MailmapEntry[]> {
  const mailmaps: MailmapEntry[] = [];
  for (const file of identity.mailmaps) {
    const text = await readText(file, 'mailmap', warnings);
    if (text === undefined) continue;
    const parsed = parseMailmap(text, file);
    mailmaps.push(...parsed.entries);
    warnings.push(...parsed.warnings);
  }
  return mailmaps;
}

/** The emails and logins the data, the mailmaps and the config name: what gitdm people are linked to. */
function knownKeys(inputs: Omit<IdentityInputs, 'gitdm'>): { emails: Set<string>; logins: Set<string> } {
  const emails = new Set<string>();
  const logins = new Set<string>();
  for (const o of inputs.observations) {
    (o.kind === 'email' ? emails : logins).add(o.key.trim());
    const noreply = o.kind === 'email' ? NOREPLY.exec(o.key) : null;
    if (noreply?.[2]) logins.add(noreply[2]);
  }
  for (const link of inputs.commitLogins) {
    emails.add(link.email);
    logins.add(link.login);
  }
  for (const entry of inputs.mailmaps) {
    emails.add(entry.commitEmail);
    if (entry.properEmail) emails.add(entry.properEmail);
  }
  for (const person of inputs.config.people) {
    for (const address of person.emails) emails.add(address);
    for (const name of person.logins) logins.add(name);
  }
  return { emails, logins };
}

/**
 * The gitdm people linked to the known keys (their company lines read now, their problems
 * reported), and which email map keys can matter: those emails, and their domains with their
 * parents. The rest of a 14 MB map is dropped as it is read.
 */
function linkGitdm(inputs: Omit<IdentityInputs, 'gitdm'>, people: GitdmPerson[], warnings: ConfigProblem[]): { linked: GitdmPerson[]; keep: (key: string) => boolean } {
  const { emails, logins } = knownKeys(inputs);
  const linked = linkedPeople(people, emails, logins);
  for (const person of linked) readAffiliations(person, warnings);
  const hosts = new Set<string>();
  for (const address of emails) hosts.add(address.slice(address.lastIndexOf('@') + 1));
  const domains = new Set<string>();
  for (const host of hosts) for (const domain of companyDomains(`@${host}`)) domains.add(domain);
  return { linked, keep: (key) => (isDomainKey(key) ? domains.has(key) : emails.has(key)) };
}

/** Everything identity resolution needs: what the database saw, and the files and repositories the config names. */
export async function readIdentityInputs(db: Database, identity: IdentityConfig, found: readonly FoundSource[], warnings: ConfigProblem[]): Promise<IdentityInputs> {
  const observations: Observation[] = (await db.all(OBSERVATIONS)).map((r) => ({
    kind: r.kind === 'login' ? 'login' : 'email',
    key: String(r.key),
    name: r.name === null ? null : String(r.name),
    at: r.at === null ? null : String(r.at),
    githubBot: r.bot === true,
    contributions: Number(r.n ?? 0),
  }));
  const commitLogins = (await db.all('SELECT DISTINCT lower(author_email) AS email, lower(login) AS login, user_id FROM commit_logins WHERE login IS NOT NULL AND author_email IS NOT NULL')).map((r) => ({
    email: String(r.email),
    login: String(r.login),
    userId: r.user_id === null ? null : String(r.user_id),
  }));
  const mailmaps: MailmapEntry[] = [];
  for (const row of await db.all('SELECT r.name, m.content FROM repo_mailmaps m JOIN repos r ON r.repo_id = m.repo_id ORDER BY r.name')) {
    const parsed = parseMailmap(String(row.content), `${String(row.name)}:.mailmap`);
    mailmaps.push(...parsed.entries);
    warnings.push(...parsed.warnings);
  }
  mailmaps.push(...(await readMailmapFiles(identity, warnings)));
  // Source slot: GitHub profiles (collected; see collect/github/profiles.ts).
  const profiles = await readProfiles(db);
  const known = { observations, commitLogins, accounts: await readAccounts(db), mailmaps, config: identity, profiles };
  let linked: GitdmPerson[] = [];
  const linkWarnings: ConfigProblem[] = [];
  const gitdm = await readGitdm(found, (people) => {
    const link = linkGitdm(known, people, linkWarnings);
    linked = link.linked;
    return link.keep;
  });
  warnings.push(...gitdm.warnings, ...linkWarnings);
  return { ...known, gitdm: linked, emailMap: gitdm.emailMap, companyNames: gitdm.companyNames };
}

/** Reads the inputs and resolves people: the resolution and every warning on the way. */
export async function resolveFromDatabase(db: Database, identity: IdentityConfig, found?: readonly FoundSource[]): Promise<{ resolution: Resolution; warnings: ConfigProblem[] }> {
  const warnings: ConfigProblem[] = [];
  const inputs = await readIdentityInputs(db, identity, found ?? (await findSources(identity.gitdm)), warnings);
  const resolution = resolveIdentities(inputs);
  return { resolution, warnings: [...warnings, ...resolution.warnings] };
}

/** Prints the first warnings and how many more there are: a long affiliation file should not drown the output. */
export function reportWarnings(warnings: ConfigProblem[], log: Log, most = 10): void {
  for (const w of warnings.slice(0, most)) log.warn(formatProblem(w));
  if (warnings.length > most) log.warn(`… and ${warnings.length - most} more problems in the identity files (\`cdstats people\` lists them all)`);
}

/**
 * People are appended with their emails and logins joined by line feeds (which no git, mailmap or
 * gitdm key holds), then split in SQL: DuckDB's appender takes a list six times slower.
 */
const PEOPLE_COLUMNS = [
  ['text', (p: Person) => p.personId],
  ['text', (p: Person) => p.name],
  ['bool', (p: Person) => p.isBot],
  ['text', (p: Person) => p.emails.join('\n')],
  ['text', (p: Person) => p.logins.join('\n')],
] as const;

async function writePeople(db: Database, people: readonly Person[], catalog: string | undefined): Promise<void> {
  await db.run('CREATE OR REPLACE TEMP TABLE people_stage (person_id VARCHAR, name VARCHAR, is_bot BOOLEAN, emails VARCHAR, logins VARCHAR)');
  await appendRows(db, 'people_stage', PEOPLE_COLUMNS, people, 'main', 'temp');
  const list = (column: string) => `CASE WHEN ${column} = '' THEN []::VARCHAR[] ELSE string_split(${column}, chr(10)) END`;
  const target = `${catalog === 'temp' ? 'temp' : await storedCatalog(db)}.main.people`;
  await db.run(`INSERT INTO ${target} SELECT person_id, name, is_bot, ${list('emails')}, ${list('logins')} FROM temp.people_stage`);
  await db.run('DROP TABLE temp.people_stage');
}

type PeriodRow = { personId: string; company: string | null; from: string | null; until: string | null; source: string; readAt: string | null };

/** Writes a resolution into the identity tables: the session's temporary ones, or the stored ones. */
export async function writeResolution(db: Database, resolution: Resolution, where: 'temp' | 'main'): Promise<void> {
  const catalog = where === 'temp' ? 'temp' : undefined;
  if (where === 'temp') {
    for (const table of ['identities', 'people', 'affiliations']) await db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM main.${table} LIMIT 0`);
  } else {
    await db.run('DELETE FROM identities; DELETE FROM people; DELETE FROM affiliations; DELETE FROM main.identity_pairs;');
  }
  const keys = [...resolution.keys].map(([key, personId]) => {
    const { kind, value } = splitKey(key);
    return { kind, key: value, personId };
  });
  await appendRows(db, 'identities', [['text', (r: (typeof keys)[number]) => r.kind], ['text', (r) => r.key], ['text', (r) => r.personId]], keys, 'main', catalog);
  await writePeople(db, resolution.people, catalog);
  const periods: PeriodRow[] = resolution.people.flatMap((p) => p.periods.map((x) => ({ personId: p.personId, company: x.company, from: x.from, until: x.until, source: x.source, readAt: x.readAt ?? null })));
  const columns = [['text', (r: PeriodRow) => r.personId], ['text', (r: PeriodRow) => r.company], ['timestamp', (r: PeriodRow) => r.from && `${r.from}T00:00:00Z`], ['timestamp', (r: PeriodRow) => r.until && `${r.until}T00:00:00Z`], ['text', (r: PeriodRow) => r.source], ['timestamp', (r: PeriodRow) => r.readAt]] as const;
  await appendRows(db, 'affiliations', columns, periods, 'main', catalog);
  await writePairs(db, resolution.pairs, where);
}

/**
 * The session's (name, email) exceptions, read by the `contributions` view of
 * queries/staging (which creates the table empty, for sessions that resolve no people). Not
 * stored: the stored view, for other DuckDB clients, decides per email.
 */
async function writePairs(db: Database, pairs: readonly IdentityPair[], where: 'temp' | 'main'): Promise<void> {
  if (where === 'temp') await db.run('DELETE FROM temp.identity_pairs');
  const columns = [['text', (p: IdentityPair) => p.name], ['text', (p: IdentityPair) => p.email], ['text', (p: IdentityPair) => p.personId], ['bool', (p: IdentityPair) => p.isBot]] as const;
  await appendRows(db, 'identity_pairs', columns, pairs, 'main', where === 'temp' ? 'temp' : undefined);
}

/**
 * Resolves people for a session, always from the sources (no cache): the result goes into
 * temporary tables that take the place of the stored ones for this session, so `contributions`
 * and every indicator see the mailmap, affiliation files and bot lists as they are now.
 * `openWithPeople` (session.ts) is the cached way in.
 */
export async function loadIdentity(db: Database, identity: IdentityConfig, log: Log, options: { allWarnings?: boolean } = {}): Promise<Resolution> {
  const { resolution, warnings } = await resolveFromDatabase(db, identity);
  reportWarnings(warnings, log, options.allWarnings ? Infinity : 10);
  await writeResolution(db, resolution, 'temp');
  return resolution;
}

/**
 * Collect's last step, in its last transaction: stores the resolution with the data (for other
 * DuckDB clients, and as the identity cache of cache.ts) when anything it depends on changed:
 * data this run (`changed`) or since the last store, the config, a file, a gitdm tip. Otherwise
 * it only records that the stored resolution is current after this run.
 */
export async function storeIdentity(db: Database, identity: IdentityConfig, run: { runId: number; changed: boolean }, log: Log): Promise<void> {
  const [key, state, sync] = [await identityCacheKey(identity), await readCacheState(db), await syncFingerprint(db)];
  const stored = state.stored;
  if (!run.changed && stored !== undefined && stored.inputs === key.inputs && stored.runId === run.runId - 1 && stored.sync === sync) {
    await db.run('UPDATE identity_state SET run_id = $run', { run: run.runId });
    return;
  }
  const { resolution, warnings } = await resolveFromDatabase(db, identity, key.found);
  reportWarnings(warnings, log);
  await writeResolution(db, resolution, 'main');
  await writeCacheState(db, key, run.runId, warnings);
}
