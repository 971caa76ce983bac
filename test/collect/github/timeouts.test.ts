import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GitHubClient } from '../../../src/collect/github/client.js';
import { silentLog, type Log } from '../../../src/log.js';
import { startGitHubServer, type GitHubServer } from '../../github/server.js';
import { TestRepo } from '../../helpers/git.js';
import { useGitHubWorld } from './harness.js';
import { buildWorld } from './world.js';

// Issue 12, case C: a GraphQL endpoint that never answers, or trickles, fails its repository
// when the request timeout or the repository's deadline is up; the others go on. The clock is
// the test's: it is moved on once the server holds the request, so nothing waits for real.
// The tests' own timeout is short, so that code without these limits fails them instead of hanging.
const { setup, dir, clone } = useGitHubWorld();
let tools: TestRepo;
beforeAll(async () => {
  tools = await TestRepo.create(path.join(dir(), 'tools-for-timeouts'));
  await tools.commit({ message: 'tools' });
});

const twoRepos = () => `      - github: acme/widgets\n        clone: ${clone().dir}\n      - github: acme/tools\n        clone: ${tools.dir}\n`;

describe('request timeout and repository deadline', { timeout: 15_000 }, () => {
  it.each([
    ['never answers', { kind: 'hang' }],
    ['trickles a byte at a time', { kind: 'trickle', everyMs: 5 }],
  ] as const)('a server that %s: the repository fails after github.timeoutSeconds, the others go on', async (_, fault) => {
    const s = await setup(`timeout-${fault.kind}`, { github: '  concurrency: 1\n  timeoutSeconds: 30\n', repos: twoRepos() });
    s.server.failNext({ ...fault, operation: 'Issues' });
    const stalled = s.server.nextStall();
    const running = s.run();
    await stalled;
    s.advance(30_000);
    const summary = await running;
    expect(summary.errors).toEqual([
      'acme/widgets: GitHub: failed: Issues for acme/widgets: no complete answer within 30 s (github.timeoutSeconds); stopping this repository (a later run resumes where it stopped)',
    ]);
    expect(summary.github.find((r) => r.name === 'acme/tools')?.ok).toBe(true);
  });

  it('a repository whose request outlives its deadline fails, saying so', async () => {
    const s = await setup('deadline-hang', { github: '  timeoutSeconds: 600\n  repoDeadlineMinutes: 1\n' });
    s.server.failNext({ kind: 'hang', operation: 'Issues' });
    const stalled = s.server.nextStall();
    const running = s.run();
    await stalled;
    s.advance(60_000);
    expect((await running).errors).toEqual([
      'acme/widgets: GitHub: failed: Issues for acme/widgets: its deadline passed (github.repoDeadlineMinutes: 1); stopping this repository (a later run resumes where it stopped)',
    ]);
  });

  it('a wait that would pass the deadline is not begun', async () => {
    const s = await setup('deadline-wait', { github: '  repoDeadlineMinutes: 2\n' });
    s.server.failNext({ kind: 'secondary', retryAfter: 50, operation: 'Issues' }, 3);
    const summary = await s.run();
    expect(s.waits).toEqual([50_000]);
    expect(summary.errors).toEqual([
      expect.stringMatching(/^acme\/widgets: GitHub: failed: Issues for acme\/widgets: GitHub says to wait until \S+Z, past this repository's deadline \(github.repoDeadlineMinutes: 2\); stopping this repository/),
    ]);
  });
});

describe('a collect that stops', { timeout: 15_000 }, () => {
  const probe = 'query Probe { rateLimit { cost remaining resetAt limit } }';
  let server: GitHubServer;
  beforeEach(async () => {
    server = await startGitHubServer({ fixture: buildWorld().fixture, token: 't' });
  });
  afterEach(() => server.close());

  it('ends the request in flight at once', async () => {
    const stop = new AbortController();
    const client = new GitHubClient({ url: server.url, token: 't', log: silentLog, concurrency: 1, stop: stop.signal });
    server.failNext({ kind: 'hang' });
    const stalled = server.nextStall();
    const held = client.query(probe, {}, 'acme/widgets');
    await stalled;
    stop.abort(new Error('collect stopped'));
    await expect(held).rejects.toThrow('collect stopped');
  });

  it('ends a wait for a rate limit (real time, an hour away) at once', async () => {
    const stop = new AbortController();
    const log: Log = { info: (line) => line.includes('waiting until') && stop.abort(new Error('collect stopped')), warn: () => undefined, tty: false };
    const client = new GitHubClient({ url: server.url, token: 't', log, concurrency: 1, stop: stop.signal });
    server.failNext({ kind: 'rate-limited', reset: Math.floor(Date.now() / 1000) + 3600 });
    await expect(client.query(probe, {}, 'acme/widgets')).rejects.toThrow('collect stopped');
  });
});
