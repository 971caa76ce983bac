import { GraphqlResponseError } from '@octokit/graphql';
import { RedirectAnswer, UnreadableAnswer } from './answer.js';

/** What went wrong with one GraphQL request, and so what to do about it. */
export type Failure =
  | { kind: 'secondary'; message: string; retryAfter: number | undefined }
  | { kind: 'rate-limited'; message: string; resetAt: number | undefined }
  | { kind: 'server'; message: string }
  | { kind: 'network'; message: string }
  | { kind: 'unreadable'; message: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'fatal'; message: string };

type Headers = Record<string, string | number | undefined>;

function header(headers: Headers | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return value === undefined ? undefined : String(value);
}

function resetFrom(headers: Headers | undefined): number | undefined {
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
}

interface HttpError {
  status: number;
  message: string;
  response?: { headers?: Headers; data?: unknown };
}

function isHttpError(error: unknown): error is HttpError {
  return error instanceof Error && error.name === 'HttpError' && typeof (error as { status?: unknown }).status === 'number';
}

/** Pure classification of an error thrown by @octokit/graphql. */
export function classifyFailure(error: unknown): Failure {
  // @octokit/request wraps what its fetch throws; fetchAnswer throws this one.
  if (error instanceof Error && error.cause instanceof UnreadableAnswer) return { kind: 'unreadable', message: error.cause.message };
  if (error instanceof Error && error.cause instanceof RedirectAnswer) return { kind: 'fatal', message: error.cause.message };
  if (error instanceof GraphqlResponseError) {
    const errors = error.errors ?? [];
    const types = errors.map((e) => (e as { type?: string }).type);
    const message = errors.map((e) => e.message).join('; ');
    if (types.includes('RATE_LIMITED') || types.includes('RATE_LIMIT')) return { kind: 'rate-limited', message, resetAt: resetFrom(error.headers as Headers) };
    if (types.includes('NOT_FOUND')) return { kind: 'not-found', message };
    if (/something went wrong/i.test(message) || /timeout/i.test(message)) return { kind: 'server', message: `error "${message}"` };
    return { kind: 'fatal', message };
  }
  if (isHttpError(error)) {
    const headers = error.response?.headers;
    const text = `${error.message} ${JSON.stringify(error.response?.data ?? '')}`;
    if (error.response === undefined || (error.status === 500 && /fetch failed|socket|ECONNRESET|terminated|other side closed/i.test(text))) {
      return { kind: 'network', message: `network error (${error.message})` };
    }
    if ((error.status === 403 || error.status === 429) && (/secondary rate limit/i.test(text) || header(headers, 'retry-after') !== undefined)) {
      const retryAfter = Number(header(headers, 'retry-after'));
      return { kind: 'secondary', message: error.message, retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined };
    }
    if ((error.status === 403 || error.status === 429) && header(headers, 'x-ratelimit-remaining') === '0') {
      return { kind: 'rate-limited', message: error.message, resetAt: resetFrom(headers) };
    }
    if (error.status === 404) return { kind: 'not-found', message: `HTTP 404: ${error.message}` };
    if (error.status >= 500) return { kind: 'server', message: `HTTP ${error.status}` };
    if (error.status === 401) return { kind: 'fatal', message: 'GitHub rejected the token (401 Bad credentials); check it and its scopes' };
    return { kind: 'fatal', message: `HTTP ${error.status}: ${error.message}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'network', message: `network error (${message})` };
}
