import { spawn } from 'node:child_process';
import { cp, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyntheticRepo } from '../../bench/synthetic.mjs';
import { CLI, runCli } from '../helpers/cli.js';
import { dumpHistory, queryDb } from '../helpers/db.js';
import { gitNumstatTotals, revCount } from '../helpers/fixture.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;
let upstream: string;
let reference: Awaited<ReturnType<typeof dumpHistory>>;
const COMMITS = 6000;

function config(): string {
  return `projects:\n  - name: Big\n    repos:\n      - git: file://${upstream}\n`;
}

/** Starts a collect and kills it with SIGKILL after `ms` milliseconds (or lets it finish first). */
function collectAndKill(cwd: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'collect', '--batch-size', '500'], { cwd, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  upstream = path.join(dir, 'upstream.git');
  await createSyntheticRepo(upstream, { commits: COMMITS, authors: 50 });
  const fresh = path.join(dir, 'fresh');
  await writeConfig(fresh, config());
  const result = await runCli(['collect'], { cwd: fresh });
  expect(result.code).toBe(0);
  reference = await dumpHistory(path.join(fresh, 'data', 'cdstats.duckdb'));
}, 120_000);
afterAll(() => cleanup());

describe('a large history', () => {
  it('is read by parallel git processes into exactly what git reports', async () => {
    const totals = await gitNumstatTotals(upstream);
    const added = reference.commits.reduce((n, c) => n + Number(c.lines_added ?? 0), 0);
    const deleted = reference.commits.reduce((n, c) => n + Number(c.lines_deleted ?? 0), 0);
    expect(reference.commits).toHaveLength(await revCount(upstream));
    expect(new Set(reference.commits.map((c) => c.sha)).size).toBe(COMMITS);
    expect({ added, deleted }).toEqual(totals);
    expect(reference.commits.filter((c) => c.is_merge)).toHaveLength(await revCount(upstream, ['--merges', 'main']));
    expect(reference.trailers).toHaveLength(COMMITS);
  });
});

describe('kill -9 at any moment', () => {
  it.each([200, 500, 800, 1100, 1400, 1700, 2200])('killed after %i ms, the next collect gives the same database as an uninterrupted run', async (ms) => {
    const work = path.join(dir, `kill-${ms}`);
    await writeConfig(work, config());
    await collectAndKill(work, ms);
    const resumed = await runCli(['collect', '--batch-size', '500'], { cwd: work });
    expect({ code: resumed.code, stderr: resumed.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('collected 1 repository') });
    expect(await dumpHistory(path.join(work, 'data', 'cdstats.duckdb'))).toEqual(reference);
  });
});

describe('a run killed while creating the database', () => {
  it('leaves only a file aside, which the next run removes before creating the database', async () => {
    const work = path.join(dir, 'creating');
    const repo = await TestRepo.create(path.join(work, 'repo'));
    await repo.commit({ message: 'one' });
    await writeConfig(work, 'projects:\n  - name: Small\n    repos:\n      - git: ./repo\n');
    const { mkdir, readdir } = await import('node:fs/promises');
    await mkdir(path.join(work, 'data'), { recursive: true });
    await writeFile(path.join(work, 'data', 'cdstats.duckdb.new-4242'), '');
    await writeFile(path.join(work, 'data', 'cdstats.duckdb.new-4242.wal'), 'half');
    const result = await runCli(['collect'], { cwd: work });
    expect(result.code).toBe(0);
    expect((await readdir(path.join(work, 'data'))).filter((f) => f.startsWith('cdstats.duckdb')).sort()).toEqual(['cdstats.duckdb']);
  });
});

describe('one collect per database', () => {
  it('a second collect stops with a clear message while the first holds the lock, and takes over a dead one', async () => {
    // A copy of the uninterrupted run: its database and mirror.
    const work = path.join(dir, 'locked');
    await cp(path.join(dir, 'fresh'), work, { recursive: true });
    const db = path.join(work, 'data', 'cdstats.duckdb');
    const lock = `${db}.collect.lock`;
    await writeFile(lock, JSON.stringify({ pid: process.ppid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    const blocked = await runCli(['collect'], { cwd: work });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain(`another cdstats collect is running on ${db} (pid ${process.ppid}`);
    expect(blocked.stderr).toContain('this run stored nothing');
    await writeFile(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    const takeover = await runCli(['collect'], { cwd: work });
    expect(takeover.code).toBe(0);
    expect(takeover.stderr).toContain('upstream: up to date (main)');
    expect(await queryDb(db, 'SELECT count(*) AS n FROM runs')).toEqual([{ n: 2 }]);
  });
});
