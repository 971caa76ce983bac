import type { Thread } from '../../store/github.js';
import type { IssueRow, PullRequestRow } from '../../store/rows.js';
import type { GitHubClient } from './client.js';
import { hasReviewComments, mapComment, mapIssue, mapPullRequest, mapReview } from './map.js';
import { restOfComments, restOfLabels, restOfReviews } from './pages.js';
import type { IssueNode, PullRequestNode } from './types.js';

/**
 * Pull requests with every label, review and conversation comment, nested pages followed to
 * the end. Inline review comments come separately, over REST (review-comments.ts).
 */
export async function pullRequestThreads(client: GitHubClient, prs: readonly PullRequestNode[], context: string): Promise<Thread<PullRequestRow>> {
  const thread: Thread<PullRequestRow> = { parents: [], reviews: [], comments: [] };
  for (const pr of prs) {
    const [labels, reviews, comments] = await Promise.all([
      restOfLabels(client, pr.labels, pr.id, context),
      restOfReviews(client, pr.reviews, pr.id, context),
      restOfComments(client, pr.comments, pr.id, context),
    ]);
    const parent = { id: pr.id, number: pr.number, kind: 'pull_request' as const };
    thread.parents.push(mapPullRequest(pr, labels));
    for (const review of reviews) thread.reviews.push(mapReview(pr, review));
    for (const comment of comments) thread.comments.push(mapComment(parent, 'pr_comment', comment));
  }
  return thread;
}

/** Ids of the pull requests that have inline review comments to fetch. */
export const withReviewComments = (prs: PullRequestNode[]): string[] => prs.filter(hasReviewComments).map((pr) => pr.id);

/** Issues with every label and comment. */
export async function issueThreads(client: GitHubClient, issues: readonly IssueNode[], context: string): Promise<Thread<IssueRow>> {
  const thread: Thread<IssueRow> = { parents: [], reviews: [], comments: [] };
  for (const issue of issues) {
    const [labels, comments] = await Promise.all([restOfLabels(client, issue.labels, issue.id, context), restOfComments(client, issue.comments, issue.id, context)]);
    thread.parents.push(mapIssue(issue, labels));
    const parent = { id: issue.id, number: issue.number, kind: 'issue' as const };
    for (const comment of comments) thread.comments.push(mapComment(parent, 'issue_comment', comment));
  }
  return thread;
}
