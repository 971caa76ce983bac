import type { Database } from '../../store/db.js';
import { saveSourceState, type SourceState } from '../../store/state.js';
import type { Writer } from '../../store/writer.js';
import { Cursors } from './cursor.js';
import type { PageInfo } from './types.js';

/** Minutes of overlap below a watermark, so that items GitHub indexes late are not missed. */
export const OVERLAP_MS = 5 * 60 * 1000;

/**
 * A second query some stored items need, asked for many items at once across pages (inline
 * review comments: one query for 24 pull requests). The ids waiting for it are kept with the
 * crawl's state, so a killed run still fetches them.
 */
export interface Deferred<N> {
  select(nodes: N[]): string[];
  /** Not asked by a crawl from nothing (no watermark): the target reads those in bulk after it. */
  skipWhenCold?: boolean;
  batch: number;
  fetch(ids: string[]): Promise<(db: Database) => Promise<void>>;
}

export interface CrawlTarget<N> {
  source: string;
  /** The repository and the connection, as errors name them (`acme/widgets pull requests`). */
  where: string;
  /** Items GitHub counted in the connection, when known: bounds the pages read. */
  total?: number;
  repoId: number;
  runId: number;
  writer: Writer;
  /** One page, newest first (pull requests) or oldest first from `since` (issues). */
  fetch(after: string | null, first: number, since: string | null): Promise<{ nodes: N[]; pageInfo: PageInfo }>;
  /** Whether fetched pages are in descending update order (stop below the watermark). */
  descending: boolean;
  /** Items per page (see queries.ts for how page sizes map to points). */
  pageSize: number;
  updatedAt(node: N): string;
  /**
   * Completes one page (nested pages, over the API) and returns how to store it: the storing
   * runs in the transaction that also stores the cursor, the API calls before it, outside.
   */
  prepare(nodes: N[]): Promise<(db: Database) => Promise<void>>;
  /** With a full re-sync, removes what GitHub no longer returned (stored before `since`). */
  removeUnseen(db: Database, since: string): Promise<number>;
  deferred?: Deferred<N>;
  /** Told how many items each stored page held. */
  onPage?: (stored: number) => void;
}

export interface CrawlResult {
  stored: number;
  removed: number;
}

const later = (a: string | null | undefined, b: string): string => (a && Date.parse(a) >= Date.parse(b) ? a : b);

function idList(value: unknown): string[] {
  return typeof value === 'string' && value !== '' ? value.split(',') : [];
}

/**
 * Reads a connection ordered by update time into the database, page by page. Each page is
 * stored in one transaction with the cursor of the next, so a run killed at any point resumes
 * at the page it was on. The watermark (the newest update seen) moves only when the crawl is
 * complete; the next run reads only what was updated since, minus a few minutes of overlap.
 */
export async function crawl<N>(target: CrawlTarget<N>, state: SourceState | undefined, full: boolean, now: string): Promise<CrawlResult> {
  const resuming = state?.cursor != null && !full;
  const detail = resuming ? state.detail : {};
  const fullSince = full ? now : typeof detail.fullSince === 'string' ? detail.fullSince : null;
  const watermark = fullSince ? null : (state?.watermark ?? null);
  const since = watermark ? new Date(Date.parse(watermark) - OVERLAP_MS).toISOString() : null;
  let cursor = resuming ? state.cursor : null;
  let top = typeof detail.top === 'string' ? detail.top : null;
  let pending = full ? [] : idList(state?.detail.pending);
  let first = watermark ? Math.min(20, target.pageSize) : target.pageSize;
  const cursors = new Cursors(target.where, target.total === undefined ? undefined : { total: target.total, pageSize: target.pageSize }, cursor);
  const result: CrawlResult = { stored: 0, removed: 0 };
  const save = (db: Database, done: boolean) =>
    saveSourceState(
      db,
      target.repoId,
      target.runId,
      target.source,
      done ? { cursor: null, watermark: top ?? watermark, detail: {} } : { cursor, watermark: state?.watermark ?? null, detail: { top, fullSince, pending: pending.join(',') } },
      done,
    );
  for (;;) {
    const page = await target.fetch(cursor, first, target.descending ? null : since);
    const keep = target.descending && since ? page.nodes.filter((n) => Date.parse(target.updatedAt(n)) >= Date.parse(since)) : page.nodes;
    for (const node of page.nodes) top = later(top, target.updatedAt(node));
    const done = keep.length < page.nodes.length || !page.pageInfo.hasNextPage;
    cursor = done ? (page.pageInfo.endCursor ?? cursor) : cursors.next(page.pageInfo);
    const deferring = target.deferred && !(target.deferred.skipWhenCold && since === null);
    pending = [...new Set([...pending, ...(deferring ? (target.deferred?.select(keep) ?? []) : [])])];
    const store = await target.prepare(keep);
    await target.writer.use((db) =>
      db.transaction(async () => {
        await store(db);
        await save(db, false);
      }),
    );
    result.stored += keep.length;
    target.onPage?.(keep.length);
    const deferred = target.deferred;
    while (deferred && pending.length > 0 && (done || pending.length >= deferred.batch)) {
      const ids = pending.slice(0, deferred.batch);
      const store = await deferred.fetch(ids);
      pending = pending.slice(ids.length);
      await target.writer.use((db) =>
        db.transaction(async () => {
          await store(db);
          await save(db, false);
        }),
      );
    }
    if (done) break;
    first = target.pageSize;
  }
  await target.writer.use((db) =>
    db.transaction(async () => {
      if (fullSince) result.removed = await target.removeUnseen(db, fullSince);
      await save(db, true);
    }),
  );
  return result;
}
