import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Config, ProjectConfig, RepoConfig } from '../config/types.js';
import { EXIT_USAGE, UserError, errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import { redact } from '../redact.js';
import { abandonRun, finishRun, registerRepos, saveGitCursor, saveSourceError, startRun, type RunSummary } from '../store/state.js';
import { Writer, databaseWriteError } from '../store/writer.js';
import { replaceTags } from '../store/commits.js';
import { storeIdentity } from '../identity/load.js';
import { collectGitRepo, type RepoResult } from './git/ingest.js';
import { GitDeadline } from './git/deadline.js';
import { prepareRepo } from './git/repo.js';
import type * as GitHubModule from './github/index.js';
import type { Clock, GitHubClient, GitHubRepoResult, ProfileResult, Probes } from './github/index.js';
import { CollectGuard, stopReason } from './guard.js';
import { acquireCollectLock } from './lock.js';
import { createProgress, type Progress, type ProgressStream } from './progress.js';

export interface CollectOptions {
  /** Only these projects (names as in the config); all when empty. */
  projects: string[];
  /** Seconds to wait for another collect on the same database. */
  wait: number;
  /** Commits per write transaction (bounds memory; default 20,000). */
  batchSize?: number;
  /** Re-sync GitHub data from scratch, removing what GitHub no longer returns. */
  full?: boolean;
  log: Log;
  /** Where progress bars are drawn when `log.tty` (default: the process's stderr). */
  stderr?: ProgressStream;
  /** How the GitHub client waits and tells the time (tests inject a clock that does not wait). */
  clock?: Clock;
}

export interface CollectSummary extends RunSummary {
  /** Commits stored with a placeholder date (commits.dates_known false). */
  datesUnknown: number;
  seconds: number;
  results: RepoResult[];
  github: GitHubRepoResult[];
  /** Requests to GitHub's REST API (inline review comments), on a budget of their own. */
  githubRestRequests: number;
  /** GitHub's budget after the run, when GitHub was asked anything. */
  rateLimit: { remaining: number; resetAt: string; limit: number } | undefined;
  /** Why GitHub data was not collected, when it was not. */
  githubSkipped: string | undefined;
  /** The GitHub profiles read (their `company`), when any were asked for. */
  profiles: ProfileResult | undefined;
}

type GitHub = typeof GitHubModule;
type GithubRepo = RepoConfig & { github: { owner: string; name: string } };
const isGithub = (repo: RepoConfig): repo is GithubRepo => repo.github !== undefined;

function selectProjects(config: Config, names: string[]): ProjectConfig[] {
  const unknown = names.filter((name) => !config.projects.some((p) => p.name === name));
  if (unknown.length > 0) {
    const known = config.projects.map((p) => p.name).join(', ');
    throw new UserError(`unknown project${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; the config has: ${known}`, EXIT_USAGE);
  }
  return config.projects.filter((p) => names.length === 0 || names.includes(p.name));
}

/** Lists the repositories of `github: owner/*` entries; an owner that cannot be listed becomes an error line. */
async function expandOwners(projects: ProjectConfig[], config: Config, github: GitHub | undefined, client: GitHubClient | undefined, errors: string[], probes: Probes): Promise<ProjectConfig[]> {
  const expanded: ProjectConfig[] = [];
  for (const project of projects) {
    const repos = [...project.repos];
    for (const owner of project.owners) {
      if (!client || !github) {
        errors.push(`github: ${owner.owner}/* (${owner.origin.file}:${owner.origin.line}): listing an owner's repositories needs a GitHub token (set ${config.github.tokenEnv})`);
        continue;
      }
      try {
        for (const repo of await github.expandOwner(client, owner, config.github, probes)) if (!repos.some((r) => r.name === repo.name)) repos.push(repo);
      } catch (error) {
        errors.push(`github: ${owner.owner}/*: failed: ${redact(errorMessage(error))}`);
      }
    }
    expanded.push({ ...project, repos, owners: [] });
  }
  return expanded;
}

/** Makes the database's folder and takes the collect lock next to the database. */
async function lockDatabase(database: string, wait: number): Promise<() => Promise<void>> {
  try {
    await mkdir(path.dirname(database), { recursive: true });
    return await acquireCollectLock(database, wait);
  } catch (error) {
    throw databaseWriteError(database, error) ?? error;
  }
}

/** How long a stopped collect waits for its work to end (git killed, GitHub's requests aborted) before it lets go of the database. */
const WIND_DOWN_MS = 10_000;

async function windDown(work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, WIND_DOWN_MS)))]);
  clearTimeout(timer);
}

