import type { Config } from '../config/types.js';
import { redact } from '../redact.js';
import type { Database } from './db.js';

export interface StoredRepo {
  repoId: number;
  /** Tip of the branch at the last complete git sync, if any. */
  cursor: string | undefined;
}

/** Records the configured projects and repositories; returns each repository's id and git cursor by name. */
export async function registerRepos(db: Database, config: Config): Promise<Map<string, StoredRepo>> {
  const known = new Set(
    (await db.all('SELECT project, name, kind, url FROM repos')).map((r) => JSON.stringify([r.project, r.name, r.kind, r.url])),
  );
  const changed = config.projects.some((p) => p.repos.some((r) => !known.has(JSON.stringify([p.name, r.name, r.kind, redact(r.url)]))));
  if (changed) await db.transaction(async () => {
    for (const project of config.projects) {
      await db.run('INSERT INTO projects (name) VALUES ($name) ON CONFLICT DO NOTHING', { name: project.name });
      for (const repo of project.repos) {
        await db.run(
          `INSERT INTO repos (project, name, kind, url) VALUES ($project, $name, $kind, $url)
           ON CONFLICT (name) DO UPDATE SET project = excluded.project, kind = excluded.kind, url = excluded.url`,
          { project: project.name, name: repo.name, kind: repo.kind, url: redact(repo.url) },
        );
      }
    }
  });
  const rows = await db.all(
    `SELECT r.name, r.repo_id, s.cursor FROM repos r
     LEFT JOIN sync_state s ON s.repo_id = r.repo_id AND s.source = 'git'`,
  );
  return new Map(rows.map((r) => [String(r.name), { repoId: Number(r.repo_id), cursor: r.cursor === null ? undefined : String(r.cursor) }]));
}

export async function startRun(db: Database, command: string): Promise<number> {
  const rows = await db.all("INSERT INTO runs (command, started_at, status) VALUES ($command, now()::TIMESTAMP, 'running') RETURNING run_id", { command });
  return Number(rows[0]?.run_id);
}

export interface RunSummary {
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
       commits_added = $added, commits_removed = $removed, commits_lines_unknown = $unknown, errors = $errors
     WHERE run_id = $run`,
    {
      run: runId,
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

/** Records why a repository's sync failed, keeping its cursor and data as they were. */
export async function saveGitError(db: Database, repoId: number, runId: number, message: string): Promise<void> {
  await db.run(
    `INSERT INTO sync_state (repo_id, source, last_run_id, last_error, last_error_at)
     VALUES ($repo, 'git', $run, $error, now()::TIMESTAMP)
     ON CONFLICT (repo_id, source) DO UPDATE SET last_run_id = excluded.last_run_id,
       last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
    { repo: repoId, run: runId, error: redact(message) },
  );
}
