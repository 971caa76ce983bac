/**
 * Inline review comments, over GitHub's REST API (its own budget of requests, apart from
 * GraphQL's points). In GraphQL they hang under each review (or thread), a connection each:
 * a pull request of 20 reviews costs 20 requests of the formula, so a kubernetes-like
 * repository spent about 300 points per 1,000 pull requests on them. REST lists them
 * repository-wide, 100 a request whatever pull request they belong to.
 *
 * - After a pull request crawl from nothing (first collect, --full), one listing of the whole
 *   repository, oldest update first, resumable at the page it was on.
 * - After that, each pull request the crawl finds updated with inline comments has them read
 *   again whole (one request per 100) and replaced, as the GraphQL path did: deletions included.
 */
import type { Database } from '../../store/db.js';
import { replaceReviewComments, storedPullRequests, upsertReviewComments } from '../../store/github.js';
import type { CommentRow } from '../../store/rows.js';
import { saveSourceState } from '../../store/state.js';
import type { ExtrasContext } from './extras.js';
import { mapRestReviewComment, restPullRequestNumber } from './map.js';
import type { RestReviewComment } from './types.js';

export const REVIEW_COMMENTS_SOURCE = 'github_review_comments';
/** Pull requests whose inline comments are read in one go (and stored in one transaction). */
export const REVIEW_COMMENTS_BATCH = 24;
/** Comments per REST page: GitHub's most. */
const PER_PAGE = 100;
/** Pages of one pull request's inline comments read at most: 100,000 comments. */
const MAX_PULL_REQUEST_PAGES = 1000;

/** Whom to ask and where to store: a repository, as extras.ts's context less `full`. */
export type ReviewCommentsScope = Omit<ExtrasContext, 'full'>;

/** Where the listing is: the `since` it asks with and the page at that `since`. */
interface Position {
  since: string | null;
  page: number;
}

const START: Position = { since: null, page: 1 };
const context = (s: ReviewCommentsScope) => `${s.owner}/${s.name}`;
const repoPath = (s: ReviewCommentsScope) => `/repos/${encodeURIComponent(s.owner)}/${encodeURIComponent(s.name)}`;

function asComments(data: unknown, where: string): RestReviewComment[] {
  if (!Array.isArray(data)) throw new Error(`${where}: GitHub's answer is not a list of comments`);
  return data as RestReviewComment[];
}

/** Every inline comment of one pull request, page by page; undefined when GitHub no longer has it. */
async function pullRequestComments(scope: ReviewCommentsScope, number: number): Promise<RestReviewComment[] | undefined> {
  const comments: RestReviewComment[] = [];
  for (let page = 1; ; page++) {
    if (page > MAX_PULL_REQUEST_PAGES) throw new Error(`${context(scope)} inline comments of #${number}: GitHub still had more after ${MAX_PULL_REQUEST_PAGES} pages, the most cdstats reads; stopping`);
    try {
      const { data, next } = await scope.client.rest(`${repoPath(scope)}/pulls/${number}/comments?per_page=${PER_PAGE}&page=${page}`, context(scope));
      const found = asComments(data, `${context(scope)} inline comments of #${number}`);
      comments.push(...found);
      if (!next || found.length === 0) return comments;
    } catch (error) {
      if (error instanceof Error && 'kind' in error && error.kind === 'not-found') return undefined;
      throw error;
    }
  }
}

/**
 * Reads the inline comments of these pull requests (node ids of stored ones) again whole;
 * returns how to store them, replacing the stored ones (a pull request GitHub no longer has
 * keeps none).
 */
export async function pullRequestReviewComments(scope: ReviewCommentsScope, ids: string[]): Promise<(db: Database) => Promise<void>> {
  const prs = await scope.writer.use((db) => storedPullRequests(db, scope.repoId, ids));
  const found = await Promise.all(prs.map(async (pr) => ((await pullRequestComments(scope, pr.number)) ?? []).map((c) => mapRestReviewComment(pr, c))));
  const rows: CommentRow[] = found.flat();
  return (db) => replaceReviewComments(db, scope.repoId, ids, rows);
}

