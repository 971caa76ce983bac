import type { GitHubClient } from './client.js';
import { MORE_COMMENTS, MORE_LABELS, MORE_REVIEW_COMMENTS, MORE_REVIEW_THREADS, MORE_REVIEWS, REVIEW_COMMENTS, REVIEW_COMMENTS_BATCH } from './queries.js';
import type { CommentNode, Connection, PullRequestNode, ReviewNode } from './types.js';

type NodeAnswer<K extends string, T> = { node: Partial<Record<K, Connection<T>>> | null };

/**
 * All items of a nested connection: the first page came with its parent, the rest is asked
 * page by page through `node(id:)`.
 */
export async function restOf<K extends string, T>(client: GitHubClient, first: Connection<T>, id: string, field: K, document: string, context: string): Promise<T[]> {
  const items = [...first.nodes];
  let info = first.pageInfo;
  while (info.hasNextPage) {
    const answer = await client.query<NodeAnswer<K, T>>(document, { id, after: info.endCursor }, context);
    const next = answer.node?.[field];
    if (!next) break;
    items.push(...next.nodes);
    info = next.pageInfo;
  }
  return items;
}

export const restOfLabels = (client: GitHubClient, conn: Connection<{ name: string }>, id: string, context: string) =>
  restOf(client, conn, id, 'labels', MORE_LABELS, context).then((labels) => labels.map((l) => l.name));

export const restOfComments = (client: GitHubClient, conn: Connection<CommentNode>, id: string, context: string) =>
  restOf(client, conn, id, 'comments', MORE_COMMENTS, context);

export const restOfReviews = (client: GitHubClient, conn: Connection<ReviewNode>, id: string, context: string) =>
  restOf(client, conn, id, 'reviews', MORE_REVIEWS, context);

type ReviewWithComments = { id: string; comments: Connection<CommentNode> };
type ReviewCommentsAnswer = { nodes: ({ id: string; reviews: Connection<ReviewWithComments> } | null)[] };

/** Inline review comments of the given pull requests, by pull request node id. */
export async function reviewComments(client: GitHubClient, prs: readonly PullRequestNode[], context: string): Promise<Map<string, CommentNode[]>> {
  const byPr = new Map<string, CommentNode[]>();
  for (let i = 0; i < prs.length; i += REVIEW_COMMENTS_BATCH) {
    const ids = prs.slice(i, i + REVIEW_COMMENTS_BATCH).map((pr) => pr.id);
    const answer = await client.query<ReviewCommentsAnswer>(REVIEW_COMMENTS, { ids }, context);
    for (const pr of answer.nodes) {
      if (!pr) continue;
      const reviews = await restOf(client, pr.reviews, pr.id, 'reviews', MORE_REVIEW_THREADS, context);
      const comments: CommentNode[] = [];
      for (const review of reviews) comments.push(...(await restOf(client, review.comments, review.id, 'comments', MORE_REVIEW_COMMENTS, context)));
      byPr.set(pr.id, comments);
    }
  }
  return byPr;
}
