import { graphql, GraphqlResponseError } from '@octokit/graphql';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Log } from '../../log.js';
import { redact } from '../../redact.js';
import { fetchAnswer, fetchRest } from './answer.js';
import { classifyFailure, type Failure } from './failure.js';

export interface RateLimit {
  cost: number;
  remaining: number;
  resetAt: string;
  limit: number;
}

type WithRateLimit = { rateLimit?: RateLimit | null };
type Api = 'graphql' | 'rest';

/** One page of a REST answer, and whether its `Link` header names a next one. */
export interface RestPage<T> {
  data: T;
  next: boolean;
}

/**
 * The REST API's root for a GraphQL endpoint: `https://api.github.com` for
 * `https://api.github.com/graphql`, `https://HOST/api/v3` for GitHub Enterprise Server's
 * `https://HOST/api/graphql`.
 */
export function restRoot(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/api\/graphql\/?$/, '/api/v3').replace(/\/graphql\/?$/, '');
  url.search = '';
  return url.toString().replace(/\/$/, '');
}

/** Whether a `Link` header names a next page. */
export function hasNextPage(link: string | null): boolean {
  return (link ?? '').split(',').some((part) => /;\s*rel="?next"?/.test(part));
}

/** A REST request's name in messages: its path with numbers and the repository as placeholders, no query. */
function restOperation(path: string): string {
  return path.split('?')[0]?.replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/{owner}/{repo}').replace(/\/\d+(?=\/|$)/g, '/{number}') ?? path;
}

/** An error GitHub reported on one alias of a query of many (`r3: repository(…)`), the others answered. */
export interface AliasError {
  alias: string;
  type: string | undefined;
  message: string;
}

/** The errors of an answer when each concerns one alias and data came with them; undefined otherwise. */
function aliasErrors(error: GraphqlResponseError<unknown>): AliasError[] | undefined {
  const errors = (error.errors ?? []) as { type?: string; path?: unknown[]; message: string }[];
  if (typeof error.data !== 'object' || error.data === null || errors.length === 0) return undefined;
  const each = errors.map((e) => ({ alias: e.path?.[0], type: e.type, message: e.message }));
  if (!each.every((e): e is AliasError => typeof e.alias === 'string' && e.alias !== 'rateLimit' && e.type !== 'RATE_LIMITED' && e.type !== 'RATE_LIMIT')) return undefined;
  return each;
}

export interface ClientOptions extends Partial<Clock> {
  url: string;
  token: string;
  log: Log;
  /** Requests in flight at once. */
  concurrency: number;
  /** Attempts per query before giving up (network faults, 5xx, secondary limits). */
  maxAttempts?: number;
  /** Milliseconds one request may take, answer included (default 60 s). */
  timeoutMs?: number;
  /** Milliseconds one repository (a query's `context`) may take from its first query (default 2 hours). */
  repoDeadlineMs?: number;
  /** Aborts when the collect stops (an error nothing caught, a signal): no request or wait goes on. */
  stop?: AbortSignal;
}

/** How the client waits and tells the time; tests inject one that does not wait. */
export interface Clock {
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** A signal that aborts `ms` from now (a test's clock aborts it when moved on that far). */
  signal?: (ms: number) => AbortSignal;
}

/** A query that failed for good: names the query and, when known, the repository. */
export class GitHubError extends Error {
  constructor(
    message: string,
    readonly kind: Failure['kind'] | 'timeout',
  ) {
    super(redact(message));
    this.name = 'GitHubError';
  }
}

/** Waits `ms`, or until `stop` aborts: a wait for a rate limit's reset must not outlive the collect. */
const realSleep = (ms: number, stop: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, stop?.aborted ? 0 : ms);
    stop?.addEventListener('abort', done, { once: true });
  });

