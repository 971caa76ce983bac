/**
 * Failures the fake GitHub can be told to produce, and the bodies GitHub sends with them.
 * A queued fault applies to the next matching requests: any request, or only those whose
 * operation name is `operation`; `skip` lets that many matching requests through first, so a
 * test can fail exactly the Nth page of a collection.
 */

export type FaultKind =
  /** 403 (or 429) secondary rate limit with `retry-after` (seconds, default 60). */
  | { kind: 'secondary'; retryAfter?: number; status?: 403 | 429 }
  /** A gateway error: an HTML page, or (`json: true`) GitHub's JSON "Something went wrong" body. */
  | { kind: 'status'; status: 502 | 504; json?: boolean }
  /** HTTP 200, the query executed, then the field at `path` (response keys; default: the first
   *  root field other than `rateLimit`) nulled and a "Something went wrong" error added. */
  | { kind: 'partial'; path?: string[] }
  /** The primary-limit error (`type` RATE_LIMITED by default; GitHub has also been seen sending RATE_LIMIT);
   *  `reset` (epoch seconds) replaces the budget's `x-ratelimit-reset`, to send one in the past or far ahead. */
  | { kind: 'rate-limited'; type?: 'RATE_LIMITED' | 'RATE_LIMIT'; status?: 200 | 403 | 429; reset?: number }
  /** HTTP 200, the query executed, then every `pageInfo` in the answer says there is a next page,
   *  at the cursor the request was sent with (the first page's own when it had none), or at null. */
  | { kind: 'stuck-cursor'; nullCursor?: boolean }
  /** The socket is destroyed without a response. */
  | { kind: 'drop' }
  /** Any answer at all: `body` as sent (HTML, truncated JSON, an answer without `data`, …). */
  | { kind: 'raw'; status?: number; contentType?: string; body: string }
  /** HTTP 200 and `bytes` bytes of a JSON string, streamed without a length. */
  | { kind: 'huge'; bytes: number }
  /** The request is read and never answered (until the client gives up or the server closes). */
  | { kind: 'hang' }
  /** HTTP 200 headers, then one byte every `everyMs` milliseconds, never the end. */
  | { kind: 'trickle'; everyMs: number }
  /** A redirect (301 by default) to `location`, by default the endpoint itself: a loop. */
  | { kind: 'redirect'; status?: 301 | 302 | 307 | 308; location?: string };

/** Faults the server carries out on the connection itself, rather than as a reply. */
export type StreamFault = Extract<Fault, { kind: 'drop' | 'huge' | 'hang' | 'trickle' }>;

export type Fault = FaultKind & {
  /** Only requests whose operation name is this one match. */
  operation?: string;
  /** Let this many matching requests through before failing. */
  skip?: number;
};

export class FaultQueue {
  private entries: { fault: Fault; times: number; skip: number }[] = [];

  add(fault: Fault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`times must be a positive integer, got ${times}`);
    this.entries.push({ fault, times, skip: fault.skip ?? 0 });
  }

  /** The fault to apply to a request for `operation`, if any; consumes one use of it. */
  take(operation: string | null): Fault | undefined {
    for (const entry of this.entries) {
      if (entry.fault.operation !== undefined && entry.fault.operation !== operation) continue;
      if (entry.skip > 0) {
        entry.skip--;
        continue;
      }
      entry.times--;
      this.entries = this.entries.filter((e) => e.times > 0);
      return entry.fault;
    }
    return undefined;
  }

  get pending(): number {
    return this.entries.reduce((n, e) => n + e.times, 0);
  }

  clear(): void {
    this.entries = [];
  }
}

export const DOCS = 'https://docs.github.com/graphql';

export function secondaryLimitBody(requestId: string): { message: string; documentation_url: string } {
  return {
    message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. '
      + `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
    documentation_url: 'https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#secondary-rate-limits',
  };
}

export function somethingWentWrong(requestId: string): { message: string } {
  return {
    message: 'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. '
      + `Please include \`${requestId}\` when reporting this issue.`,
  };
}

export function rateLimitedBody(type: 'RATE_LIMITED' | 'RATE_LIMIT' = 'RATE_LIMITED'): { errors: { type: string; code: string; message: string }[] } {
  return { errors: [{ type, code: 'graphql_rate_limit', message: 'API rate limit already exceeded for user ID 1.' }] };
}

export function gatewayPage(status: 502 | 504): string {
  const title = status === 502 ? '502 Bad Gateway' : '504 Gateway Time-out';
  const text = status === 502 ? 'The server returned an invalid or incomplete response.' : 'The server didn\'t respond in time.';
  return `<html><body><h1>${title}</h1>\n${text}\n</body></html>\n`;
}

/** Sets the value at `path` (response keys) in `data` to null; returns whether it was there. */
export function nullAt(data: Record<string, unknown>, path: readonly string[]): boolean {
  let parent: unknown = data;
  for (const key of path.slice(0, -1)) {
    parent = typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>)[key] : undefined;
  }
  const last = path.at(-1);
  if (last === undefined || typeof parent !== 'object' || parent === null || !(last in parent)) return false;
  (parent as Record<string, unknown>)[last] = null;
  return true;
}

/** A response: status, JSON (or text) body, headers; `exhausted` reports 0 remaining points. */
export interface FaultReply { status: number; body: unknown; exhausted?: boolean; headers?: Record<string, string> }

export function faultReply(fault: Exclude<Fault, StreamFault | { kind: 'partial' | 'stuck-cursor' }>, requestId: string, url: string): FaultReply {
  switch (fault.kind) {
    case 'redirect':
      return { status: fault.status ?? 301, body: '', headers: { location: fault.location ?? url } };
    case 'secondary':
      return { status: fault.status ?? 403, body: secondaryLimitBody(requestId), headers: { 'retry-after': String(fault.retryAfter ?? 60) } };
    case 'status':
      return fault.json
        ? { status: fault.status, body: { data: null, errors: [somethingWentWrong(requestId)] } }
        : { status: fault.status, body: gatewayPage(fault.status), headers: { 'content-type': 'text/html' } };
    case 'raw':
      return { status: fault.status ?? 200, body: fault.body, headers: { 'content-type': fault.contentType ?? 'application/json; charset=utf-8' } };
    case 'rate-limited':
      return { status: fault.status ?? 200, body: rateLimitedBody(fault.type), exhausted: true, ...(fault.reset !== undefined ? { headers: { 'x-ratelimit-reset': String(fault.reset) } } : {}) };
  }
}

/** Makes every `pageInfo` in `data` claim a next page at `cursor` (see the `stuck-cursor` fault). */
export function stickCursors(data: unknown, cursor: string | null | undefined): void {
  if (typeof data !== 'object' || data === null) return;
  for (const [key, value] of Object.entries(data)) {
    if (key === 'pageInfo' && typeof value === 'object' && value !== null) {
      const info = value as { hasNextPage?: boolean; endCursor?: string | null };
      info.hasNextPage = true;
      if (cursor !== undefined) info.endCursor = cursor;
    } else {
      stickCursors(value, cursor);
    }
  }
}
