import { appendRows, stageIds, type Columns } from './append.js';
import type { Database } from './db.js';

/** One GitHub account's profile as read (table `github_profiles`). */
export interface ProfileRow {
  /** Lower-cased. */
  login: string;
  /** `User`, `Organization`, or `missing` (renamed, deleted, or never an account). */
  kind: 'User' | 'Organization' | 'missing';
  userId: number | null;
  /** An organisation's display name (users' names are not kept). */
  name: string | null;
  /** The profile's `company` as written. */
  companyRaw: string | null;
  /** `companyRaw` made a name (identity/profiles.ts), before aliases. */
  company: string | null;
  /** ISO time. */
  readAt: string;
}

const PROFILE: Columns<ProfileRow> = [
  ['text', (r) => r.login],
  ['text', (r) => r.kind],
  ['bigint', (r) => r.userId],
  ['text', (r) => r.name],
  ['text', (r) => r.companyRaw],
  ['text', (r) => r.company],
  ['timestamp', (r) => r.readAt],
];

/**
 * Logins of the people seen in GitHub data (authors of pull requests, issues, reviews and
 * comments that GitHub does not call bots, and commit authors GitHub linked to an account),
 * whose profile was never read or was read before `staleBefore`: never
 * read first, then the longest ago, then the most active.
 */
const STALE_LOGINS = `
  WITH seen AS (
    SELECT lower(login) AS login, count(*) AS n FROM (
      SELECT author_login AS login FROM pull_requests WHERE NOT author_is_bot
      UNION ALL SELECT author_login FROM issues WHERE NOT author_is_bot
      UNION ALL SELECT author_login FROM pr_reviews WHERE NOT author_is_bot
      UNION ALL SELECT author_login FROM comments WHERE NOT author_is_bot
      UNION ALL SELECT login FROM commit_logins
    ) WHERE login IS NOT NULL AND login <> '' GROUP BY 1
  )
  SELECT s.login FROM seen s LEFT JOIN github_profiles g ON g.login = s.login
  WHERE g.read_at IS NULL OR g.read_at < $staleBefore::TIMESTAMP
  ORDER BY g.read_at NULLS FIRST, s.n DESC, s.login`;

export async function staleProfileLogins(db: Database, staleBefore: string): Promise<string[]> {
  return (await db.all(STALE_LOGINS, { staleBefore })).map((r) => String(r.login));
}

/** When each stored profile was read (ISO), by lower-cased login. */
export async function profileReadTimes(db: Database): Promise<Map<string, string>> {
  const rows = await db.all("SELECT login, strftime(read_at, '%Y-%m-%dT%H:%M:%SZ') AS read_at FROM github_profiles");
  return new Map(rows.map((r) => [String(r.login), String(r.read_at)]));
}

/** Replaces the stored profiles of these logins (call inside a transaction). */
export async function storeProfiles(db: Database, rows: readonly ProfileRow[]): Promise<void> {
  await stageIds(db, rows.map((r) => r.login));
  await db.run('DELETE FROM github_profiles WHERE login IN (SELECT id FROM stage_ids)');
  await appendRows(db, 'github_profiles', PROFILE, rows);
}

/** Every stored profile, for identity resolution. */
export async function readProfiles(db: Database): Promise<ProfileRow[]> {
  const rows = await db.all("SELECT login, kind, user_id, name, company_raw, company, strftime(read_at, '%Y-%m-%dT%H:%M:%SZ') AS read_at FROM github_profiles ORDER BY login");
  return rows.map((r) => ({
    login: String(r.login),
    kind: r.kind === 'User' || r.kind === 'Organization' ? r.kind : 'missing',
    userId: r.user_id === null ? null : Number(r.user_id),
    name: r.name === null ? null : String(r.name),
    companyRaw: r.company_raw === null ? null : String(r.company_raw),
    company: r.company === null ? null : String(r.company),
    readAt: String(r.read_at),
  }));
}
