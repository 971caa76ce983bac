import { describe, expect, it } from 'vitest';
import type { Fault } from '../../github/server.js';
import { useGitHubWorld } from './harness.js';

// REST requests (inline review comments) are bounded as queries are: an answer that cannot be
// read is tried 3 times and said for what it is, a request with no complete answer times out.
const { setup } = useGitHubWorld();
const LISTING = 'REST /repos/{owner}/{repo}/pulls/comments';
const html = '<html><body><h1>Unicorn!</h1></body></html>';

describe('REST requests, bounded', { timeout: 30_000 }, () => {
  it.each<[string, Fault, string]>([
    ['an HTML page', { kind: 'raw', contentType: 'text/html; charset=utf-8', body: html }, `GitHub sent an answer cdstats cannot read (not JSON): HTTP 200, text/html, ${html.length} bytes: "${html}"`],
    ['a 50 MB answer', { kind: 'huge', bytes: 50 * 1024 * 1024 }, 'GitHub sent an answer over the 20 MB cdstats reads, not read further: HTTP 200, application/json, '],
  ])('%s: 3 attempts, then the repository fails with a line saying what came back', async (name, fault, says) => {
    const s = await setup(`rest-${name.length}`);
    s.server.failNext({ ...fault, operation: LISTING }, 3);
    const summary = await s.run();
    expect(summary.errors).toEqual([expect.stringContaining(`acme/widgets: GitHub: failed: ${LISTING} for acme/widgets: gave up after 3 attempts: ${says}`)]);
    expect(s.server.pendingFaults).toBe(0);
  });

  it('a REST request with no complete answer within github.timeoutSeconds fails its repository', async () => {
    const s = await setup('rest-hang', { github: '  timeoutSeconds: 30\n' });
    s.server.failNext({ kind: 'hang', operation: LISTING });
    const stalled = s.server.nextStall();
    const running = s.run();
    await stalled;
    s.advance(30_000);
    expect((await running).errors).toEqual([
      `acme/widgets: GitHub: failed: ${LISTING} for acme/widgets: no complete answer within 30 s (github.timeoutSeconds); stopping this repository (a later run resumes where it stopped)`,
    ]);
  });
});
