import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Config, RepoConfig } from '../config/types.js';
import { EXIT_USAGE, UserError } from '../errors.js';
import type { Log } from '../log.js';
import { finishRun, registerRepos, saveGitCursor, startRun, type RunSummary } from '../store/state.js';
import { Writer } from '../store/writer.js';
import { collectGitRepo, type RepoResult } from './git/ingest.js';
import { prepareRepo } from './git/repo.js';
import { acquireCollectLock } from './lock.js';
import { createProgress } from './progress.js';

export interface CollectOptions {
  /** Only these projects (names as in the config); all when empty. */
  projects: string[];
  /** Seconds to wait for another collect on the same database. */
  wait: number;
  /** Commits per write transaction (bounds memory; default 20,000). */
  batchSize?: number;
  log: Log;
}

export interface CollectSummary extends RunSummary {
  seconds: number;
  results: RepoResult[];
}

function selectRepos(config: Config, names: string[]): RepoConfig[] {
  const unknown = names.filter((name) => !config.projects.some((p) => p.name === name));
  if (unknown.length > 0) {
    const known = config.projects.map((p) => p.name).join(', ');
    throw new UserError(`unknown project${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; the config has: ${known}`, EXIT_USAGE);
  }
  return config.projects.filter((p) => names.length === 0 || names.includes(p.name)).flatMap((p) => p.repos);
}

/** Runs one collect: every selected repository is brought up to date; failures are reported, not thrown. */
export async function collect(config: Config, options: CollectOptions): Promise<CollectSummary> {
  const started = performance.now();
  const repos = selectRepos(config, options.projects);
  await mkdir(path.dirname(config.database), { recursive: true });
  const release = await acquireCollectLock(config.database, options.wait);
  const progress = createProgress(options.log);
  const writer = new Writer(config.database, options.log);
  try {
    // Clone, fetch and find branch tips first: git runs while the database client loads.
    const preparePool = pLimit(4);
    const prepared = new Map(
      repos.map((repo) => {
        const ready = preparePool(() => prepareRepo(repo, config.mirrors));
        ready.catch(() => undefined); // awaited, and reported, per repository below
        return [repo.name, ready] as const;
      }),
    );
    const { stored, runId } = await writer.use(async (db) => ({ stored: await registerRepos(db, config), runId: await startRun(db, 'collect') }));
    const cores = availableParallelism();
    const ctx = {
      writer,
      runId,
      gitPool: pLimit(cores),
      progress,
      chunkSize: Math.min(2000, options.batchSize ?? 2000),
      batchSize: options.batchSize ?? 20_000,
    };
    const repoPool = pLimit(Math.max(4, cores * 2));
    const results = await Promise.all(
      repos.map((repo) =>
        repoPool(() => {
          const state = stored.get(repo.name);
          const ready = prepared.get(repo.name);
          if (!state || !ready) throw new Error(`repository ${repo.name} was not registered`);
          return collectGitRepo(repo, state, ready, ctx);
        }),
      ),
    );
    const failed = results.filter((r) => !r.ok);
    const summary: CollectSummary = {
      repos: results.length,
      reposFailed: failed.length,
      commitsAdded: results.reduce((n, r) => n + r.added, 0),
      commitsRemoved: results.reduce((n, r) => n + r.removed, 0),
      linesUnknown: results.reduce((n, r) => n + r.linesUnknown, 0),
      errors: failed.map((r) => r.message),
      seconds: (performance.now() - started) / 1000,
      results,
    };
    await writer.use((db) =>
      db.transaction(async () => {
        for (const r of results) {
          const state = stored.get(r.name);
          if (r.upToDate && state) await saveGitCursor(db, state.repoId, runId, r.upToDate.cursor, r.upToDate.branch);
        }
        await finishRun(db, runId, summary);
      }),
    );
    return summary;
  } finally {
    progress.stop();
    await writer.close();
    await release();
  }
}

export function formatSummary(s: CollectSummary): string {
  const parts = [`${s.repos} repo${s.repos === 1 ? '' : 's'}`, `${s.commitsAdded} new commit${s.commitsAdded === 1 ? '' : 's'}`];
  if (s.commitsRemoved > 0) parts.push(`${s.commitsRemoved} removed`);
  if (s.linesUnknown > 0) parts.push(`${s.linesUnknown} with unknown line counts`);
  parts.push(`${s.reposFailed} failed`);
  let text = `collected ${parts.join(', ')} in ${s.seconds < 10 ? s.seconds.toFixed(2) : s.seconds.toFixed(1)} s`;
  if (s.reposFailed > 0) text += `\nfailed:\n${s.errors.map((e) => `  ${e}`).join('\n')}`;
  return text;
}
