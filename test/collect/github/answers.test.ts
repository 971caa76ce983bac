import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../github/server.js';
import { queryDb } from '../../helpers/db.js';
import { TestRepo } from '../../helpers/git.js';
import { useGitHubWorld } from './harness.js';

// Issue 12, case B: an answer that cannot be read is said for what it is (status, type, size,
// the start of it), retried a few times, and fails its repository; the others go on.
const { setup, dir, clone } = useGitHubWorld();
let tools: TestRepo;
beforeAll(async () => {
  tools = await TestRepo.create(path.join(dir(), 'tools-for-answers'));
  await tools.commit({ message: 'tools' });
});

const RATE = '"rateLimit":{"cost":1,"remaining":4999,"resetAt":"2030-01-01T00:00:00Z","limit":5000}';
const html = '<html><body><h1>Sign in</h1>\n<p>\u001b[31mYour session\u202e expired</p></body></html>';

describe('unreadable answers', () => {
  it.each<[string, Fault, string]>([
    ['an HTML page', { kind: 'raw', contentType: 'text/html; charset=utf-8', body: html }, `(not JSON): HTTP 200, text/html, ${Buffer.byteLength(html)} bytes: "<html><body><h1>Sign in</h1> <p> [31mYour session  expired</p></body></html>"`],
    ['truncated JSON', { kind: 'raw', body: `{"data":{${RATE},"repository":{"iss` }, '(not JSON): HTTP 200, application/json, '],
    ['an answer without data', { kind: 'raw', body: '{"message":"hello"}' }, '(no `data`): HTTP 200, application/json, 19 bytes: "{"message":"hello"}"'],
    ['an answer without rateLimit', { kind: 'raw', body: '{"data":{"repository":null}}' }, '(no `rateLimit`): HTTP 200'],
    ['resetAt "garbage"', { kind: 'raw', body: `{"data":{${RATE.replace('2030-01-01T00:00:00Z', 'garbage')},"repository":null}}` }, '(`rateLimit` unreadable ({"cost":1,"remaining":4999,"resetAt":"garbage","limit":5000})): HTTP 200'],
    ['a 50 MB answer', { kind: 'huge', bytes: 50 * 1024 * 1024 }, 'GitHub sent an answer over the 20 MB cdstats reads, not read further: HTTP 200, application/json, '],
  ])('%s: 3 attempts, then the repository fails with a line saying what came back', async (_, fault, says) => {
    const s = await setup(`answer-${fault.kind}-${_.length}`, {
      github: '  concurrency: 1\n',
      repos: `      - github: acme/widgets\n        clone: ${clone().dir}\n      - github: acme/tools\n        clone: ${tools.dir}\n`,
    });
    s.server.failNext({ ...fault, operation: 'Issues' }, 3);
    const summary = await s.run();
    expect(summary.reposFailed).toBe(1);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toContain('acme/widgets: GitHub: failed: Issues for acme/widgets: gave up after 3 attempts: ');
    expect(summary.errors[0]).toContain(says);
    expect(summary.errors[0]).not.toMatch(/Cannot read|Invalid time value/);
    expect(s.server.pendingFaults).toBe(0);
    expect(summary.github.find((r) => r.name === 'acme/tools')?.ok).toBe(true);
    expect(await queryDb(s.db, "SELECT count(*) AS n FROM sync_state WHERE last_error LIKE '%gave up after 3 attempts%'")).toEqual([{ n: 1 }]);
  });
});

// A 3xx from the endpoint is not followed: with the token, to wherever it points (or round a loop).
describe('a redirect from the GraphQL endpoint', () => {
  it.each<[string, Fault]>([
    ['to itself, for ever', { kind: 'redirect' }],
    ['to another host (307 keeps the POST and its token)', { kind: 'redirect', status: 307, location: 'https://elsewhere.example/graphql' }],
  ])('%s: one request, and the repository fails saying where it pointed', async (_, fault) => {
    const s = await setup(`redirect-${_.length}`, {
      github: '  concurrency: 1\n',
      repos: `      - github: acme/widgets\n        clone: ${clone().dir}\n      - github: acme/tools\n        clone: ${tools.dir}\n`,
    });
    s.server.failNext({ ...fault, operation: 'Issues' });
    const summary = await s.run();
    const location = fault.kind === 'redirect' ? (fault.location ?? s.server.url) : '';
    expect(summary.errors).toEqual([
      `acme/widgets: GitHub: failed: Issues for acme/widgets: GitHub answered HTTP ${fault.kind === 'redirect' ? (fault.status ?? 301) : ''}, a redirect to ${location}, which cdstats does not follow (the token would go along); if the endpoint moved, set github.graphqlUrl to its new address`,
    ]);
    // Not retried: one request for that page, the redirected one.
    expect(s.server.requests.filter((r) => r.operation === 'Issues' && r.variables.name === 'widgets').map((r) => r.fault)).toEqual(['redirect']);
    expect(summary.github.find((r) => r.name === 'acme/tools')?.ok).toBe(true);
  });
});
