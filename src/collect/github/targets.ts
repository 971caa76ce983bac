import { removeUnseen, upsertIssues, upsertPullRequests } from '../../store/github.js';
import type { Writer } from '../../store/writer.js';
import type { GitHubClient } from './client.js';
import type { CrawlTarget } from './crawl.js';
import { ISSUE_PAGE, ISSUES, PULL_REQUEST_PAGE, PULL_REQUESTS } from './queries.js';
import { pullRequestReviewComments, REVIEW_COMMENTS_BATCH } from './review-comments.js';
import { issueThreads, pullRequestThreads, withReviewComments } from './threads.js';
import type { Connection, IssueNode, PullRequestNode } from './types.js';

/** What a crawl target needs of the run (sync.ts's GitHubContext has it): whom to ask, where to store, under which run. */
export interface TargetContext {
  client: GitHubClient;
  writer: Writer;
  runId: number;
}

/** Where a crawl of one repository reads and writes. */
export interface RepoScope {
  repoId: number;
  owner: string;
  name: string;
  /** When this run started: the `collected_at` of what it stores. */
  now: string;
}

/**
 * Pull requests, newest update first, down to the watermark. Inline review comments of the
 * updated ones are read again after their page, over REST (review-comments.ts); a crawl from
 * nothing leaves them to the repository-wide listing that follows it.
 */
export function pullRequestTarget(ctx: TargetContext, scope: RepoScope): CrawlTarget<PullRequestNode> {
  const { repoId, owner, name, now } = scope;
  const context = `${owner}/${name}`;
  return {
    source: 'github_pull_requests',
    where: `${context} pull requests`,
    repoId,
    runId: ctx.runId,
    writer: ctx.writer,
    descending: true,
    pageSize: PULL_REQUEST_PAGE,
    updatedAt: (n) => n.updatedAt,
    fetch: async (after, first) =>
      (await ctx.client.query<{ repository: { pullRequests: Connection<PullRequestNode> } }>(PULL_REQUESTS, { owner, name, first, after }, context)).repository.pullRequests,
    prepare: async (nodes) => {
      const thread = await pullRequestThreads(ctx.client, nodes, context);
      return (db) => upsertPullRequests(db, repoId, thread, now);
    },
    removeUnseen: (db, since) => removeUnseen(db, repoId, 'pull_requests', since),
    deferred: {
      select: withReviewComments,
      skipWhenCold: true,
      batch: REVIEW_COMMENTS_BATCH,
      fetch: (ids) => pullRequestReviewComments({ ...ctx, repoId, owner, name }, ids),
    },
  };
}

/** Issues, oldest update first, from the watermark (GitHub filters them with `since`). */
export function issueTarget(ctx: TargetContext, scope: RepoScope): CrawlTarget<IssueNode> {
  const { repoId, owner, name, now } = scope;
  const context = `${owner}/${name}`;
  return {
    source: 'github_issues',
    where: `${context} issues`,
    repoId,
    runId: ctx.runId,
    writer: ctx.writer,
    descending: false,
    pageSize: ISSUE_PAGE,
    updatedAt: (n) => n.updatedAt,
    fetch: async (after, first, since) =>
      (await ctx.client.query<{ repository: { issues: Connection<IssueNode> } }>(ISSUES, { owner, name, first, after, since }, context)).repository.issues,
    prepare: async (nodes) => {
      const thread = await issueThreads(ctx.client, nodes, context);
      return (db) => upsertIssues(db, repoId, thread, now);
    },
    removeUnseen: (db, since) => removeUnseen(db, repoId, 'issues', since),
  };
}
