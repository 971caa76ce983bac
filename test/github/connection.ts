/**
 * A generic GitHub-style connection over a fixture array: filtering (`states`, `filterBy`,
 * `isFork`, `labels`, …), ordering (`orderBy {field, direction}`), cursor pagination
 * (`first`/`last`/`after`/`before`), `nodes`, `edges`, `pageInfo` and `totalCount`.
 *
 * Array items are nodes, or edge records `{ node, ...extras }` (a star: `{ node, starredAt }`);
 * extras appear on the edge. Cursors are keyset cursors like GitHub's: they hold the sort key
 * and creation order of the item they point at, so a page boundary stays put when items before
 * it change (an edited issue moves in UPDATED_AT order; it does not shift the next page).
 * Without `orderBy` the order is creation order (newest first for commit `history`).
 */
import { GraphQLError } from 'graphql';
import { creationOrder } from './fixture.js';

type Item = Record<string, unknown>;
interface Entry { node: Item; edge: Item; key: unknown; seq: number }

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  orderBy?: { field: string; direction: 'ASC' | 'DESC' } | null;
  [filter: string]: unknown;
}

export interface Connection {
  totalCount: number;
  nodes: Item[];
  edges: Item[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export function resolveConnection(items: readonly unknown[], args: ConnectionArgs, fieldName: string): Connection {
  const order = args.orderBy ? camelCase(args.orderBy.field) : null;
  const direction = args.orderBy ? (args.orderBy.direction === 'DESC' ? -1 : 1) : fieldName === 'history' ? -1 : 1;
  const entries = items.map((item, index) => entry(item as Item, order, index))
    .filter((e) => matches(e.node, args))
    .sort((a, b) => direction * compare(a, b));

  let start = 0;
  let end = entries.length;
  if (args.after) {
    const cursor = decode(args.after, 'after');
    const at = entries.findIndex((e) => direction * compare(e, cursor) > 0);
    start = at < 0 ? entries.length : at;
  }
  if (args.before) {
    const cursor = decode(args.before, 'before');
    const at = entries.findIndex((e) => direction * compare(e, cursor) >= 0);
    end = Math.max(start, at < 0 ? entries.length : at);
  }
  const [from, to] = typeof args.first === 'number'
    ? [start, Math.min(end, start + args.first)]
    : [Math.max(start, end - (args.last ?? end - start)), end];
  const page = entries.slice(from, to);
  const edges = page.map((e) => ({ ...e.edge, node: e.node, cursor: encode(e) }));
  return {
    totalCount: entries.length,
    nodes: page.map((e) => e.node),
    edges,
    pageInfo: {
      hasNextPage: to < entries.length,
      hasPreviousPage: from > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function entry(item: Item, order: string | null, index: number): Entry {
  const isEdge = !('__typename' in item) && typeof item.node === 'object' && item.node !== null;
  const node = isEdge ? item.node as Item : item;
  const edge = isEdge ? item : {};
  const seq = creationOrder(item) ?? index;
  if (order === null) return { node, edge, key: null, seq };
  const value = order in edge ? edge[order] : node[order];
  return { node, edge, key: Array.isArray(value) ? value.length : value ?? null, seq };
}

function compare(a: { key: unknown; seq: number }, b: { key: unknown; seq: number }): number {
  return compareValues(a.key, b.key) || a.seq - b.seq;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : 1;
  }
  return Number(a) - Number(b);
}

function matches(node: Item, args: ConnectionArgs): boolean {
  for (const [name, value] of Object.entries(args)) {
    if (value === null || value === undefined) continue;
    switch (name) {
      case 'states':
        if (!(value as unknown[]).includes(node.state)) return false;
        break;
      case 'isFork': case 'isArchived': case 'isLocked': case 'baseRefName': case 'headRefName':
        if (node[name] !== value) return false;
        break;
      case 'labels':
        if (!hasLabel(node, value as string[])) return false;
        break;
      case 'author':
        if (typeof value === 'string' && login(node.author) !== value) return false;
        break;
      case 'since': case 'until': {
        const at = Date.parse(String(node.committedDate ?? node.updatedAt));
        if (name === 'since' ? at < Date.parse(String(value)) : at > Date.parse(String(value))) return false;
        break;
      }
      case 'filterBy':
        if (!matchesFilter(node, value as Item)) return false;
        break;
    }
  }
  return true;
}

/** `IssueFilters`: since (updated at or after), states, labels, createdBy. */
function matchesFilter(node: Item, filter: Item): boolean {
  if (typeof filter.since === 'string' && Date.parse(String(node.updatedAt)) < Date.parse(filter.since)) return false;
  if (Array.isArray(filter.states) && !filter.states.includes(node.state)) return false;
  if (Array.isArray(filter.labels) && !hasLabel(node, filter.labels as string[])) return false;
  if (typeof filter.createdBy === 'string' && login(node.author) !== filter.createdBy) return false;
  return true;
}

function hasLabel(node: Item, names: readonly string[]): boolean {
  const labels = Array.isArray(node.labels) ? node.labels as Item[] : [];
  return labels.some((label) => names.includes(String(label.name)));
}

function login(actor: unknown): string | undefined {
  return typeof actor === 'object' && actor !== null ? String((actor as Item).login) : undefined;
}

function camelCase(field: string): string {
  return field.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function encode(e: Entry): string {
  return Buffer.from(`cursor:v2:${JSON.stringify([e.key, e.seq])}`).toString('base64');
}

function decode(cursor: string, argument: 'after' | 'before'): { key: unknown; seq: number } {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  try {
    if (!text.startsWith('cursor:v2:')) throw new Error('not a cursor');
    const [key, seq] = JSON.parse(text.slice('cursor:v2:'.length)) as unknown[];
    if (typeof seq !== 'number') throw new Error('not a cursor');
    return { key: key ?? null, seq };
  } catch {
    throw new GraphQLError(`\`${argument}\` does not appear to be a valid cursor.`, { extensions: { type: 'INVALID_CURSOR_ARGUMENTS' } });
  }
}
