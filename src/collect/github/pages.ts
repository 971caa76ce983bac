import type { GitHubClient } from './client.js';
import { Cursors } from './cursor.js';
import { MORE_COMMENTS, MORE_LABELS, MORE_REVIEW_COMMENTS, MORE_REVIEW_THREADS, MORE_REVIEWS, REVIEW_COMMENTS, REVIEW_COMMENTS_BATCH } from './queries.js';
import type { CommentNode, Connection, ReviewNode } from './types.js';

type NodeAnswer<K extends string, T> = { node: Partial<Record<K, Connection<T>>> | null };

/**
 * All items of a nested connection: the first page came with its parent, the rest is asked
 * page by page through `node(id:)`.
 */
export async function restOf<K extends string, T>(client: GitHubClient, first: Connection<T>, id: string, field: K, document: string, context: string): Promise<T[]> {
  const items = [...first.nodes];
  const cursors = new Cursors(`${context} ${field} of ${id}`, first.totalCount === undefined ? undefined : { total: first.totalCount, pageSize: 100 });
  let info = first.pageInfo;
  while (info.hasNextPage) {
    const answer = await client.query<NodeAnswer<K, T>>(document, { id, after: cursors.next(info) }, context);
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
type ReviewCommentsAnswer = { nodes: ({ id: string; number: number; reviews: Connection<ReviewWithComments> } | null)[] };

/** Inline review comments of the given pull requests (node ids), with each pull request's number. */
export async function reviewComments(client: GitHubClient, ids: readonly string[], context: string): Promise<{ id: string; number: number; comments: CommentNode[] }[]> {
  const found: { id: string; number: number; comments: CommentNode[] }[] = [];
  for (let i = 0; i < ids.length; i += REVIEW_COMMENTS_BATCH) {
    const answer = await client.query<ReviewCommentsAnswer>(REVIEW_COMMENTS, { ids: ids.slice(i, i + REVIEW_COMMENTS_BATCH) }, context);
    for (const pr of answer.nodes) {
      if (!pr) continue; // deleted since: nothing to add
      const reviews = await restOf(client, pr.reviews, pr.id, 'reviews', MORE_REVIEW_THREADS, context);
      const comments: CommentNode[] = [];
      for (const review of reviews) comments.push(...(await restOf(client, review.comments, review.id, 'comments', MORE_REVIEW_COMMENTS, context)));
      found.push({ id: pr.id, number: pr.number, comments });
    }
  }
  return found;
}
