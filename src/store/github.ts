import { appendRows, stageIds, type Columns } from './append.js';
import type { Database } from './db.js';
import type { CommentRow, IssueRow, PullRequestRow, ReleaseRow, ReviewRow } from './rows.js';

const PULL_REQUEST: Columns<PullRequestRow & { repoId: number; collectedAt: string }> = [
  ['int', (r) => r.repoId],
  ['int', (r) => r.number],
  ['text', (r) => r.nodeId],
  ['text', (r) => r.title],
  ['text', (r) => r.authorLogin],
  ['bool', (r) => r.authorIsBot],
  ['timestamp', (r) => r.createdAt],
  ['timestamp', (r) => r.updatedAt],
  ['timestamp', (r) => r.closedAt],
  ['timestamp', (r) => r.mergedAt],
  ['text', (r) => r.mergedBy],
  ['text', (r) => r.state],
  ['bool', (r) => r.isDraft],
  ['int', (r) => r.additions],
  ['int', (r) => r.deletions],
  ['int', (r) => r.changedFiles],
  ['text', (r) => r.baseBranch],
  ['texts', (r) => r.labels],
  ['timestamp', (r) => r.collectedAt],
  ['bigint', (r) => r.authorId],
];

const ISSUE: Columns<IssueRow & { repoId: number; collectedAt: string }> = [
  ['int', (r) => r.repoId],
  ['int', (r) => r.number],
  ['text', (r) => r.nodeId],
  ['text', (r) => r.title],
  ['text', (r) => r.authorLogin],
  ['bool', (r) => r.authorIsBot],
  ['timestamp', (r) => r.createdAt],
  ['timestamp', (r) => r.updatedAt],
  ['timestamp', (r) => r.closedAt],
  ['text', (r) => r.state],
  ['text', (r) => r.stateReason],
  ['texts', (r) => r.labels],
  ['timestamp', (r) => r.collectedAt],
  ['bigint', (r) => r.authorId],
];

const REVIEW: Columns<ReviewRow & { repoId: number }> = [
  ['int', (r) => r.repoId],
  ['int', (r) => r.prNumber],
  ['text', (r) => r.prNodeId],
  ['text', (r) => r.nodeId],
  ['text', (r) => r.authorLogin],
  ['bool', (r) => r.authorIsBot],
  ['text', (r) => r.state],
  ['timestamp', (r) => r.submittedAt],
  ['bigint', (r) => r.authorId],
];

const COMMENT: Columns<CommentRow & { repoId: number }> = [
  ['int', (r) => r.repoId],
  ['text', (r) => r.nodeId],
  ['text', (r) => r.parentNodeId],
  ['text', (r) => r.parentKind],
  ['int', (r) => r.parentNumber],
  ['text', (r) => r.kind],
  ['text', (r) => r.authorLogin],
  ['bool', (r) => r.authorIsBot],
  ['timestamp', (r) => r.createdAt],
  ['bigint', (r) => r.authorId],
];

const RELEASE: Columns<ReleaseRow & { repoId: number }> = [
  ['int', (r) => r.repoId],
  ['text', (r) => r.nodeId],
  ['text', (r) => r.tag],
  ['text', (r) => r.name],
  ['timestamp', (r) => r.createdAt],
  ['timestamp', (r) => r.publishedAt],
  ['bool', (r) => r.isPrerelease],
  ['bool', (r) => r.isDraft],
];

export interface Thread<P> {
  parents: P[];
  reviews: ReviewRow[];
  comments: CommentRow[];
}

/** Replaces the given pull requests (by node id) with their reviews and comments. Call in a transaction. */
export async function upsertPullRequests(db: Database, repoId: number, data: Thread<PullRequestRow>, collectedAt: string): Promise<void> {
  await stageIds(db, data.parents.map((p) => p.nodeId));
  await db.run('DELETE FROM pull_requests WHERE repo_id = $repo AND node_id IN (SELECT id FROM stage_ids)', { repo: repoId });
  await db.run('DELETE FROM pr_reviews WHERE repo_id = $repo AND pr_node_id IN (SELECT id FROM stage_ids)', { repo: repoId });
  await db.run('DELETE FROM comments WHERE repo_id = $repo AND parent_node_id IN (SELECT id FROM stage_ids)', { repo: repoId });
  await appendRows(db, 'pull_requests', PULL_REQUEST, data.parents.map((p) => ({ ...p, repoId, collectedAt })));
  await appendRows(db, 'pr_reviews', REVIEW, data.reviews.map((r) => ({ ...r, repoId })));
  await appendRows(db, 'comments', COMMENT, data.comments.map((c) => ({ ...c, repoId })));
}

/** Replaces the inline review comments of the given pull requests (node ids). Call in a transaction. */
export async function replaceReviewComments(db: Database, repoId: number, prIds: readonly string[], rows: CommentRow[]): Promise<void> {
  await stageIds(db, prIds);
  await db.run("DELETE FROM comments WHERE repo_id = $repo AND kind = 'review_comment' AND parent_node_id IN (SELECT id FROM stage_ids)", { repo: repoId });
  await appendRows(db, 'comments', COMMENT, rows.map((c) => ({ ...c, repoId })));
}

/** Stores inline review comments read repository-wide, replacing any stored with the same node id. Call in a transaction. */
export async function upsertReviewComments(db: Database, repoId: number, rows: CommentRow[]): Promise<void> {
  await stageIds(db, rows.map((r) => r.nodeId));
  await db.run("DELETE FROM comments WHERE repo_id = $repo AND kind = 'review_comment' AND node_id IN (SELECT id FROM stage_ids)", { repo: repoId });
  await appendRows(db, 'comments', COMMENT, rows.map((c) => ({ ...c, repoId })));
}

