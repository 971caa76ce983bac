import { access } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, type CliResult } from '../helpers/cli.js';
import { queryDb } from '../helpers/db.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

// Issue 12, case 1: whatever ends a collect, its run does not stay `running`, the lock is
// released and the last line says why, without a stack trace. The built binary is run, as
// cron runs it: only a process shows its exit status, its signals and what Node prints.
const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), '../helpers/fault-preload.mjs');

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  await (await TestRepo.create(path.join(dir, 'demo'))).commit({ message: 'one' });
});
afterAll(() => cleanup());

/** Runs `cdstats collect` in `work`, with the fault preload; `started` gets the pid. */
function collectIn(work: string, env: Record<string, string>, started?: (pid: number) => void): Promise<CliResult> {
  return spawnCli(['collect'], { cwd: work, env, node: ['--import', PRELOAD], ...(started ? { started } : {}) });
}

async function expectRunFailed(work: string, errors: string): Promise<void> {
  const db = path.join(work, 'data', 'cdstats.duckdb');
  expect(await queryDb(db, 'SELECT status, finished_at IS NOT NULL AS finished, errors FROM runs')).toEqual([{ status: 'failed', finished: true, errors }]);
  await expect(access(`${db}.collect.lock`)).rejects.toThrow();
}

describe('an error nothing catches', () => {
  it.each([
    ['stream', 'injected failure in a stream handler'],
    ['rejection', 'injected unhandled rejection'],
  ])('(%s) marks the run failed and ends with one line, exit 1', async (fault, message) => {
    const work = path.join(dir, fault);
    await writeConfig(work, 'projects:\n  - name: Demo\n    repos:\n      - git: ../demo\n');
    const result = await collectIn(work, { CDSTATS_TEST_FAULT: fault });
    expect(result.stderr).toContain(`cdstats: unexpected error: ${message}\n(run again with --debug for details)\n`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.code).toBe(1);
    await expectRunFailed(work, `collect stopped: ${message}`);
  });
});

describe('SIGTERM or Ctrl-C during a collect', () => {
  let server: Server;
  const sockets: Socket[] = [];
  let connected: () => void = () => undefined;
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.push(socket);
      socket.resume();
      connected();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('stops git too, marks the run failed and exits as interrupted', async () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const work = path.join(dir, 'interrupted');
    await writeConfig(work, `projects:\n  - name: Demo\n    repos:\n      - git: ../demo\n      - git: git://127.0.0.1:${address.port}/stalled.git\n`);
    const gitConnected = new Promise<void>((resolve) => (connected = resolve));
    const result = await collectIn(work, {}, (pid) => void gitConnected.then(() => process.kill(pid, 'SIGTERM')));
    expect(result.stderr).toContain('cdstats: collect interrupted (SIGTERM): the run is marked failed; what was stored stays, and the next collect goes on from there\n');
    expect(result.code).toBe(143);
    await expectRunFailed(work, 'collect stopped: interrupted (SIGTERM)');
    // git ran in a process group of its own, which the signal did not reach: cdstats ended it.
    await Promise.all(sockets.map((socket) => (socket.closed ? undefined : new Promise((resolve) => socket.once('close', resolve)))));
  });
});
