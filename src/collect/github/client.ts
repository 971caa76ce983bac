import { graphql, GraphqlResponseError } from '@octokit/graphql';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Log } from '../../log.js';
import { redact } from '../../redact.js';
import { fetchAnswer } from './answer.js';
import { classifyFailure, type Failure } from './failure.js';

export interface RateLimit {
  cost: number;
  remaining: number;
  resetAt: string;
  limit: number;
}

type WithRateLimit = { rateLimit?: RateLimit | null };

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

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
  readonly used = { points: 0, requests: 0 };
  private rate: { remaining: number; resetAt: number; limit: number } | undefined;
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
    this.request = graphql.defaults({ url: options.url, headers: { authorization: `bearer ${options.token}`, 'user-agent': 'cdstats' }, request: { fetch: fetchAnswer } });
    this.pool = pLimit(options.concurrency);
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.signal = options.signal ?? ((ms) => AbortSignal.timeout(ms));
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.repoDeadlineMs = options.repoDeadlineMs ?? 120 * 60_000;
  }

  /** Points left and when they come back, as of the last answer. */
  get rateLimit(): { remaining: number; resetAt: string; limit: number } | undefined {
    return this.rate && { remaining: this.rate.remaining, resetAt: new Date(this.rate.resetAt).toISOString(), limit: this.rate.limit };
  }

  /**
   * Caps the requests sent for `context` in this run: a backstop behind the page and retry
   * limits, so that no loop, however it comes about, asks GitHub without end.
   */
  limitRequests(context: string, max: number, why: string): void {
    this.requestsFor.set(context, { sent: this.requestsFor.get(context)?.sent ?? 0, max, why });
  }

  query<T extends object>(document: string, variables: Record<string, unknown>, context: string): Promise<T> {
    return this.pool(() => this.attempt<T>(document, { ...variables }, context, false)).then((answer) => answer.data);
  }

  /**
   * As `query`, for a query of many aliases (many repositories at once): an answer whose errors
   * each concern one alias (a repository that does not exist or that the token cannot see) comes
   * back with those errors instead of failing the whole query; the other aliases' data is there.
   * Every other failure is waited for, retried or thrown as by `query`.
   */
  queryEach<T extends object>(document: string, variables: Record<string, unknown>, context: string): Promise<{ data: T; errors: AliasError[] }> {
    return this.pool(() => this.attempt<T>(document, { ...variables }, context, true));
  }

  private async attempt<T extends object>(document: string, variables: Record<string, unknown>, context: string, each: boolean): Promise<{ data: T; errors: AliasError[] }> {
    const name = operationName(document);
    const where = `${name} for ${context}`;
    const deadline = this.deadlines.get(context) ?? this.now() + this.repoDeadlineMs;
    this.deadlines.set(context, deadline);
    const stop = (why: string) => new GitHubError(`${where}: ${why}; stopping this repository (a later run resumes where it stopped)`, 'timeout');
    const late = () => stop(`its deadline passed (github.repoDeadlineMinutes: ${Math.round(this.repoDeadlineMs / 60_000)})`);
    let secondaryWait = 0;
    // Every retry counts, rate limits too: a limit GitHub keeps reporting (with a reset already past) ends here.
    for (let attempt = 1; ; attempt++) {
      await this.waitForBudget(name, where, deadline);
      if (this.now() >= deadline) throw late();
      const sent = this.requestsFor.get(context);
      if (sent && ++sent.sent > sent.max) throw new GitHubError(`${where}: ${sent.max} requests sent for this repository in this run, the most ${sent.why} could need; stopping`, 'fatal');
      // Covers the whole answer (fetchAnswer reads it before returning): a server that trickles times out too.
      const timeout = this.signal(this.timeoutMs);
      const ended = this.signal(deadline - this.now());
      let failure: Failure;
      try {
        const data = await this.request<T>(document, { ...variables, request: { signal: AbortSignal.any([timeout, ended]) } });
        this.used.requests++;
        this.record(name, (data as WithRateLimit).rateLimit);
        return { data, errors: [] };
      } catch (error) {
        this.used.requests++;
        if (ended.aborted) throw late();
        if (timeout.aborted) throw stop(`no complete answer within ${this.timeoutMs / 1000} s (github.timeoutSeconds)`);
        if (error instanceof GraphqlResponseError) {
          this.record(name, (error.data as WithRateLimit | undefined)?.rateLimit);
          const errors = each ? aliasErrors(error) : undefined;
          if (errors) return { data: error.data as T, errors };
        }
        failure = classifyFailure(error);
      }
      if (failure.kind === 'fatal' || failure.kind === 'not-found') throw new GitHubError(`${where}: ${failure.message}`, failure.kind);
      if (failure.kind === 'rate-limited' && failure.resetAt === undefined && !this.rate) {
        throw new GitHubError(`${where}: rate limited, and GitHub did not say when the limit resets`, 'rate-limited');
      }
      // An answer that cannot be read is unlikely to become readable: a few tries, not the full backoff.
      if (attempt >= (failure.kind === 'unreadable' ? UNREADABLE_ATTEMPTS : this.maxAttempts)) throw new GitHubError(`${where}: gave up after ${attempt} attempts: ${failure.message}`, failure.kind);
      // The backoff is also the floor of every wait, so that no answer makes cdstats ask again at once.
      const backoff = Math.min(60_000, 1000 * 2 ** (attempt - 1));
      let delay: number;
      if (failure.kind === 'rate-limited') {
        const resetAt = failure.resetAt ?? this.rate?.resetAt ?? 0;
        this.rate = undefined; // waited for below; unknown until the next answer
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
    this.rate = { remaining: rateLimit.remaining, resetAt: Date.parse(rateLimit.resetAt), limit: rateLimit.limit };
  }

  /** Waits, saying so in one line, when the next query would not fit in the points left. */
  private async waitForBudget(name: string, where: string, deadline: number): Promise<void> {
    const rate = this.rate;
    const needed = this.costs.get(name) ?? 1;
    if (!rate || rate.remaining >= needed) return;
    const wait = rate.resetAt - this.now();
    if (wait > 0) {
      this.say(`GitHub API points used up (${rate.remaining} left, ${name} needs ${needed}): waiting until ${clock(rate.resetAt)} UTC (${Math.ceil(wait / 1000)} s)`, where, wait, deadline);
      await this.sleep(wait + 1000);
    }
    this.rate = undefined; // unknown until the next answer
  }
}