/** The stored pull requests of a repository (or those among these node ids): their node id and number. */
export async function storedPullRequests(db: Database, repoId: number, ids?: readonly string[]): Promise<{ id: string; number: number }[]> {
  if (ids) await stageIds(db, ids);
  const rows = await db.all(`SELECT node_id, number FROM pull_requests WHERE repo_id = $repo ${ids ? 'AND node_id IN (SELECT id FROM stage_ids)' : ''}`, { repo: repoId });
  return rows.map((r) => ({ id: String(r.node_id), number: Number(r.number) }));
}

/** Replaces the given issues (by node id) with their comments. Call in a transaction. */
export async function upsertIssues(db: Database, repoId: number, data: Thread<IssueRow>, collectedAt: string): Promise<void> {
  await stageIds(db, data.parents.map((p) => p.nodeId));
  await db.run('DELETE FROM issues WHERE repo_id = $repo AND node_id IN (SELECT id FROM stage_ids)', { repo: repoId });
  await db.run('DELETE FROM comments WHERE repo_id = $repo AND parent_node_id IN (SELECT id FROM stage_ids)', { repo: repoId });
  await appendRows(db, 'issues', ISSUE, data.parents.map((p) => ({ ...p, repoId, collectedAt })));
  await appendRows(db, 'comments', COMMENT, data.comments.map((c) => ({ ...c, repoId })));
}

/**
 * After a full re-sync: removes the pull requests or issues (and their reviews and comments)
 * that GitHub no longer returned, i.e. those not stored again since `since`. Returns how many.
 */
export async function removeUnseen(db: Database, repoId: number, table: 'pull_requests' | 'issues', since: string): Promise<number> {
  const gone = await db.all(`SELECT node_id FROM ${table} WHERE repo_id = $repo AND collected_at < $since::TIMESTAMP`, { repo: repoId, since });
  if (gone.length === 0) return 0;
  await stageIds(db, gone.map((r) => String(r.node_id)));
  await db.run(`DELETE FROM ${table} WHERE repo_id = $repo AND node_id IN (SELECT id FROM stage_ids)`, { repo: repoId });
  await db.run('DELETE FROM pr_reviews WHERE repo_id = $repo AND pr_node_id IN (SELECT id FROM stage_ids)', { repo: repoId });
  await db.run('DELETE FROM comments WHERE repo_id = $repo AND parent_node_id IN (SELECT id FROM stage_ids)', { repo: repoId });
  return gone.length;
}

export async function replaceReleases(db: Database, repoId: number, rows: ReleaseRow[]): Promise<void> {
  await db.run('DELETE FROM releases WHERE repo_id = $repo', { repo: repoId });
  await appendRows(db, 'releases', RELEASE, rows.map((r) => ({ ...r, repoId })));
}

export interface Stargazer {
  login: string;
  userId: number | null;
  starredAt: string;
}

/** Adds stargazers not stored yet (by login); with `replace`, the stored list is replaced. */
export async function addStargazers(db: Database, repoId: number, rows: Stargazer[], replace: boolean): Promise<void> {
  if (replace) await db.run('DELETE FROM stargazers WHERE repo_id = $repo', { repo: repoId });
  else {
    await stageIds(db, rows.map((r) => r.login));
    await db.run('DELETE FROM stargazers WHERE repo_id = $repo AND login IN (SELECT id FROM stage_ids)', { repo: repoId });
  }
  await appendRows(db, 'stargazers', [['int', () => repoId], ['text', (r: Stargazer) => r.login], ['bigint', (r: Stargazer) => r.userId], ['timestamp', (r: Stargazer) => r.starredAt]], rows);
}

export interface CommitLogin {
  sha: string;
  email: string | null;
  login: string | null;
  userId: number | null;
}

export async function upsertCommitLogins(db: Database, repoId: number, rows: CommitLogin[]): Promise<void> {
  await stageIds(db, rows.map((r) => r.sha));
  await db.run('DELETE FROM commit_logins WHERE repo_id = $repo AND sha IN (SELECT id FROM stage_ids)', { repo: repoId });
  const columns: Columns<CommitLogin> = [['int', () => repoId], ['text', (r) => r.sha], ['text', (r) => r.email], ['text', (r) => r.login], ['bigint', (r) => r.userId]];
  await appendRows(db, 'commit_logins', columns, rows);
}

/** Shas among these that already have their GitHub author recorded. */
export async function linkedShas(db: Database, repoId: number, shas: readonly string[]): Promise<Set<string>> {
  await stageIds(db, shas);
  const rows = await db.all('SELECT sha FROM commit_logins WHERE repo_id = $repo AND sha IN (SELECT id FROM stage_ids)', { repo: repoId });
  return new Set(rows.map((r) => String(r.sha)));
}

export interface RepoCounters {
  stars: number;
  forks: number;
  watchers: number;
  openIssues: number;
  openPrs: number;
}

export async function insertRepoStats(db: Database, repoId: number, runId: number, c: RepoCounters): Promise<void> {
  await db.run(
    'INSERT INTO repo_stats VALUES ($repo, $run, now()::TIMESTAMP, $stars, $forks, $watchers, $issues, $prs)',
    { repo: repoId, run: runId, stars: c.stars, forks: c.forks, watchers: c.watchers, issues: c.openIssues, prs: c.openPrs },
  );
}