/** What the repositories' work of one collect works with, set up around it by `collect`. */
interface CollectRun {
  config: Config;
  options: CollectOptions;
  selected: ProjectConfig[];
  github: GitHub | undefined;
  client: GitHubClient | undefined;
  githubSkipped: string | undefined;
  writer: Writer;
  progress: Progress;
  /** Aborts when the collect stops (an error nothing caught, a signal): every git is killed. */
  stop: AbortSignal;
  started: number;
  /** Called with the id of the run's row once it exists. */
  opened: (runId: number) => void;
}

/**
 * Fetches the gitdm repositories named under `identity.gitdm` into their mirrors, as a project's
 * repository is (local ones are read in place). Returns one line per failure: the mirror as it
 * was, if any, is still read.
 */
function syncGitdm(config: Config, pool: LimitFunction, progress: Progress, stop: AbortSignal): Promise<string[]> {
  const remote = config.identity.gitdm.flatMap((source) => (source.kind === 'repo' && !source.repo.local ? [source] : []));
  return Promise.all(
    remote.map(async (source) => {
      const label = `gitdm ${redact(source.repo.url)}`;
      try {
        const deadline = new GitDeadline(source.repo, config.git.timeoutMinutes, stop);
        const ready = await pool(() => deadline.during((signal) => prepareRepo(source.repo, config.mirrors, signal, (what) => progress.phase(label, what))));
        progress.end(label, `${label}: ${[...ready.notes, ready.tip === undefined ? 'empty' : `at ${ready.tip.slice(0, 12)}`].join(', ')} (${ready.branch})`);
        return [];
      } catch (error) {
        const line = `${label}: failed: ${redact(errorMessage(error))}`;
        progress.end(label, line);
        return [line];
      }
    }),
  ).then((lines) => lines.flat());
}

/** Runs one collect: every selected repository is brought up to date; failures are reported, not thrown. */
export async function collect(config: Config, options: CollectOptions): Promise<CollectSummary> {
  const started = performance.now();
  const selected = selectProjects(config, options.projects);
  const guard = new CollectGuard();
  try {
    const wantsGithub = selected.some((p) => p.owners.length > 0 || p.repos.some(isGithub));
    const github: GitHub | undefined = wantsGithub ? await import('./github/index.js') : undefined;
    const created = github?.createClient({ ...config.github, log: options.log, stop: guard.stopped.signal, ...(options.clock ? { clock: options.clock } : {}) });
    const client = typeof created === 'object' ? created : undefined;
    const githubSkipped = typeof created === 'string' ? created : undefined;
    if (githubSkipped) options.log.info(`${githubSkipped}; collecting git history only`);
    const release = await lockDatabase(config.database, options.wait);
    const progress = createProgress(options.log, options.stderr);
    const writer = new Writer(config.database, options.log);
    let openRun: number | undefined;
    const run = { config, options, selected, github, client, githubSkipped, writer, progress, stop: guard.stopped.signal, started, opened: (id: number) => (openRun = id) };
    const work = collectRepos(run);
    work.catch(() => undefined); // raced below: after a failure it may end later, unobserved
    try {
      return await Promise.race([work, guard.failed]);
    } catch (error) {
      guard.stop(error); // kills the git processes still running, ends GitHub's requests and waits
      await windDown(work); // its run row may come into being meanwhile
      const runId = openRun;
      // Best effort: the error itself is what the caller reports, whether or not this write works.
      if (runId !== undefined) await writer.use((db) => abandonRun(db, runId, stopReason(error))).catch(() => undefined);
      throw error;
    } finally {
      progress.stop();
      await writer.close();
      await release();
    }
  } finally {
    guard.dispose();
  }
}

