import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { collect, type CollectSummary } from '../../../src/collect/run.js';
import { silentLog, type Log } from '../../../src/log.js';
import { startGitHubServer, type GitHubServer } from '../../github/server.js';
import { queryDb } from '../../helpers/db.js';
import { TestRepo, tempDir, writeConfig } from '../../helpers/git.js';
import { buildWorld, type Expected } from './world.js';

export const TOKEN = 'ghp_test_token_never_stored_0123456789';
export const TOKEN_ENV = 'CDSTATS_TEST_GITHUB_TOKEN';

export interface Setup {
  server: GitHubServer;
  work: string;
  db: string;
  waits: number[];
  lines: string[];
  expected: Expected;
  world: ReturnType<typeof buildWorld>;
  run: (options?: { full?: boolean; projects?: string[] }) => Promise<CollectSummary>;
  /** Moves the clock on by `ms`, aborting the client's signals (request timeouts, deadlines) that fall due. */
  advance: (ms: number) => void;
}

export interface SetupOptions {
  world?: ReturnType<typeof buildWorld>;
  /** The `repos:` list of project Acme (default: acme/widgets with a local clone). */
  repos?: string;
  server?: { limit?: number; resetIn?: number; rest?: { limit?: number; resetIn?: number } };
  /** More lines under `github:`. */
  github?: string;
  /** More top-level lines of the config (`mirrors: …`). */
  top?: string;
}

/**
 * A local GitHub (test/github/server.ts) and a clone of acme/widgets, for a test file: `setup`
 * writes a config for one case and runs collect with a clock that skips waits instead of sleeping.
 */
export function useGitHubWorld(): { setup: (name: string, options?: SetupOptions) => Promise<Setup>; dir: () => string; clone: () => TestRepo } {
  let dir: string;
  let cleanup: () => Promise<void>;
  let clone: TestRepo;
  let servers: GitHubServer[] = [];
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    clone = await TestRepo.create(path.join(dir, 'widgets-clone'));
    await clone.commit({ message: 'first', date: '2023-01-01T00:00:00Z' });
    process.env[TOKEN_ENV] = TOKEN;
  });
  afterAll(async () => {
    Reflect.deleteProperty(process.env, TOKEN_ENV);
    await cleanup();
  });
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });

  async function setup(name: string, options: SetupOptions = {}): Promise<Setup> {
    const world = options.world ?? buildWorld();
    const repos = options.repos ?? `      - github: acme/widgets\n        clone: ${clone.dir}\n`;
    // Waits are skipped, not slept: the server's clock and the client's move on by what was skipped.
    let skipped = 0;
    const server = await startGitHubServer({ fixture: world.fixture, token: TOKEN, now: () => Date.now() + skipped, ...options.server });
    servers.push(server);
    const work = path.join(dir, name);
    await writeConfig(work, `${options.top ?? ''}github:\n  tokenEnv: ${TOKEN_ENV}\n  graphqlUrl: ${server.url}\n${options.github ?? ''}projects:\n  - name: Acme\n    repos:\n${repos}`);
    const waits: number[] = [];
    const lines: string[] = [];
    const log: Log = { info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), tty: false };
    const timers: { due: number; controller: AbortController }[] = [];
    const now = () => Date.now() + skipped;
    const advance = (ms: number) => {
      skipped += ms;
      for (const timer of timers.filter((t) => t.due <= now())) timer.controller.abort(new DOMException('timed out', 'TimeoutError'));
      timers.splice(0, timers.length, ...timers.filter((t) => t.due > now()));
    };
    const clock = {
      now,
      sleep: async (ms: number) => {
        waits.push(ms);
        advance(ms);
      },
      signal: (ms: number) => {
        const controller = new AbortController();
        timers.push({ due: now() + ms, controller });
        return controller.signal;
      },
    };
    const run = async (runOptions: { full?: boolean; projects?: string[] } = {}) =>
      collect(await loadConfig(path.join(work, 'cdstats.yaml'), silentLog), { projects: runOptions.projects ?? [], wait: 0, log, clock, full: runOptions.full === true });
    return { server, work, db: path.join(work, 'data', 'cdstats.duckdb'), waits, lines, run, advance, expected: world.expected, world };
  }
  return { setup, dir: () => dir, clone: () => clone };
}

/** What the database holds of each kind of GitHub data. */
export async function counts(db: string): Promise<Record<string, unknown>> {
  const [row] = await queryDb(
    db,
    `SELECT (SELECT count(*) FROM pull_requests) AS pull_requests, (SELECT count(DISTINCT node_id) FROM pull_requests) AS distinct_prs,
            (SELECT count(*) FROM issues) AS issues, (SELECT count(*) FROM pr_reviews) AS reviews,
            (SELECT count(*) FROM comments WHERE kind = 'pr_comment') AS pr_comments,
            (SELECT count(*) FROM comments WHERE kind = 'review_comment') AS review_comments,
            (SELECT count(*) FROM comments WHERE kind = 'issue_comment') AS issue_comments,
            (SELECT count(*) FROM releases) AS releases, (SELECT count(*) FROM stargazers) AS stargazers`,
  );
  return row ?? {};
}

export function expectedCounts(e: Expected): Record<string, unknown> {
  return {
    pull_requests: e.pullRequests,
    distinct_prs: e.pullRequests,
    issues: e.issues,
    reviews: e.reviews,
    pr_comments: e.prComments,
    review_comments: e.reviewComments,
    issue_comments: e.issueComments,
    releases: e.releases,
    stargazers: e.stargazers,
  };
}
