import { redact } from '../../redact.js';

/** The most of one answer cdstats reads: GitHub's largest pages are a few megabytes. */
export const MAX_ANSWER_BYTES = 20 * 1024 * 1024;

/** An answer cdstats cannot use: too large, or (with a 2xx status) not a GraphQL answer it can read. */
export class UnreadableAnswer extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableAnswer';
  }
}

/**
 * A 3xx from the endpoint. It is not followed: a 307 or 308 would send the query and the token to
 * wherever it points, and one that points back is a loop; the endpoint's owner says where it went.
 */
export class RedirectAnswer extends Error {
  constructor(status: number, location: string) {
    super(`GitHub answered HTTP ${status}, a redirect to ${redact(location)}, which cdstats does not follow (the token would go along); if the endpoint moved, set github.graphqlUrl to its new address`);
    this.name = 'RedirectAnswer';
  }
}

const unprintable = (code: number): boolean =>
  code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

/** What came back, for a line a person reads: status, type, size and the start of the body, printable. */
function describe(response: Response, text: string, size = Buffer.byteLength(text)): string {
  const type = response.headers.get('content-type')?.split(';')[0] ?? 'no content type';
  // Control and bidirectional characters could rewrite the terminal line; credentials in a URL are hidden.
  const start = [...redact(text.slice(0, 200))].map((c) => (unprintable(c.codePointAt(0) ?? 0) ? ' ' : c)).join('');
  return `HTTP ${response.status}, ${type}, ${size} bytes${start === '' ? '' : `: "${start}${text.length > 200 ? '…' : ''}"`}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why a 2xx body is not an answer cdstats can read, or undefined when it is one. */
export function unreadable(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!isObject(body)) return 'not a JSON object';
  if ('errors' in body) {
    const errors = body.errors;
    return Array.isArray(errors) && errors.length > 0 && errors.every((e) => isObject(e) && typeof e.message === 'string') ? undefined : '`errors` without messages';
  }
  if (!isObject(body.data)) return 'no `data`';
  // Every query cdstats sends asks for `rateLimit`: the client waits by it.
  const rate = body.data.rateLimit;
  if (!isObject(rate)) return 'no `rateLimit`';
  if (!['cost', 'remaining', 'limit'].every((key) => typeof rate[key] === 'number') || typeof rate.resetAt !== 'string' || Number.isNaN(Date.parse(rate.resetAt))) {
    return `\`rateLimit\` unreadable (${JSON.stringify(rate).slice(0, 100)})`;
  }
  return undefined;
}

async function readAtMost(response: Response, max: number): Promise<Uint8Array> {
  const tooLarge = (size: number) => new UnreadableAnswer(`GitHub sent an answer over the ${max / 1024 / 1024} MB cdstats reads, not read further: ${describe(response, '', size)}`);
  const declared = Number(response.headers.get('content-length'));
  if (declared > max) {
    await response.body?.cancel();
    throw tooLarge(declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop by a throw cancels the stream, which closes the connection.
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > max) throw tooLarge(size);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * fetch for @octokit/graphql: follows no redirect (see RedirectAnswer), reads the whole answer (so that the request's signal, a timeout,
 * covers a server that trickles as well as one that never answers), at most MAX_ANSWER_BYTES,
 * and refuses a 2xx answer cdstats cannot read, saying what came back, instead of letting
 * it surface as "Cannot read properties of undefined".
 */
export async function fetchAnswer(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: 'manual' });
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    const base = url instanceof Request ? url.url : url;
    throw new RedirectAnswer(response.status, new URL(response.headers.get('location') ?? '', base).href);
  }
  const text = new TextDecoder().decode(await readAtMost(response, MAX_ANSWER_BYTES));
  const problem = response.ok ? unreadable(text) : undefined;
  if (problem !== undefined) throw new UnreadableAnswer(`GitHub sent an answer cdstats cannot read (${problem}): ${describe(response, text)}`);
  return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** A REST answer with a status other than 2xx, shaped as @octokit/request's HttpError so classifyFailure reads it alike. */
class RestHttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly response: { headers: Record<string, string>; data: unknown },
  ) {
    super(message);
  }
}

/**
 * One REST request: the whole answer read (at most MAX_ANSWER_BYTES, so the signal covers a
 * server that trickles), JSON parsed. A status other than 2xx throws as an HttpError (its
 * message, headers and body kept for classifyFailure); a 2xx body that is not JSON throws
 * saying what came back, as fetchAnswer does for GraphQL.
 */
export async function fetchRest(url: URL, init: RequestInit): Promise<{ headers: Headers; data: unknown }> {
  let response = await fetch(url, { ...init, redirect: 'manual' });
  // A renamed repository answers with a redirect: followed on the same host only, so the token never goes elsewhere.
  for (let hops = 0; hops < 3 && [301, 302, 307, 308].includes(response.status); hops++) {
    const location = response.headers.get('location');
    const next = location === null ? undefined : new URL(location, url);
    if (next?.origin !== url.origin) break;
    await response.body?.cancel();
    response = await fetch(next, { ...init, redirect: 'manual' });
  }
  const unreadable = (cause: UnreadableAnswer) => new Error(cause.message, { cause });
  let text: string;
  try {
    text = new TextDecoder().decode(await readAtMost(response, MAX_ANSWER_BYTES));
  } catch (error) {
    // Wrapped as @octokit/request wraps what fetchAnswer throws, so classifyFailure tells it alike.
    throw error instanceof UnreadableAnswer ? unreadable(error) : error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const message = isObject(data) && typeof data.message === 'string' ? data.message : response.statusText;
    throw new RestHttpError(response.status, message, { headers: Object.fromEntries(response.headers), data: data ?? text.slice(0, 200) });
  }
  if (data === undefined) throw unreadable(new UnreadableAnswer(`GitHub sent an answer cdstats cannot read (not JSON): ${describe(response, text)}`));
  return { headers: response.headers, data };
}