/** A repository's entry in one of the run's maps, which every selected repository has. */
function registered<T>(map: ReadonlyMap<string, T>, name: string): T {
  const found = map.get(name);
  if (found === undefined) throw new Error(`repository ${name} was not registered`);
  return found;
}

async function collectRepos(run: CollectRun): Promise<CollectSummary> {
  const { config, options, selected, github, client, githubSkipped, writer, progress, stop, started, opened } = run;
  const ownerErrors: string[] = [];
  // Each GitHub repository's probe, from its owner's listing or from batches (github/probes.ts).
  const probes: Probes = new Map();
  const projects = await expandOwners(selected, config, github, client, ownerErrors, probes);
  const repos = projects.flatMap((p) => p.repos);
  const probing = client && github ? github.probeRepositories(client, repos.filter(isGithub).map((r) => r.github), probes, options.log) : Promise.resolve(probes);
  probing.catch(() => undefined); // awaited by each repository's GitHub work below
  // Clone, fetch and find branch tips first: git runs while the database client loads.
  const preparePool = pLimit(4);
  const deadlines = new Map(repos.map((repo) => [repo.name, new GitDeadline(repo, config.git.timeoutMinutes, stop)]));
  const deadline = (name: string): GitDeadline => registered(deadlines, name);
  const prepared = new Map(
    repos.map((repo) => {
      const ready = preparePool(() => deadline(repo.name).during((signal) => prepareRepo(repo, config.mirrors, signal, (what) => progress.phase(repo.name, what))));
      ready.catch(() => undefined); // awaited, and reported, per repository below
      return [repo.name, ready] as const;
    }),
  );
  const gitdm = syncGitdm(config, preparePool, progress, stop);
  gitdm.catch(() => undefined); // awaited below, after the repositories
  stop.throwIfAborted();
  const { stored, runId } = await writer.use(async (db) => ({ stored: await registerRepos(db, { ...config, projects }), runId: await startRun(db, 'collect') }));
  opened(runId);
  const repoId = (name: string): number => registered(stored, name).repoId;
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
  const githubPool = pLimit(config.github.concurrency);
  const [results, githubResults] = await Promise.all([
    Promise.all(
      repos.map((repo) =>
        repoPool(() => {
          const state = registered(stored, repo.name);
          const ready = registered(prepared, repo.name);
          return deadline(repo.name).during((signal) => collectGitRepo(repo, state, ready, ctx, signal));
        }),
      ),
    ),
    client && github
      ? Promise.all(
          repos.filter(isGithub).map((repo) =>
            githubPool(async () => {
              const probed = (await probing).get(github.probeKey(`${repo.github.owner}/${repo.github.name}`));
              const result = await github.collectGitHubRepo(repo, repoId(repo.name), { client, writer, runId, progress, full: options.full === true }, probed);
              progress.end(`${repo.name} (GitHub)`, result.message);
              return result;
            }),
          ),
        )
      : Promise.resolve([]),
  ]);
  // Once every repository's GitHub data is in: the profiles of the logins it names (see
  // github/profiles.ts); not when GitHub answered no repository (down, or the token refused).
  const profiles =
    client && github && config.github.profilesPerRun > 0 && githubResults.some((r) => r.ok)
      ? await github.syncProfiles({
          client,
          writer,
          bots: config.identity.bots,
          refreshDays: config.github.profileRefreshDays,
          perRun: config.github.profilesPerRun,
          full: options.full === true,
          now: options.clock?.now ?? Date.now,
        })
      : undefined;
  if (profiles) progress.end('GitHub profiles', profiles.message);
  const profileErrors = profiles && !profiles.ok ? [profiles.message] : [];
  const failedNames = new Set([...results, ...githubResults].filter((r) => !r.ok).map((r) => r.name));
  const gitdmErrors = await gitdm;
  const summary: CollectSummary = {
    repos: results.length,
    reposFailed: failedNames.size + ownerErrors.length + profileErrors.length + gitdmErrors.length,
    commitsAdded: results.reduce((n, r) => n + r.added, 0),
    commitsRemoved: results.reduce((n, r) => n + r.removed, 0),
    linesUnknown: results.reduce((n, r) => n + r.linesUnknown, 0),
    datesUnknown: results.reduce((n, r) => n + r.datesUnknown, 0),
    githubPoints: client?.used.points ?? 0,
    githubRestRequests: client?.used.restRequests ?? 0,
    errors: [...ownerErrors, ...[...results, ...githubResults].filter((r) => !r.ok).map((r) => r.message), ...profileErrors, ...gitdmErrors],
    seconds: (performance.now() - started) / 1000,
    results,
    github: githubResults,
    rateLimit: client?.rateLimit,
    githubSkipped,
    profiles,
  };
  // A collect stopped meanwhile (an error nothing caught, a signal) has its run marked failed already.
  stop.throwIfAborted();
  await writer.use((db) =>
    db.transaction(async () => {
      for (const r of results) {
        if (r.upToDate) await saveGitCursor(db, repoId(r.name), runId, r.upToDate.cursor, r.upToDate.branch);
        if (r.tags) await replaceTags(db, repoId(r.name), runId, r.tags.tags, r.tags.digest);
      }
      if (githubSkipped && github) {
        for (const repo of repos.filter(isGithub)) {
          for (const source of github.GITHUB_SOURCES) await saveSourceError(db, repoId(repo.name), runId, source, `not collected: ${githubSkipped}`);
        }
      }
      const changed = summary.commitsAdded + summary.commitsRemoved + githubResults.reduce((n, r) => n + r.pullRequests + r.issues + r.removed, 0) + (profiles?.read ?? 0) > 0;
      await storeIdentity(db, config.identity, { runId, changed }, options.log);
      await finishRun(db, runId, summary);
    }),
  );
  return summary;
}

