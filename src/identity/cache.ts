/**
 * The identity cache. Resolving people reads every gitdm source (cncf/gitdm: some 45 MB) and
 * every identity the data holds: seconds, which `query`, `report` and `people` should not pay
 * each time. The resolution is kept in the database itself (identities, people, affiliations,
 * identity_pairs: the tables collect always stored for other DuckDB clients), with
 * identity_state saying what it was built from:
 *
 * - `inputs`: a digest of the config's identity section, each mailmap and gitdm file's stamp
 *   (size, modification time, inode; the content too for files up to 1 MB), each gitdm
 *   repository's tip and what is read of it, and this version of cdstats and of its identity
 *   modules (their stamps);
 * - `run_id`: the last collect run whose data it saw. Collect knows whether its run changed
 *   what identity reads (commits, GitHub items, or anything in sync_state: `sync`) and, when it
 *   did not, only moves `run_id` on. A reader trusts the stored resolution only while no run
 *   started after it: a run still going or killed half-way may have written anything.
 *
 * Why the database and not a file beside it: a hit must cost a few stats and one query. The
 * stored tables are then read in place; copying a resolution into a session's temporary tables
 * costs about 70 ms per 55,000 identities (bench/indicators' data), past the 50 ms budget. Who
 * writes it: collect, in its last transaction; and a reader that finds it stale (an edited
 * affiliation file) and can open the database for writing at once, which it can when no other
 * process has it open. Otherwise that reader resolves into temporary tables as it always did,
 * and the next command tries again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigProblem, IdentityConfig } from '../config/types.js';
import type { Database } from '../store/db.js';
import { findSources, sourceStamps, stampFile, type FoundSource } from './sources.js';

/** Raise when what is stored changes shape, so stored resolutions are rebuilt. */
const CACHE_FORMAT = 1;

/**
 * The code that resolves people, by the stamps of this folder's modules: an upgrade, or a local
 * build with other rules, rebuilds the stored resolution even where the version did not change.
 */
async function codeStamp(): Promise<string> {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const names = (await readdir(dir)).filter((name) => /\.[cm]?[jt]s$/.test(name)).sort();
  return (await Promise.all(names.map(async (name) => `${name}:${(await stampFile(path.join(dir, name))) ?? ''}`))).join(',');
}
let code: Promise<string> | undefined;

/** cdstats' version, from the package.json above this module. */
function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version);
    if (path.dirname(dir) === dir) return 'unknown';
    dir = path.dirname(dir);
  }
}
let version: string | undefined;

export interface CacheKey {
  /** Digest of everything outside the database that the resolution depends on. */
  inputs: string;
  /** The gitdm sources as found, to read them without finding them again. */
  found: FoundSource[];
}

/** The cache key of the identity inputs outside the database: cheap (stats and one `git rev-parse` per repository). */
export async function identityCacheKey(identity: IdentityConfig): Promise<CacheKey> {
  const [found, mailmaps] = await Promise.all([findSources(identity.gitdm), Promise.all(identity.mailmaps.map(async (file) => [file, (await stampFile(file)) ?? 'missing']))]);
  const config = { ...identity, domains: [...identity.domains], aliases: [...identity.aliases] };
  version ??= packageVersion();
  code ??= codeStamp();
  const inputs = createHash('sha256')
    .update(JSON.stringify({ format: CACHE_FORMAT, version, code: await code, config, mailmaps, gitdm: sourceStamps(found) }))
    .digest('hex');
  return { inputs, found };
}

export interface CacheState {
  stored: { inputs: string; runId: number | null; sync: string | null; warnings: ConfigProblem[] } | undefined;
  /** The newest collect run, and whether it is still marked running. */
  latest: { runId: number | null; running: boolean };
}

export async function readCacheState(db: Database): Promise<CacheState> {
  const [row] = await db.all(`
    SELECT (SELECT max(run_id) FROM runs) AS latest,
           (SELECT status = 'running' FROM runs ORDER BY run_id DESC LIMIT 1) AS running,
           s.inputs, s.run_id, s.sync, s.warnings
    FROM (SELECT 1) LEFT JOIN identity_state s ON true LIMIT 1`);
  const latest = { runId: row?.latest === null || row?.latest === undefined ? null : Number(row.latest), running: row?.running === true };
  if (row?.inputs === null || row?.inputs === undefined) return { stored: undefined, latest };
  return {
    stored: {
      inputs: String(row.inputs),
      runId: row.run_id === null ? null : Number(row.run_id),
      sync: row.sync === null ? null : String(row.sync),
      warnings: row.warnings === null ? [] : (JSON.parse(String(row.warnings)) as ConfigProblem[]),
    },
    latest,
  };
}

/** Whether the stored resolution answers for these inputs and the data as it is. */
export function cacheHit(state: CacheState, key: CacheKey): boolean {
  return state.stored !== undefined && state.stored.inputs === key.inputs && state.stored.runId === state.latest.runId;
}

/**
 * A digest of what collect records of each source's progress (cursors, watermarks, details) and
 * of the repositories: it moves whenever a run stores data identity reads, e.g. GitHub's links
 * of commit authors to logins, which no count of new items shows.
 */
export async function syncFingerprint(db: Database): Promise<string> {
  const [row] = await db.all(`
    SELECT md5(coalesce((SELECT string_agg(concat_ws(chr(31), repo_id, source, cursor, watermark, detail), chr(30) ORDER BY repo_id, source) FROM sync_state), '')
      || chr(29) || coalesce((SELECT string_agg(concat_ws(chr(31), repo_id, project, name, url), chr(30) ORDER BY repo_id) FROM repos), '')) AS sync`);
  return String(row?.sync ?? '');
}

/** Records what the stored resolution was built from. Call in the transaction that stored it. */
export async function writeCacheState(db: Database, key: CacheKey, runId: number | null, warnings: readonly ConfigProblem[]): Promise<void> {
  const sync = await syncFingerprint(db);
  await db.run('DELETE FROM identity_state');
  await db.run('INSERT INTO identity_state (inputs, run_id, sync, warnings, built_at) VALUES ($inputs, $run, $sync, $warnings, now()::TIMESTAMP)', {
    inputs: key.inputs,
    run: runId,
    sync,
    warnings: JSON.stringify(warnings),
  });
}

/**
 * Makes the session read the stored resolution: no temporary identity tables in front of the
 * stored ones, and the session's (name, email) pairs (a temporary table of the vocabulary)
 * filled from the stored copy.
 */
export async function useStoredResolution(db: Database): Promise<void> {
  for (const table of ['identities', 'people', 'affiliations']) await db.run(`DROP TABLE IF EXISTS temp.main.${table}`);
  await db.run('DELETE FROM temp.main.identity_pairs');
  await db.run(`INSERT INTO temp.main.identity_pairs SELECT * FROM ${await storedCatalog(db)}.main.identity_pairs`);
}

/**
 * The database file's catalog, quoted: `main.x` names a session's temporary table when there is
 * one (DuckDB looks in temp.main first), so the stored tables are named through their catalog.
 */
export async function storedCatalog(db: Database): Promise<string> {
  const [row] = await db.all('SELECT current_database() AS name');
  return `"${String(row?.name).replace(/"/g, '""')}"`;
}
