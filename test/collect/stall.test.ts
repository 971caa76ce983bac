import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;
let server: Server;
const sockets: Socket[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  // Accepts every connection on loopback and never answers: a stalled remote.
  server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  await cleanup();
});

describe('an http remote that accepts and never answers', () => {
  it('fails that repository by name while the others are stored', async () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const good = await TestRepo.create(path.join(dir, 'good'));
    await good.commit({ message: 'fine' });
    await writeConfig(dir, `title: Test\nprojects:\n  - name: Demo\n    repos:\n      - git: ./good\n      - git: http://127.0.0.1:${address.port}/stalled.git\n`);
    // The user's environment may shorten the low-speed window: here one second, so the test ends quickly.
    const result = await runCli(['collect'], { cwd: dir, env: { GIT_HTTP_LOW_SPEED_TIME: '1' } });
    expect(result.stderr).toContain('good: 1 new commit (main)');
    expect(result.stderr).toMatch(/127\.0\.0\.1\/stalled: failed: /);
    expect(result.code).toBe(1);
  }, 30_000);
});
