import type { CommentKind, CommentRow, IssueRow, PullRequestRow, ReleaseRow, ReviewRow } from '../../store/rows.js';
import type { Actor, CommentNode, IssueNode, PullRequestNode, ReleaseNode, RestReviewComment, RestUser, ReviewNode } from './types.js';

/** Rows for the public tables (declared in store/rows.ts), mapped from GitHub's answers (pure). Times stay ISO strings. */

/** A deleted ("ghost") account comes back as a null author: no login, no id, not a bot. */
function who(actor: Actor | null): { authorLogin: string | null; authorIsBot: boolean; authorId: number | null } {
  return { authorLogin: actor?.login ?? null, authorIsBot: actor?.__typename === 'Bot', authorId: actor?.databaseId ?? null };
}

export function mapPullRequest(pr: PullRequestNode, labels: string[]): PullRequestRow {
  return {
    number: pr.number,
    nodeId: pr.id,
    title: pr.title,
    ...who(pr.author),
    createdAt: pr.createdAt,
    updatedAt: pr.updatedAt,
    closedAt: pr.closedAt,
    mergedAt: pr.mergedAt,
    mergedBy: pr.mergedBy?.login ?? null,
    state: pr.state,
    isDraft: pr.isDraft,
    additions: pr.additions,
    deletions: pr.deletions,
    changedFiles: pr.changedFiles,
    baseBranch: pr.baseRefName,
    labels,
  };
}

export function mapIssue(issue: IssueNode, labels: string[]): IssueRow {
  return {
    number: issue.number,
    nodeId: issue.id,
    title: issue.title,
    ...who(issue.author),
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    closedAt: issue.closedAt,
    state: issue.state,
    stateReason: issue.stateReason,
    labels,
  };
}

export function mapReview(pr: { number: number; id: string }, review: ReviewNode): ReviewRow {
  return { prNumber: pr.number, prNodeId: pr.id, nodeId: review.id, ...who(review.author), state: review.state, submittedAt: review.submittedAt };
}

export function mapComment(parent: { number: number; id: string; kind: 'issue' | 'pull_request' }, kind: CommentKind, comment: CommentNode): CommentRow {
  return { nodeId: comment.id, parentNodeId: parent.id, parentKind: parent.kind, parentNumber: parent.number, kind, ...who(comment.author), createdAt: comment.createdAt };
}

export function mapRelease(release: ReleaseNode): ReleaseRow {
  return {
    nodeId: release.id,
    tag: release.tagName,
    name: release.name,
    createdAt: release.createdAt,
    publishedAt: release.publishedAt,
    isPrerelease: release.isPrerelease,
    isDraft: release.isDraft,
  };
}

/** Review comments exist when the total comment count exceeds the conversation comments. */
export function hasReviewComments(pr: PullRequestNode): boolean {
  return (pr.totalCommentsCount ?? 0) > (pr.comments.totalCount ?? pr.comments.nodes.length);
}

/** GitHub's placeholder for deleted accounts, which REST names where GraphQL gives no author. */
const GHOST = { login: 'ghost', id: 10137 };

/**
 * The author as GraphQL gives it, from REST's account: a bot's login without REST's `[bot]`
 * suffix, the ghost (a deleted account) as no author, so both APIs store the same row.
 */
export function restActor(user: RestUser | null): Actor | null {
  if (!user || (user.login === GHOST.login && user.id === GHOST.id)) return null;
  if (user.type === 'Bot') return { __typename: 'Bot', login: user.login.replace(/\[bot\]$/, ''), databaseId: user.id };
  return { __typename: user.type, login: user.login, databaseId: user.id };
}

/** The pull request number in a REST comment's `pull_request_url`, or undefined. */
export function restPullRequestNumber(comment: RestReviewComment): number | undefined {
  const match = /\/pulls\/(\d+)$/.exec(comment.pull_request_url);
  return match ? Number(match[1]) : undefined;
}

/** A REST inline review comment as the row the GraphQL path stored (`id` from `node_id`). */
export function mapRestReviewComment(pr: { number: number; id: string }, comment: RestReviewComment): CommentRow {
  return mapComment({ ...pr, kind: 'pull_request' }, 'review_comment', { id: comment.node_id, author: restActor(comment.user), createdAt: comment.created_at });
}
