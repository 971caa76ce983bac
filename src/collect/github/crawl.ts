import type { Database } from '../../store/db.js';
import { saveSourceState, type SourceState } from '../../store/state.js';
import type { Writer } from '../../store/writer.js';
import type { PageInfo } from './types.js';

/** Minutes of overlap below a watermark, so that items GitHub indexes late are not missed. */
export const OVERLAP_MS = 5 * 60 * 1000;

export interface CrawlTarget<N> {
  source: string;
  repoId: number;
  runId: number;
  writer: Writer;
  /** One page, newest first (pull requests) or oldest first from `since` (issues). */
  fetch(after: string | null, first: number, since: string | null): Promise<{ nodes: N[]; pageInfo: PageInfo }>;
  /** Whether fetched pages are in descending update order (stop below the watermark). */
  descending: boolean;
  updatedAt(node: N): string;
  /** Stores one page (with its nested data) inside the transaction that also stores the cursor. */
  store(db: Database, nodes: N[]): Promise<void>;
  /** With a full re-sync, removes what GitHub no longer returned (stored before `since`). */
  removeUnseen(db: Database, since: string): Promise<number>;
}

export interface CrawlResult {
  stored: number;
  removed: number;
}

const later = (a: string | null | undefined, b: string): string => (a && Date.parse(a) >= Date.parse(b) ? a : b);

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
  let first = watermark ? 20 : 100;
  const result: CrawlResult = { stored: 0, removed: 0 };
  for (;;) {
    const page = await target.fetch(cursor, first, target.descending ? null : since);
    const keep = target.descending && since ? page.nodes.filter((n) => Date.parse(target.updatedAt(n)) >= Date.parse(since)) : page.nodes;
    for (const node of page.nodes) top = later(top, target.updatedAt(node));
    const done = keep.length < page.nodes.length || !page.pageInfo.hasNextPage;
    await target.writer.use((db) =>
      db.transaction(async () => {
        await target.store(db, keep);
        if (done) {
          if (fullSince) result.removed = await target.removeUnseen(db, fullSince);
          await saveSourceState(db, target.repoId, target.runId, target.source, { cursor: null, watermark: top ?? watermark, detail: {} }, true);
        } else {
          await saveSourceState(db, target.repoId, target.runId, target.source, { cursor: page.pageInfo.endCursor, watermark: state?.watermark ?? null, detail: { top, fullSince } }, false);
        }
      }),
    );
    result.stored += keep.length;
    if (done) return result;
    cursor = page.pageInfo.endCursor;
    first = 100;
  }
}