/** Marks the repository-wide listing as to do from the start (call before a pull request crawl from nothing); returns where it starts. */
export async function startListing(db: Database, scope: ReviewCommentsScope): Promise<Position> {
  await saveSourceState(db, scope.repoId, scope.runId, REVIEW_COMMENTS_SOURCE, { cursor: JSON.stringify(START), watermark: null, detail: {} }, false);
  return START;
}

/** Records the inline comments as read up to now: the crawl just read those of every pull request it found updated. */
export function reviewCommentsCurrent(db: Database, scope: ReviewCommentsScope): Promise<void> {
  return saveSourceState(db, scope.repoId, scope.runId, REVIEW_COMMENTS_SOURCE, { cursor: null, watermark: null, detail: {} }, true);
}

/** Where a listing under way stands (its stored cursor), or undefined when none is. */
export function listingPosition(cursor: string | null | undefined): Position | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const parsed = JSON.parse(cursor) as Partial<Position>;
  return { since: typeof parsed.since === 'string' ? parsed.since : null, page: typeof parsed.page === 'number' && parsed.page >= 1 ? parsed.page : 1 };
}

/**
 * The page after `comments` (oldest update first): from a second before the last one's update
 * when that moves `since` on (a second before: whether GitHub's `since` includes its time or
 * not, none is skipped; the few read twice are stored once), else the next page at the same
 * `since` (more than a page updated within the same second). Pages by `since` rather than by
 * number alone, so a comment updated meanwhile moves ahead of the listing instead of shifting
 * one past it.
 */
export function nextPosition(position: Position, comments: readonly RestReviewComment[]): Position {
  const last = comments.at(-1)?.updated_at;
  const since = last === undefined ? null : `${new Date(Date.parse(last) - 1000).toISOString().slice(0, 19)}Z`;
  if (since !== null && (position.since === null || Date.parse(since) > Date.parse(position.since))) return { since, page: 1 };
  return { since: position.since, page: position.page + 1 };
}

/**
 * Lists the repository's inline comments from `position`, oldest update first, 100 a request,
 * each page stored in one transaction with the position of the next. A comment whose pull
 * request is not stored (opened after the crawl) is left to the next run, whose crawl finds
 * that pull request updated. At most `maxPages` pages. Returns how many comments it stored.
 */
export async function listReviewComments(scope: ReviewCommentsScope, from: Position, maxPages: number, why: string): Promise<number> {
  let position = from;
  let stored = 0;
  // The pull requests are all stored before the listing: read once, not per page.
  const prs = new Map((await scope.writer.use((db) => storedPullRequests(db, scope.repoId))).map((pr) => [pr.number, pr]));
  for (let pages = 1; ; pages++) {
    if (pages > maxPages) throw new Error(`${context(scope)} inline review comments: GitHub still had more after ${maxPages} pages, the most ${why} could need; stopping`);
    const query = new URLSearchParams({ sort: 'updated', direction: 'asc', per_page: String(PER_PAGE), page: String(position.page), ...(position.since ? { since: position.since } : {}) });
    const { data, next } = await scope.client.rest(`${repoPath(scope)}/pulls/comments?${query.toString()}`, context(scope));
    const comments = asComments(data, `${context(scope)} inline review comments`);
    const done = !next || comments.length === 0;
    const after = done ? null : nextPosition(position, comments);
    const rows = comments.flatMap((c) => {
      const pr = prs.get(restPullRequestNumber(c) ?? -1);
      return pr ? [mapRestReviewComment(pr, c)] : [];
    });
    stored += await scope.writer.use((db) =>
      db.transaction(async () => {
        await upsertReviewComments(db, scope.repoId, rows);
        await saveSourceState(db, scope.repoId, scope.runId, REVIEW_COMMENTS_SOURCE, { cursor: after && JSON.stringify(after), watermark: null, detail: {} }, done);
        return rows.length;
      }),
    );
    if (!after) return stored;
    position = after;
  }
}
