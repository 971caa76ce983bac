import type { Config } from '../config/types.js';
import { redact } from '../redact.js';
import type { Database } from './db.js';

export interface StoredRepo {
  repoId: number;
  /** Tip of the branch at the last complete git sync, if any. */
  cursor: string | undefined;
  /** Digest of the tags stored, to write them again only when they change. */
  tagsDigest: string | undefined;
  /** The URL (redacted) the stored history came from before this run, if the repository was known. */
  previousUrl: string | undefined;
}

/** Records the configured projects and repositories; returns each repository's id and git cursor by name. */
export async function registerRepos(db: Database, config: Config): Promise<Map<string, StoredRepo>> {
  await renameMoved(db, config);
  const before = await db.all('SELECT project, name, kind, url FROM repos');
  const known = new Set(before.map((r) => JSON.stringify([r.project, r.name, r.kind, r.url])));
  const previousUrls = new Map(before.map((r) => [String(r.name), String(r.url)]));
  const changed = config.projects.some((p) => p.repos.some((r) => !known.has(JSON.stringify([p.name, r.name, r.kind, redact(r.url)]))));
  if (changed) await db.transaction(async () => {
    for (const project of config.projects) {
      await db.run('INSERT INTO projects (name) VALUES ($name) ON CONFLICT DO NOTHING', { name: project.name });
      for (const repo of project.repos) {
        await db.run(
          `INSERT INTO repos (repo_id, project, name, kind, url)
           SELECT coalesce(max(repo_id), 0) + 1, $project, $name, $kind, $url FROM repos
           ON CONFLICT (name) DO UPDATE SET project = excluded.project, kind = excluded.kind, url = excluded.url`,
          { project: project.name, name: repo.name, kind: repo.kind, url: redact(repo.url) },
        );
      }
    }
  });
  const rows = await db.all(
    `SELECT r.name, r.repo_id, s.cursor, json_extract_string(t.detail, '$.digest') AS tags FROM repos r
     LEFT JOIN sync_state s ON s.repo_id = r.repo_id AND s.source = 'git'
     LEFT JOIN sync_state t ON t.repo_id = r.repo_id AND t.source = 'git_tags'`,
  );
  return new Map(
    rows.map((r) => [
      String(r.name),
      {
        repoId: Number(r.repo_id),
        cursor: r.cursor === null ? undefined : String(r.cursor),
        tagsDigest: r.tags === null ? undefined : String(r.tags),
        previousUrl: previousUrls.get(String(r.name)),
      },
    ]),
  );
}

/**
 * A configured `git:` repository stored under another name (the config's `name:` changed, or
 * the default name did: `…/helm+helm/repo` was `repo`) takes over that row and its history,
 * instead of a second copy counted beside it. Only a stored name the config no longer has moves.
 * A `github:` repository is known by its owner/name, not by where it is cloned from: it never moves.
 */
async function renameMoved(db: Database, config: Config): Promise<void> {
  const repos = config.projects.flatMap((p) => p.repos);
  const configured = new Set(repos.map((r) => r.name));
  const stored = await db.all('SELECT name, kind, url FROM repos');
  const names = new Set(stored.map((r) => String(r.name)));
  const moves = repos.flatMap((repo) => {
    if (repo.kind !== 'git' || names.has(repo.name)) return [];
    const old = stored.find((r) => r.kind === 'git' && r.url === redact(repo.url) && !configured.has(String(r.name)));
    return old === undefined ? [] : [{ from: String(old.name), to: repo.name }];
  });
  if (moves.length > 0) await db.transaction(async () => {
    for (const move of moves) await db.run('UPDATE repos SET name = $to WHERE name = $from', move);
  });
}

export async function startRun(db: Database, command: string): Promise<number> {
  const rows = await db.all(
    "INSERT INTO runs (run_id, command, started_at, status) SELECT coalesce(max(run_id), 0) + 1, $command, now()::TIMESTAMP, 'running' FROM runs RETURNING run_id",
    { command },
  );
  return Number(rows[0]?.run_id);
}

/** Ends a run that stopped on an error no repository caught: no run may stay 'running' after its process. */
export async function abandonRun(db: Database, runId: number, message: string): Promise<void> {
  await db.run("UPDATE runs SET finished_at = now()::TIMESTAMP, status = 'failed', errors = $errors WHERE run_id = $run", {
    run: runId,
    errors: redact(`collect stopped: ${message}`),
  });
}

export interface RunSummary {
  githubPoints: number;
  repos: number;
  reposFailed: number;
  commitsAdded: number;
  commitsRemoved: number;
  linesUnknown: number;
  errors: string[];
}

export async function finishRun(db: Database, runId: number, summary: RunSummary): Promise<void> {
  await db.run(
    `UPDATE runs SET finished_at = now()::TIMESTAMP, status = $status, repos = $repos, repos_failed = $failed,
       commits_added = $added, commits_removed = $removed, commits_lines_unknown = $unknown, errors = $errors, github_points = $points
     WHERE run_id = $run`,
    {
      run: runId,
      points: summary.githubPoints,
      status: summary.reposFailed > 0 ? 'failed' : 'ok',
      repos: summary.repos,
      failed: summary.reposFailed,
      added: summary.commitsAdded,
      removed: summary.commitsRemoved,
      unknown: summary.linesUnknown,
      errors: summary.errors.length > 0 ? redact(summary.errors.join('\n')) : null,
    },
  );
}

