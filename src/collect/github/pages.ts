import type { GitHubClient } from './client.js';
import { Cursors } from './cursor.js';
import { MORE_COMMENTS, MORE_LABELS, MORE_REVIEWS } from './queries.js';
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
