import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ConfigProblem, IdentityConfig } from '../config/types.js';
import { formatProblem } from '../config/parse.js';
import { errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import { appendRows } from '../store/append.js';
import type { Database } from '../store/db.js';
import { readProfiles } from '../store/profiles.js';
import { readAccounts } from './accounts.js';
import { parseGitdm, type GitdmPerson } from './gitdm.js';
import { parseMailmap, type MailmapEntry } from './mailmap.js';
import { resolveIdentities, type IdentityInputs, type IdentityPair, type Observation, type Person, type Resolution } from './resolve.js';

/** Emails once per name written with them (compared without case, as the contributions view does), GitHub logins once. */
const OBSERVATIONS = `
  SELECT 'email' AS kind, key, arg_max(name, seen_at) AS name, strftime(max(seen_at), '%Y-%m-%dT%H:%M:%SZ') AS at, false AS bot
  FROM (
    SELECT lower(author_email) AS key, coalesce(author_name, '') AS name, authored_at AS seen_at FROM commits
    UNION ALL
    SELECT lower(t.email), coalesce(t.name, ''), c.authored_at
    FROM commit_trailers t JOIN commits c ON c.repo_id = t.repo_id AND c.sha = t.sha
    WHERE t.key = 'co-authored-by' AND t.email IS NOT NULL AND t.email <> ''
  ) GROUP BY key, lower(trim(name))
  UNION ALL
  SELECT 'login', lower(author_login), arg_max(author_login, seen_at), strftime(max(seen_at), '%Y-%m-%dT%H:%M:%SZ'), bool_or(author_is_bot)
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

/** The files the config names, read now: an edit takes effect on the next command, with no collect. */
async function readFiles(identity: IdentityConfig, warnings: ConfigProblem[]): Promise<{ mailmaps: MailmapEntry[]; gitdm: GitdmPerson[]; texts: string[] }> {
  const mailmaps: MailmapEntry[] = [];
  const gitdm: GitdmPerson[] = [];
  const texts: string[] = [];
  for (const file of identity.mailmaps) {
    const text = await readText(file, 'mailmap', warnings);
    if (text === undefined) continue;
    texts.push(text);
    const parsed = parseMailmap(text, file);
    mailmaps.push(...parsed.entries);
    warnings.push(...parsed.warnings);
  }
  for (const file of identity.gitdm) {
    const text = await readText(file, 'gitdm affiliations', warnings);
    if (text === undefined) continue;
    texts.push(text);
    const parsed = parseGitdm(text, file);
    gitdm.push(...parsed.people);
    warnings.push(...parsed.warnings);
  }
  return { mailmaps, gitdm, texts };
}

/** Everything identity resolution needs: what the database saw, and the files the config names. */
export async function readIdentityInputs(db: Database, identity: IdentityConfig, warnings: ConfigProblem[]): Promise<IdentityInputs> {
  const observations: Observation[] = (await db.all(OBSERVATIONS)).map((r) => ({
    kind: r.kind === 'login' ? 'login' : 'email',
    key: String(r.key),
    name: r.name === null ? null : String(r.name),
    at: r.at === null ? null : String(r.at),
    githubBot: r.bot === true,
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
  const files = await readFiles(identity, warnings);
  // Source slot: GitHub profiles (collected; see collect/github/profiles.ts).
  const profiles = await readProfiles(db);
  return { observations, commitLogins, accounts: await readAccounts(db), mailmaps: [...mailmaps, ...files.mailmaps], gitdm: files.gitdm, config: identity, profiles };
}

/** Prints the first warnings and how many more there are: a long affiliation file should not drown the output. */
function report(warnings: ConfigProblem[], log: Log, most = 10): void {
  for (const w of warnings.slice(0, most)) log.warn(formatProblem(w));
  if (warnings.length > most) log.warn(`… and ${warnings.length - most} more problems in the identity files (\`cdstats people\` lists them all)`);
}

const PEOPLE_COLUMNS = [
  ['text', (p: Person) => p.personId],
  ['text', (p: Person) => p.name],
  ['bool', (p: Person) => p.isBot],
  ['texts', (p: Person) => p.emails],
  ['texts', (p: Person) => p.logins],
] as const;