/** Marks a repository's git history as complete up to `cursor`; call in the transaction that stored it. */
export async function saveGitCursor(db: Database, repoId: number, runId: number, cursor: string | null, branch: string): Promise<void> {
  await db.run('UPDATE repos SET default_branch = $branch WHERE repo_id = $repo', { repo: repoId, branch });
  await db.run(
    `INSERT INTO sync_state (repo_id, source, cursor, covered_from, covered_until, last_run_id, last_success_at, last_error, last_error_at)
     SELECT $repo, 'git', $cursor, min(committed_at), now()::TIMESTAMP, $run, now()::TIMESTAMP, NULL, NULL
     FROM commits WHERE repo_id = $repo
     ON CONFLICT (repo_id, source) DO UPDATE SET cursor = excluded.cursor, covered_from = excluded.covered_from,
       covered_until = excluded.covered_until, last_run_id = excluded.last_run_id,
       last_success_at = excluded.last_success_at, last_error = NULL, last_error_at = NULL`,
    { repo: repoId, run: runId, cursor },
  );
}

/** Keeps a repository's own `.mailmap` (null: it has none), read again with each new branch tip. */
export async function saveMailmap(db: Database, repoId: number, content: string | null): Promise<void> {
  await db.run('DELETE FROM repo_mailmaps WHERE repo_id = $repo', { repo: repoId });
  if (content !== null) await db.run('INSERT INTO repo_mailmaps VALUES ($repo, $content)', { repo: repoId, content });
}

/** Records why a source of a repository was not synced, keeping its cursor and data as they were. */
export async function saveSourceError(db: Database, repoId: number, runId: number, source: string, message: string): Promise<void> {
  await db.run(
    `INSERT INTO sync_state (repo_id, source, last_run_id, last_error, last_error_at)
     VALUES ($repo, $source, $run, $error, now()::TIMESTAMP)
     ON CONFLICT (repo_id, source) DO UPDATE SET last_run_id = excluded.last_run_id,
       last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
    { repo: repoId, source, run: runId, error: redact(message) },
  );
}

/** Forgets a source's row: used for the repository-wide `github` error once a sync succeeds. */
export async function forgetSource(db: Database, repoId: number, source: string): Promise<void> {
  await db.run('DELETE FROM sync_state WHERE repo_id = $repo AND source = $source', { repo: repoId, source });
}

/** Progress of one source of one repository: a page cursor while a crawl is under way, the watermark once done. */
export interface SourceState {
  cursor: string | null;
  watermark: string | null;
  detail: Record<string, string | number | null>;
  /** False until the source has been read completely once. */
  complete: boolean;
}

export async function readSourceStates(db: Database, repoId: number): Promise<Map<string, SourceState>> {
  const rows = await db.all(
    "SELECT source, cursor, strftime(watermark, '%Y-%m-%dT%H:%M:%S.%gZ') AS watermark, detail, last_success_at IS NOT NULL AS complete FROM sync_state WHERE repo_id = $repo",
    { repo: repoId },
  );
  return new Map(
    rows.map((r) => [
      String(r.source),
      {
        cursor: r.cursor === null ? null : String(r.cursor),
        watermark: r.watermark === null ? null : String(r.watermark),
        detail: r.detail === null ? {} : (JSON.parse(String(r.detail)) as SourceState['detail']),
        complete: r.complete === true,
      },
    ]),
  );
}

/**
 * Stores a source's progress, in the transaction that stored the data it covers. With
 * `done`, the source counts as read completely up to now (coverage) and errors are cleared.
 */
export async function saveSourceState(db: Database, repoId: number, runId: number, source: string, state: Omit<SourceState, 'complete'>, done: boolean): Promise<void> {
  await db.run(
    `INSERT INTO sync_state (repo_id, source, cursor, watermark, detail, last_run_id, covered_until, last_success_at)
     VALUES ($repo, $source, $cursor, $watermark::TIMESTAMP, $detail, $run, CASE WHEN $done THEN now()::TIMESTAMP END, CASE WHEN $done THEN now()::TIMESTAMP END)
     ON CONFLICT (repo_id, source) DO UPDATE SET cursor = excluded.cursor, watermark = excluded.watermark, detail = excluded.detail,
       last_run_id = excluded.last_run_id,
       covered_until = coalesce(excluded.covered_until, sync_state.covered_until),
       last_success_at = coalesce(excluded.last_success_at, sync_state.last_success_at),
       last_error = CASE WHEN $done THEN NULL ELSE sync_state.last_error END,
       last_error_at = CASE WHEN $done THEN NULL ELSE sync_state.last_error_at END`,
    { repo: repoId, source, cursor: state.cursor, watermark: state.watermark, detail: JSON.stringify(state.detail), run: runId, done },
  );
}
