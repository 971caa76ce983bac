import { access } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../src/collect/run.js';
import { loadConfig } from '../../src/config/load.js';
import { silentLog } from '../../src/log.js';
import { runCli } from '../helpers/cli.js';
import { queryDb } from '../helpers/db.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;
let server: Server;
const open = new Set<Socket>();
let connections = 0;
let closed: () => void = () => undefined;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  await (await TestRepo.create(path.join(dir, 'good'))).commit({ message: 'fine' });
  // Accepts every connection on loopback and never answers: a stalled remote.
  server = createServer((socket) => {
    open.add(socket);
    connections++;
    socket.resume(); // reads, and so sees the end when git's side is killed
    socket.on('close', () => {
      open.delete(socket);
      if (open.size === 0) closed();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const socket of open) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  await cleanup();
});

describe('an http remote that accepts and never answers', () => {
  it('fails that repository by name while the others are stored', async () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    await writeConfig(path.join(dir, 'http'), `title: Test\nprojects:\n  - name: Demo\n    repos:\n      - git: ../good\n      - git: http://127.0.0.1:${address.port}/stalled.git\n`);
    // The user's environment may shorten the low-speed window: here one second, so the test ends quickly.
    const result = await runCli(['collect'], { cwd: path.join(dir, 'http'), env: { GIT_HTTP_LOW_SPEED_TIME: '1' } });
    expect(result.stderr).toContain('good: 1 new commit (main)');
    expect(result.stderr).toMatch(/127\.0\.0\.1\/stalled: failed: /);
    expect(result.code).toBe(1);
  }, 30_000);
});

// Issue 12, case 4: a remote that accepts the connection and never answers. git:// has no
// low-speed limit, and an http remote is held by git's helper (git-remote-http), a process of
// its own: only the deadline per repository ends them, by killing git's whole process group.
describe('git.timeoutMinutes', () => {
  it('kills the git of a stalled remote and its helpers, fails that repository by name, and the others are stored', async () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const file = await writeConfig(
      path.join(dir, 'deadline'),
      `git:\n  timeoutMinutes: 1\nprojects:\n  - name: Demo\n    repos:\n      - git: ../good\n      - git: git://127.0.0.1:${address.port}/stalled.git\n      - git: http://127.0.0.1:${address.port}/held.git\n`,
    );
    const config = await loadConfig(file, silentLog);
    expect(config.git.timeoutMinutes).toBe(1);
    // A test waits seconds, not the minute the config allows.
    config.git.timeoutMinutes = 0.05;
    const saved = process.env.GIT_HTTP_LOW_SPEED_TIME;
    process.env.GIT_HTTP_LOW_SPEED_TIME = '3600'; // the http remote is not ended by the low-speed limit
    try {
      const summary = await collect(config, { projects: [], wait: 0, log: silentLog });
      expect(summary.results.find((r) => r.name === 'good')).toMatchObject({ ok: true, added: 1 });
      const says = 'failed: git did not finish within 0.05 minutes (git.timeoutMinutes), so it was stopped: check that';
      expect(summary.errors).toEqual([
        expect.stringContaining(`127.0.0.1/stalled: ${says} git://127.0.0.1:${address.port}/stalled.git answers`),
        expect.stringContaining(`127.0.0.1/held: ${says} http://127.0.0.1:${address.port}/held.git answers`),
      ]);
      expect(summary.reposFailed).toBe(2);
    } finally {
      if (saved === undefined) Reflect.deleteProperty(process.env, 'GIT_HTTP_LOW_SPEED_TIME');
      else process.env.GIT_HTTP_LOW_SPEED_TIME = saved;
    }
    // No git process, helper included, holds a connection any more; the lock is gone for the next run.
    expect(connections).toBeGreaterThanOrEqual(2);
    await new Promise<void>((resolve) => (open.size === 0 ? resolve() : (closed = resolve)));
    await expect(access(`${config.database}.collect.lock`)).rejects.toThrow();
    expect(await queryDb(config.database, 'SELECT status, repos_failed FROM runs')).toEqual([{ status: 'failed', repos_failed: 2 }]);
  }, 60_000);
});
