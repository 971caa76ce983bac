import type { PageInfo } from './types.js';

/** Pages read of a connection whose size is not known beforehand: a million items at 100 a page. */
export const UNKNOWN_SIZE_PAGES = 10_000;

/**
 * The cursors of one connection, page after page. A cursor GitHub gave before (or none, with
 * `hasNextPage`) would have cdstats ask for the same page for ever, which gets a token banned:
 * it is an error naming the repository and the connection, as is more pages than the
 * connection's size could need.
 */
export class Cursors {
  private readonly seen = new Set<string>();
  private pages = 0;
  private readonly maxPages: number;

  /**
   * @param where the repository and the connection, as errors name them (`acme/widgets releases`)
   * @param size how many items GitHub counted and how many a page holds, when known: the
   *   ceiling is twice the pages they need (items come and go during a run, pages shrink on retry)
   * @param start the cursor the reading starts after (a resumed crawl)
   */
  constructor(
    private readonly where: string,
    private readonly size?: { total: number; pageSize: number },
    start?: string | null,
  ) {
    this.maxPages = size ? 2 * Math.ceil(size.total / size.pageSize) + 10 : UNKNOWN_SIZE_PAGES;
    if (start) this.seen.add(start);
  }

  /** The cursor of the next page, when `info` says there is one (checked to have moved). */
  next(info: PageInfo): string {
    const cursor = info.endCursor;
    if (cursor === null) throw new Error(`${this.where}: GitHub said there is a next page but gave no cursor; stopping rather than reading the same page again`);
    if (this.seen.has(cursor)) throw new Error(`${this.where}: GitHub gave the cursor of an earlier page again; stopping rather than reading the same page again`);
    if (++this.pages >= this.maxPages) {
      const expected = this.size ? ` for ${this.size.total} items at ${this.size.pageSize} a page` : '';
      throw new Error(`${this.where}: GitHub still had more after ${this.pages} pages, the most cdstats reads${expected}; stopping`);
    }
    this.seen.add(cursor);
    return cursor;
  }
}
