import { hasCredentials } from '../../config/repo.js';
import { UserError } from '../../errors.js';
import type { Log } from '../../log.js';
import { redact } from '../../redact.js';
import { GitHubClient, type Clock } from './client.js';

const DEFAULT_GRAPHQL_URL = 'https://api.github.com/graphql';

/** The client for a config, or undefined (with the reason) when no token is set. */
export function createClient(options: {
  tokenEnv: string;
  graphqlUrl: string | undefined;
  concurrency: number;
  timeoutSeconds: number;
  repoDeadlineMinutes: number;
  log: Log;
  clock?: Clock;
  /** Aborts when the collect stops: requests and waits end. */
  stop?: AbortSignal;
}): GitHubClient | string {
  const token = process.env[options.tokenEnv]?.trim();
  if (!token) return `no GitHub token: set ${options.tokenEnv} to collect pull requests, issues, reviews, releases and stars`;
  const url = options.graphqlUrl ?? process.env.GITHUB_GRAPHQL_URL ?? DEFAULT_GRAPHQL_URL;
  let credentials: boolean;
  try {
    credentials = hasCredentials(url);
  } catch {
    throw new UserError(`the GitHub GraphQL endpoint "${redact(url)}" is not a URL`);
  }
  // The config refuses them at their line; the environment variable is checked here, for the same reason.
  if (credentials) throw new UserError('GITHUB_GRAPHQL_URL must not hold a user name or password: the token belongs in the environment variable named by `github.tokenEnv`');
  return new GitHubClient({
    url,
    token,
    log: options.log,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutSeconds * 1000,
    repoDeadlineMs: options.repoDeadlineMinutes * 60_000,
    ...(options.stop ? { stop: options.stop } : {}),
    ...(options.clock ?? {}),
  });
}
