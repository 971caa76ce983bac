import type { Database } from '../store/db.js';

/** A GitHub login seen with its account's numeric id (`databaseId`), which a renamed account keeps. */
export interface Account {
  /** Lower-cased. */
  login: string;
  userId: string;
}

/**
 * Every (login, id) pair GitHub gave: authors of pull requests, issues, reviews and comments
 * as stored (a row keeps the login it was read with, so a renamed account shows under both,
 * with one id), and the profiles read of the logins seen (github_profiles: rows stored before
 * ids were kept get their login's id from there while the login still names the same account).
 * Commit authors come with their id in commit_logins (readIdentityInputs). Never a row without
 * an id (a deleted account's), nor GitHub's `ghost` placeholder, so deleted accounts are never
 * joined to each other.
 */
const ACCOUNTS = `
  WITH authors AS (
    SELECT author_login AS login, author_id AS user_id FROM pull_requests
    UNION ALL SELECT author_login, author_id FROM issues
    UNION ALL SELECT author_login, author_id FROM pr_reviews
    UNION ALL SELECT author_login, author_id FROM comments
  ),
  seen AS (
    SELECT lower(login) AS login FROM authors WHERE login IS NOT NULL
    UNION SELECT lower(login) FROM commit_logins WHERE login IS NOT NULL
  )
  SELECT DISTINCT login, user_id FROM (
    SELECT lower(login) AS login, user_id FROM authors
    UNION ALL SELECT login, user_id FROM github_profiles WHERE kind = 'User' AND login IN (SELECT login FROM seen)
  ) WHERE login IS NOT NULL AND user_id IS NOT NULL AND login <> 'ghost'
  ORDER BY login, user_id`;

export async function readAccounts(db: Database): Promise<Account[]> {
  return (await db.all(ACCOUNTS)).map((r) => ({ login: String(r.login), userId: String(r.user_id) }));
}