const repositories = (n: number): string => `${n} ${n === 1 ? 'repository' : 'repositories'}`;

export function formatSummary(s: CollectSummary): string {
  const parts = [repositories(s.repos), `${s.commitsAdded} new commit${s.commitsAdded === 1 ? '' : 's'}`];
  if (s.commitsRemoved > 0) parts.push(`${s.commitsRemoved} removed`);
  if (s.linesUnknown > 0) parts.push(`${s.linesUnknown} with unknown line counts`);
  if (s.datesUnknown > 0) parts.push(`${s.datesUnknown} with unknown dates`);
  const prs = s.github.reduce((n, r) => n + r.pullRequests, 0);
  const issues = s.github.reduce((n, r) => n + r.issues, 0);
  if (s.github.length > 0) parts.push(`${prs} pull requests and ${issues} issues updated`);
  parts.push(s.reposFailed === 0 ? 'none failed' : `${repositories(s.reposFailed)} failed`);
  let text = `collected ${parts.join(', ')} in ${s.seconds < 10 ? s.seconds.toFixed(2) : s.seconds.toFixed(1)} s`;
  if (s.rateLimit) {
    text += `\nGitHub API: ${s.githubPoints} points used, ${s.rateLimit.remaining} of ${s.rateLimit.limit} left, resets at ${s.rateLimit.resetAt.slice(11, 16)} UTC`;
    if (s.githubRestRequests > 0) text += `; ${s.githubRestRequests} REST requests (inline review comments)`;
  }
  if (s.reposFailed > 0) text += `\nfailed:\n${s.errors.map((e) => `  ${e}`).join('\n')}`;
  return text;
}
