import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubServer } from '../../github/server.js';
import { CLI, runCli } from '../../helpers/cli.js';
import { queryDb } from '../../helpers/db.js';
import { TestRepo, tempDir, writeConfig } from '../../helpers/git.js';
import { buildWorld } from './world.js';

const TOKEN = 'ghp_kill_test_token';
let dir: string;
let cleanup: () => Promise<void>;
let server: GitHubServer;
let clone: TestRepo;
let reference: unknown;

const env = { CDSTATS_KILL_TOKEN: TOKEN };

async function configure(name: string): Promise<string> {
  const work = path.join(dir, name);
  await writeConfig(work, `github:\n  tokenEnv: CDSTATS_KILL_TOKEN\n  graphqlUrl: ${server.url}\nprojects:\n  - name: Acme\n    repos:\n      - github: acme/widgets\n        clone: ${clone.dir}\n`);
  return work;
}

/** Everything GitHub gave, in a stable order, without the time each row was stored. */
async function githubData(work: string): Promise<unknown> {
  const db = path.join(work, 'data', 'cdstats.duckdb');
  const tables = [
    'SELECT * EXCLUDE (collected_at) FROM pull_requests ORDER BY node_id',
    'SELECT * FROM pr_reviews ORDER BY node_id',
    'SELECT * FROM comments ORDER BY node_id',
    'SELECT * EXCLUDE (collected_at) FROM issues ORDER BY node_id',
    'SELECT * FROM releases ORDER BY node_id',
    'SELECT * FROM stargazers ORDER BY login',
  ];
  return Promise.all(tables.map((sql) => queryDb(db, sql)));
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  clone = await TestRepo.create(path.join(dir, 'clone'));
  await clone.commit({ message: 'first' });
  server = await startGitHubServer({ fixture: buildWorld().fixture, token: TOKEN, limit: 1_000_000 });
  const work = await configure('reference');
  expect((await runCli(['collect'], { cwd: work, env })).code).toBe(0);
  reference = await githubData(work);
});
afterAll(async () => {
  await server.close();
  await cleanup();
});

describe('GitHub collect killed with SIGKILL', () => {
  it.each([150, 300, 450, 600, 900])('after %i ms, the next run completes the same data with nothing twice', async (ms) => {
    const work = await configure(`kill-${ms}`);
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'collect'], { cwd: work, env: { ...process.env, ...env }, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      child.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const resumed = await runCli(['collect'], { cwd: work, env });
    expect({ code: resumed.code, stderr: resumed.stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('failed:') });
    expect(await githubData(work)).toEqual(reference);
  });
});