function operationName(document: string): string {
  return /^\s*query\s+(\w+)/.exec(document)?.[1] ?? 'query';
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** A time to the second, as GitHub writes its `resetAt`. */
function iso(ms: number): string {
  return new Date(Math.round(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Attempts at a query whose answers cannot be read (HTML, truncated JSON, no `data`, over 20 MB). */
const UNREADABLE_ATTEMPTS = 3;

/** The longest cdstats waits for a limit: GitHub's primary limit resets every hour. */
const MAX_WAIT_MS = 65 * 60_000;

/**
 * GitHub's GraphQL API with its limits respected: every answer's `rateLimit` is read; a
 * query that would not fit in what is left waits for the reset; secondary limits, server
 * errors and dropped connections are retried with backoff, 5xx with a smaller page.
 */
export class GitHubClient {
  /** Points and requests of the GraphQL API, requests of the REST API. */
  readonly used = { points: 0, requests: 0, restRequests: 0 };
  /** Each API's budget as of its last answer: GraphQL's points, REST's requests. */
  private readonly rates: Record<Api, { remaining: number; resetAt: number; limit: number } | undefined> = { graphql: undefined, rest: undefined };
  private readonly restRoot: string;
  private readonly costs = new Map<string, number>();
  private readonly request: typeof graphql;
  private readonly pool: LimitFunction;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private readonly signal: (ms: number) => AbortSignal;
  private readonly timeoutMs: number;
  private readonly repoDeadlineMs: number;
  /** When each repository's time is up, from its first query. */
  private readonly deadlines = new Map<string, number>();
  /** Requests sent for each repository, and the most it may send (see `limitRequests`). */
  private readonly requestsFor = new Map<string, { sent: number; max: number; why: string }>();

  constructor(private readonly options: ClientOptions) {
    this.restRoot = restRoot(options.url);
    this.request = graphql.defaults({ url: options.url, headers: { authorization: `bearer ${options.token}`, 'user-agent': 'cdstats' }, request: { fetch: fetchAnswer } });
    this.pool = pLimit(options.concurrency);
    this.sleep = options.sleep ?? ((ms) => realSleep(ms, options.stop));
    this.now = options.now ?? Date.now;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.signal = options.signal ?? ((ms) => AbortSignal.timeout(ms));
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.repoDeadlineMs = options.repoDeadlineMs ?? 120 * 60_000;
  }

  /** Points left and when they come back, as of the last answer. */
  get rateLimit(): { remaining: number; resetAt: string; limit: number } | undefined {
    const rate = this.rates.graphql;
    return rate && { remaining: rate.remaining, resetAt: new Date(rate.resetAt).toISOString(), limit: rate.limit };
  }

  /**
   * Caps the requests sent for `context` in this run: a backstop behind the page and retry
   * limits, so that no loop, however it comes about, asks GitHub without end.
   */
  limitRequests(context: string, max: number, why: string): void {
    this.requestsFor.set(context, { sent: this.requestsFor.get(context)?.sent ?? 0, max, why });
  }

  query<T extends object>(document: string, variables: Record<string, unknown>, context: string): Promise<T> {
    return this.graphql<T>(document, variables, context, false).then((answer) => answer.data);
  }

  /**
   * As `query`, for a query of many aliases (many repositories at once): an answer whose errors
   * each concern one alias (a repository that does not exist or that the token cannot see) comes
   * back with those errors instead of failing the whole query; the other aliases' data is there.
   * Every other failure is waited for, retried or thrown as by `query`.
   */
  queryEach<T extends object>(document: string, variables: Record<string, unknown>, context: string): Promise<{ data: T; errors: AliasError[] }> {
    return this.graphql<T>(document, variables, context, true);
  }

  private graphql<T extends object>(document: string, variables: Record<string, unknown>, context: string, each: boolean): Promise<{ data: T; errors: AliasError[] }> {
    const name = operationName(document);
    return this.pool(() =>
      this.attempt(name, 'graphql', { ...variables }, context, async (sent, signal) => {
        try {
          const data = await this.request<T>(document, { ...sent, request: { signal } });
          this.record(name, (data as WithRateLimit).rateLimit);
          return { data, errors: [] };
        } catch (error) {
          if (error instanceof GraphqlResponseError) {
            this.record(name, (error.data as WithRateLimit | undefined)?.rateLimit);
            const errors = each ? aliasErrors(error) : undefined;
            if (errors) return { data: error.data as T, errors };
          }
          throw error;
        }
      }),
    );
  }

  /**
   * One page of GitHub's REST API (`path` and query under the REST root, such as
   * `/repos/o/n/pulls/comments?per_page=100`), with the same limits, retries and waits as a
   * query, on REST's own budget. The token goes in the authorization header only, and only
   * to the configured host: `Link` URLs are read for whether there is a next page, never followed.
   */
  rest<T>(path: string, context: string): Promise<RestPage<T>> {
    const name = `REST ${restOperation(path)}`;
    const url = new URL(`${this.restRoot}${path}`);
    return this.pool(() =>
      this.attempt<RestPage<T>>(name, 'rest', {}, context, async (_sent, signal) => {
        const answer = await fetchRest(url, { headers: { authorization: `bearer ${this.options.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'cdstats' }, signal });
        this.recordRest(answer.headers);
        return { data: answer.data as T, next: hasNextPage(answer.headers.get('link')) };
      }),
    );
  }

  private async attempt<T>(name: string, api: Api, variables: Record<string, unknown>, context: string, send: (variables: Record<string, unknown>, signal: AbortSignal) => Promise<T>): Promise<T> {
    const where = `${name} for ${context}`;
    const deadline = this.deadlines.get(context) ?? this.now() + this.repoDeadlineMs;
    this.deadlines.set(context, deadline);
    const stop = (why: string) => new GitHubError(`${where}: ${why}; stopping this repository (a later run resumes where it stopped)`, 'timeout');
    const late = () => stop(`its deadline passed (github.repoDeadlineMinutes: ${Math.round(this.repoDeadlineMs / 60_000)})`);
    let secondaryWait = 0;
    // Every retry counts, rate limits too: a limit GitHub keeps reporting (with a reset already past) ends here.
    for (let attempt = 1; ; attempt++) {
      await this.waitForBudget(api, name, where, deadline);
      this.options.stop?.throwIfAborted();
      if (this.now() >= deadline) throw late();
      const sent = this.requestsFor.get(context);
      if (sent && ++sent.sent > sent.max) throw new GitHubError(`${where}: ${sent.max} requests sent for this repository in this run, the most ${sent.why} could need; stopping`, 'fatal');
      // Covers the whole answer (fetchAnswer reads it before returning): a server that trickles times out too.
      const timeout = this.signal(this.timeoutMs);
      const ended = this.signal(deadline - this.now());
      let failure: Failure;
      try {
        const signals = [timeout, ended, ...(this.options.stop ? [this.options.stop] : [])];
        const data = await send(variables, AbortSignal.any(signals));
        this.count(api);
        return data;
      } catch (error) {
        this.count(api);
        this.options.stop?.throwIfAborted();
        if (ended.aborted) throw late();
        if (timeout.aborted) throw stop(`no complete answer within ${this.timeoutMs / 1000} s (github.timeoutSeconds)`);
        failure = classifyFailure(error);
      }
      if (failure.kind === 'fatal' || failure.kind === 'not-found') throw new GitHubError(`${where}: ${failure.message}`, failure.kind);
      if (failure.kind === 'rate-limited' && failure.resetAt === undefined && !this.rates[api]) {
        throw new GitHubError(`${where}: rate limited, and GitHub did not say when the limit resets`, 'rate-limited');
      }
      // An answer that cannot be read is unlikely to become readable: a few tries, not the full backoff.
      if (attempt >= (failure.kind === 'unreadable' ? UNREADABLE_ATTEMPTS : this.maxAttempts)) throw new GitHubError(`${where}: gave up after ${attempt} attempts: ${failure.message}`, failure.kind);
      // The backoff is also the floor of every wait, so that no answer makes cdstats ask again at once.
      const backoff = Math.min(60_000, 1000 * 2 ** (attempt - 1));
      let delay: number;
      if (failure.kind === 'rate-limited') {
        const resetAt = failure.resetAt ?? this.rates[api]?.resetAt ?? 0;
        this.rates[api] = undefined; // waited for below; unknown until the next answer
        delay = Math.max(backoff, resetAt - this.now());
        this.say(`GitHub rate limit on ${where}: waiting until ${clock(this.now() + delay)} UTC`, where, delay, deadline);
      } else if (failure.kind === 'secondary') {
        secondaryWait = secondaryWait === 0 ? (failure.retryAfter ?? 60) * 1000 : secondaryWait * 2;
        delay = Math.max(backoff, secondaryWait);
        this.say(`GitHub secondary rate limit on ${where}: waiting ${Math.round(delay / 1000)} s`, where, delay, deadline);
      } else {
        delay = backoff;
        if (failure.kind === 'server' && typeof variables.first === 'number' && variables.first > 10) {
          variables.first = Math.max(10, Math.floor(variables.first / 2));
        }
        this.say(`GitHub ${failure.message} on ${where}: retrying in ${Math.round(delay / 1000)} s${failure.kind === 'server' ? ' with a smaller page' : ''}`, where, delay, deadline);
      }
      await this.sleep(delay);
    }
  }

  /**
   * Says why cdstats waits, or stops when the wait is past the ceiling (a reset in the year
   * 3000 must not become a timer that overflows into a 1 ms loop).
   */
  private say(line: string, where: string, delay: number, deadline: number): void {
    if (delay > MAX_WAIT_MS) {
      throw new GitHubError(`${where}: GitHub says to wait until ${iso(this.now() + delay)}, more than the ${MAX_WAIT_MS / 60_000} minutes cdstats waits; stopping this repository`, 'rate-limited');
    }
    if (this.now() + delay > deadline) {
      throw new GitHubError(`${where}: GitHub says to wait until ${iso(this.now() + delay)}, past this repository's deadline (github.repoDeadlineMinutes: ${Math.round(this.repoDeadlineMs / 60_000)}); stopping this repository (a later run resumes where it stopped)`, 'timeout');
    }
    this.options.log.info(redact(line));
  }

  private record(name: string, rateLimit: RateLimit | null | undefined): void {
    if (!rateLimit) return;
    this.used.points += rateLimit.cost;
    this.costs.set(name, Math.max(1, rateLimit.cost));
    this.rates.graphql = { remaining: rateLimit.remaining, resetAt: Date.parse(rateLimit.resetAt), limit: rateLimit.limit };
  }

  /** REST's budget, from the `x-ratelimit-*` headers of an answer (requests, not points). */
  private recordRest(headers: Headers): void {
    const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
    const reset = Number(headers.get('x-ratelimit-reset') ?? Number.NaN);
    if (Number.isFinite(remaining) && Number.isFinite(reset) && reset > 0) {
      this.rates.rest = { remaining, resetAt: reset * 1000, limit: Number(headers.get('x-ratelimit-limit') ?? 0) || 0 };
    }
  }

  private count(api: Api): void {
    if (api === 'rest') this.used.restRequests++;
    else this.used.requests++;
  }

  /** Waits, saying so in one line, when the next request would not fit in what is left of its API's budget. */
  private async waitForBudget(api: Api, name: string, where: string, deadline: number): Promise<void> {
    const rate = this.rates[api];
    const needed = api === 'rest' ? 1 : (this.costs.get(name) ?? 1);
    if (!rate || rate.remaining >= needed) return;
    const wait = rate.resetAt - this.now();
    if (wait > 0) {
      const what = api === 'rest' ? `REST API requests used up (${rate.remaining} left)` : `API points used up (${rate.remaining} left, ${name} needs ${needed})`;
      this.say(`GitHub ${what}: waiting until ${clock(rate.resetAt)} UTC (${Math.ceil(wait / 1000)} s)`, where, wait, deadline);
      await this.sleep(wait + 1000);
    }
    this.rates[api] = undefined; // unknown until the next answer
  }
}