type PeriodRow = { personId: string; company: string | null; from: string | null; until: string | null; source: string; readAt: string | null };

/** Writes a resolution into the identity tables: the session's temporary ones, or the stored ones. */
async function writeResolution(db: Database, resolution: Resolution, where: 'temp' | 'main'): Promise<void> {
  const catalog = where === 'temp' ? 'temp' : undefined;
  if (where === 'temp') {
    for (const table of ['identities', 'people', 'affiliations']) await db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM main.${table} LIMIT 0`);
  } else {
    await db.run('DELETE FROM identities; DELETE FROM people; DELETE FROM affiliations;');
  }
  const keys = [...resolution.keys].map(([key, personId]) => ({ kind: key.slice(0, key.indexOf(':')), key: key.slice(key.indexOf(':') + 1), personId }));
  await appendRows(db, 'identities', [['text', (r: (typeof keys)[number]) => r.kind], ['text', (r) => r.key], ['text', (r) => r.personId]], keys, 'main', catalog);
  await appendRows(db, 'people', PEOPLE_COLUMNS, resolution.people, 'main', catalog);
  const periods: PeriodRow[] = resolution.people.flatMap((p) => p.periods.map((x) => ({ personId: p.personId, company: x.company, from: x.from, until: x.until, source: x.source, readAt: x.readAt ?? null })));
  const columns = [['text', (r: PeriodRow) => r.personId], ['text', (r: PeriodRow) => r.company], ['timestamp', (r: PeriodRow) => r.from && `${r.from}T00:00:00Z`], ['timestamp', (r: PeriodRow) => r.until && `${r.until}T00:00:00Z`], ['text', (r: PeriodRow) => r.source], ['timestamp', (r: PeriodRow) => r.readAt]] as const;
  await appendRows(db, 'affiliations', columns, periods, 'main', catalog);
  if (where === 'temp') await writePairs(db, resolution.pairs);
}

/**
 * The session's (name, email) exceptions, read by the `contributions` view of
 * queries/staging (which creates the table empty, for sessions that resolve no people). Not
 * stored: the stored view, for other DuckDB clients, decides per email.
 */
async function writePairs(db: Database, pairs: readonly IdentityPair[]): Promise<void> {
  await db.run('DELETE FROM temp.identity_pairs');
  const columns = [['text', (p: IdentityPair) => p.name], ['text', (p: IdentityPair) => p.email], ['text', (p: IdentityPair) => p.personId], ['bool', (p: IdentityPair) => p.isBot]] as const;
  await appendRows(db, 'identity_pairs', columns, pairs, 'main', 'temp');
}

/**
 * Resolves people for a read-only session: the result goes into temporary tables that take
 * the place of the stored ones for this session, so `contributions` and every indicator see
 * the mailmap, affiliation files and bot lists as they are now.
 */
export async function loadIdentity(db: Database, identity: IdentityConfig, log: Log, options: { allWarnings?: boolean } = {}): Promise<Resolution> {
  const warnings: ConfigProblem[] = [];
  const resolution = resolveIdentities(await readIdentityInputs(db, identity, warnings));
  report([...warnings, ...resolution.warnings], log, options.allWarnings ? Infinity : 10);
  await writeResolution(db, resolution, 'temp');
  return resolution;
}

/**
 * Stores the resolution with the data (for other DuckDB clients), when anything it depends on
 * changed: new data in this run, or other identity files. Call inside a transaction.
 */
export async function storeIdentity(db: Database, identity: IdentityConfig, changedData: boolean, log: Log): Promise<void> {
  const warnings: ConfigProblem[] = [];
  const files = await readFiles(identity, []);
  const hash = createHash('sha256').update(JSON.stringify([files.texts, [...identity.domains], [...identity.aliases], identity.people, identity.bots])).digest('hex');
  const stored = await db.all('SELECT inputs FROM identity_state');
  if (!changedData && stored[0]?.inputs === hash) return;
  const resolution = resolveIdentities(await readIdentityInputs(db, identity, warnings));
  report([...warnings, ...resolution.warnings], log);
  await writeResolution(db, resolution, 'main');
  await db.run('DELETE FROM identity_state');
  await db.run('INSERT INTO identity_state VALUES ($hash)', { hash });
}
