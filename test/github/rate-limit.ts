/**
 * A GraphQL rate-limit budget like GitHub's primary limit: `limit` points per window, each
 * query charged its cost, everything restored when the window ends. Time comes from `now`.
 */
import { isoTime } from './fixture.js';

export interface BudgetOptions {
  /** Points per window (GitHub: 5,000 for a user). */
  limit?: number;
  /** Seconds from the first request (and from each reset) to the next reset. Default 3600. */
  resetIn?: number;
  now?: () => number;
  /** The `x-ratelimit-resource` header: `graphql` (default), `core` for REST. */
  resource?: string;
}

export interface BudgetState {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch milliseconds of the next reset. */
  resetAt: number;
}

export class RateLimitBudget {
  readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly resource: string;
  private used = 0;
  private resetAt: number;

  constructor(options: BudgetOptions = {}) {
    this.limit = options.limit ?? 5000;
    this.windowMs = (options.resetIn ?? 3600) * 1000;
    this.now = options.now ?? Date.now;
    this.resource = options.resource ?? 'graphql';
    this.resetAt = wholeSecond(this.now() + this.windowMs);
  }

  get state(): BudgetState {
    this.roll();
    return { limit: this.limit, remaining: this.limit - this.used, used: this.used, resetAt: this.resetAt };
  }

  /** Charges `cost` points if they are left; returns whether it did. */
  charge(cost: number): boolean {
    this.roll();
    if (cost > this.limit - this.used) return false;
    this.used += cost;
    return true;
  }

  /** For tests: set what is left and/or when the window ends. */
  set(changes: { remaining?: number; resetIn?: number }): void {
    this.roll();
    if (changes.remaining !== undefined) this.used = this.limit - changes.remaining;
    if (changes.resetIn !== undefined) this.resetAt = wholeSecond(this.now() + changes.resetIn * 1000);
  }

  /** `x-ratelimit-*` headers; `exhausted` reports 0 remaining, as GitHub does on RATE_LIMITED. */
  headers(exhausted = false): Record<string, string> {
    const { limit, remaining, used, resetAt } = this.state;
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(exhausted ? 0 : remaining),
      'x-ratelimit-used': String(exhausted ? limit : used),
      'x-ratelimit-reset': String(resetAt / 1000),
      'x-ratelimit-resource': this.resource,
    };
  }

  resetAtIso(): string {
    return isoTime(new Date(this.state.resetAt));
  }

  private roll(): void {
    const now = this.now();
    if (now < this.resetAt) return;
    this.used = 0;
    this.resetAt = wholeSecond(now + this.windowMs);
  }
}

/** Resets fall on whole seconds, so the ISO `resetAt` and the epoch-seconds header agree. */
function wholeSecond(ms: number): number {
  return Math.ceil(ms / 1000) * 1000;
}
