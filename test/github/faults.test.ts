import { graphql, GraphqlResponseError } from '@octokit/graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Q from '../../src/collect/github/queries.js';
import { startGitHubServer } from './server.js';
import type { GitHubServer, GitHubServerOptions } from './server.js';
import { sampleFixture } from './sample.js';
import type { Sample } from './sample.js';

const TOKEN = 'test-token-not-a-secret';
const repo = { owner: 'acme', name: 'widgets' };

let sample: Sample;
let server: GitHubServer;
let gh: typeof graphql;

/** Replaces the server with one built with `options`. */
async function start(options: Partial<GitHubServerOptions> = {}): Promise<void> {
  await server.close();
  server = await startGitHubServer({ fixture: sample.fixture, token: TOKEN, ...options });
  gh = graphql.defaults({ baseUrl: server.baseUrl, headers: { authorization: `token ${TOKEN}` } });
}

beforeEach(async () => {
  sample = sampleFixture();
  server = await startGitHubServer({ fixture: sample.fixture, token: TOKEN });
  gh = graphql.defaults({ baseUrl: server.baseUrl, headers: { authorization: `token ${TOKEN}` } });
});
afterEach(() => server.close());

/** A raw POST, for status codes, headers and bodies exactly as sent. */
async function post(body: unknown, authorization: string | null = `bearer ${TOKEN}`, path = '/graphql') {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST', body: JSON.stringify(body), headers: authorization === null ? {} : { authorization },
  });
  const text = await response.text();
  const json = (): unknown => JSON.parse(text);
  return { status: response.status, headers: response.headers, text, json };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => { throw new Error('expected a failure'); }, (error: unknown) => error);
}

describe('fake GitHub: validation and limits', () => {
  it('answers an unknown field with GitHub\'s validation error, HTTP 200, and charges nothing', async () => {
    const response = await post({ query: 'query { repository(owner: "acme", name: "widgets") { nope } }' });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ errors: [{
      extensions: { code: 'undefinedField', typeName: 'Repository', fieldName: 'nope' },
      locations: [{ line: 1, column: 54 }],
      message: 'Field \'nope\' doesn\'t exist on type \'Repository\'',
    }] });
    expect(response.headers.get('x-ratelimit-remaining')).toBe('5000');
    const syntax = await post({ query: 'query { repository(' });
    expect(syntax.json()).toMatchObject({ errors: [{ message: expect.stringContaining('Syntax Error'), locations: [{ line: 1, column: 20 }] }] });
    expect(server.stats.points).toBe(0);
  });

  it('refuses connections without first/last, more than 100 records, and more than 500,000 nodes', async () => {
    const missing = await failure(gh('query { repository(owner: "acme", name: "widgets") { releases { totalCount } } }'));
    expect(missing).toBeInstanceOf(GraphqlResponseError);
    expect((missing as GraphqlResponseError<unknown>).errors).toEqual([{
      type: 'MISSING_PAGINATION_BOUNDARIES', path: ['repository', 'releases'], locations: [{ line: 1, column: 54 }],
      message: 'You must provide a `first` or `last` value to properly paginate the `releases` connection.',
    }]);
    const tooMany = await failure(gh(Q.PULL_REQUESTS, { ...repo, first: 101 }));
    expect(tooMany).toMatchObject({ errors: [{ type: 'EXCESSIVE_PAGINATION', message: 'Requesting 101 records on the `pullRequests` connection exceeds the `first` limit of 100 records.' }] });
    const huge = await failure(gh(`query { repository(owner: "acme", name: "widgets") { pullRequests(first: 100) { nodes {
      comments(first: 100) { nodes { reactions(first: 100) { totalCount } } } } } } }`));
    expect(huge).toMatchObject({ errors: [{ type: 'MAX_NODE_LIMIT_EXCEEDED', message: 'This query requests up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000.' }] });
    expect(server.stats).toEqual({ requests: 3, points: 0, byOperation: { '(anonymous)': { requests: 2, points: 0 }, PullRequests: { requests: 1, points: 0 } } });
  });
});

describe('fake GitHub: cost and rate limit', () => {
  it('charges each document GitHub\'s cost, reports it in rateLimit and headers, and counts it', async () => {
    const costs: Record<string, number> = {};
    for (const [name, query, variables] of [
      ['PULL_REQUESTS', Q.PULL_REQUESTS, { ...repo, first: 100 }],
      ['PULL_REQUESTS_50', Q.PULL_REQUESTS, { ...repo, first: 50 }],
      ['ISSUES', Q.ISSUES, { ...repo, first: 100 }],
      ['PROBE', Q.PROBE, repo],
      ['MORE_REVIEWS', Q.MORE_REVIEWS, { id: sample.prs[0]?.id }],
      ['STARGAZERS', Q.STARGAZERS, repo],
    ] as const) {
      const result = await gh<{ rateLimit: { cost: number; remaining: number } }>(query, variables);
      costs[name] = result.rateLimit.cost;
    }
    expect(costs).toEqual({ PULL_REQUESTS: 3, PULL_REQUESTS_50: 2, ISSUES: 2, PROBE: 1, MORE_REVIEWS: 1, STARGAZERS: 1 });
    expect(server.stats).toEqual({
      requests: 6, points: 10,
      byOperation: { PullRequests: { requests: 2, points: 5 }, Issues: { requests: 1, points: 2 }, Probe: { requests: 1, points: 1 }, MoreReviews: { requests: 1, points: 1 }, Stargazers: { requests: 1, points: 1 } },
    });
    expect(server.rateLimit).toMatchObject({ limit: 5000, remaining: 4990, used: 10 });
    expect(server.requests.map((r) => [r.operation, r.cost])).toEqual([['PullRequests', 3], ['PullRequests', 2], ['Issues', 2], ['Probe', 1], ['MoreReviews', 1], ['Stargazers', 1]]);
    server.resetStats();
    expect(server.stats).toEqual({ requests: 0, points: 0, byOperation: {} });
  });

  it('charges concurrent requests exactly once each', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, () => gh<{ rateLimit: { remaining: number } }>(Q.PULL_REQUESTS, { ...repo, first: 100 })));
    expect(results.map((r) => r.rateLimit.remaining).sort((a, b) => b - a)).toEqual(Array.from({ length: 25 }, (_, i) => 5000 - 3 * (i + 1)));
    expect(server.stats).toMatchObject({ requests: 25, points: 75 });
  });

  it('sends x-ratelimit-* headers that agree with the rateLimit field', async () => {
    await start({ limit: 100 });
    const query = 'query { rateLimit { cost remaining used limit resetAt nodeCount } repository(owner: "acme", name: "widgets") { issues(first: 10) { totalCount } } }';
    const response = await post({ query });
    const { data } = response.json() as { data: { rateLimit: { resetAt: string } } };
    expect(data.rateLimit).toEqual({ cost: 1, remaining: 99, used: 1, limit: 100, resetAt: expect.any(String), nodeCount: 10 });
    expect(Object.fromEntries([...response.headers].filter(([k]) => k.startsWith('x-ratelimit-')))).toEqual({
      'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99', 'x-ratelimit-used': '1',
      'x-ratelimit-reset': String(Date.parse(data.rateLimit.resetAt) / 1000), 'x-ratelimit-resource': 'graphql',
    });
  });

  it('refuses a query costing more than what is left with RATE_LIMITED, and restores the budget at the reset', async () => {
    let now = Date.parse('2024-06-01T12:00:00Z');
    await start({ limit: 5, resetIn: 2, now: () => now });
    await gh(Q.PULL_REQUESTS, { ...repo, first: 100 });
    const response = await post({ query: Q.PULL_REQUESTS, variables: { ...repo, first: 100 } });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ errors: [{ type: 'RATE_LIMITED', code: 'graphql_rate_limit', message: 'API rate limit already exceeded for user ID 1.' }] });
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(response.headers.get('x-ratelimit-reset')).toBe(String(Date.parse('2024-06-01T12:00:02Z') / 1000));
    expect(server.rateLimit).toMatchObject({ remaining: 2, used: 3 });
    now += 2000;
    const after = await gh<{ rateLimit: { remaining: number; resetAt: string } }>(Q.PULL_REQUESTS, { ...repo, first: 100 });
    expect(after.rateLimit).toMatchObject({ remaining: 2, resetAt: '2024-06-01T12:00:04Z' });
    server.setRateLimit({ remaining: 0 });
    expect(await failure(gh(Q.PROBE, repo))).toMatchObject({ errors: [{ type: 'RATE_LIMITED' }] });
  });
});

describe('fake GitHub: faults on demand', () => {
  it('secondary rate limit: 403 (or 429) with retry-after and GitHub\'s message', async () => {
    server.failNext({ kind: 'secondary', retryAfter: 7 });
    server.failNext({ kind: 'secondary', status: 429 });
    const first = await failure(gh(Q.PROBE, repo));
    expect(first).toMatchObject({ status: 403, response: { headers: { 'retry-after': '7' } } });
    expect((first as { response: { data: unknown } }).response.data).toEqual({
      message: expect.stringMatching(/^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again\./),
      documentation_url: expect.stringContaining('docs.github.com'),
    });
    expect(await failure(gh(Q.PROBE, repo))).toMatchObject({ status: 429, response: { headers: { 'retry-after': '60' } } });
    expect(await gh(Q.PROBE, repo)).toMatchObject({ rateLimit: { remaining: 4999 } });
    expect(server.stats).toMatchObject({ requests: 3, points: 1 });
  });

  it('gateway errors: 502 as an HTML page, 504 as GitHub\'s JSON "Something went wrong"', async () => {
    server.failNext({ kind: 'status', status: 502 });
    server.failNext({ kind: 'status', status: 504, json: true });
    const bad = await post({ query: Q.PROBE, variables: repo });
    expect([bad.status, bad.headers.get('content-type'), bad.text]).toEqual([502, 'text/html', expect.stringContaining('<h1>502 Bad Gateway</h1>')]);
    const timeout = await post({ query: Q.PROBE, variables: repo });
    expect(timeout.status).toBe(504);
    expect(timeout.json()).toEqual({ data: null, errors: [{ message: expect.stringMatching(/^Something went wrong while executing your query\..*Please include `[0-9A-F:]+` when reporting this issue\.$/) }] });
    expect(server.pendingFaults).toBe(0);
    expect(await gh(Q.PROBE, repo)).toMatchObject({ repository: { nameWithOwner: 'acme/widgets' } });
  });

  it('partial data: one field nulled and a GraphQL error, charged like a normal query', async () => {
    server.failNext({ kind: 'partial' });
    const error = await failure(gh(Q.PROBE, repo));
    expect(error).toBeInstanceOf(GraphqlResponseError);
    expect(error).toMatchObject({ data: { rateLimit: { cost: 1 }, repository: null }, errors: [{ message: expect.stringMatching(/^Something went wrong/) }] });
    server.failNext({ kind: 'partial', path: ['repository', 'defaultBranchRef'] });
    expect(await failure(gh(Q.PROBE, repo))).toMatchObject({ data: { repository: { nameWithOwner: 'acme/widgets', defaultBranchRef: null } } });
    expect(server.stats.points).toBe(2);
  });

  it('RATE_LIMITED on demand, and GitHub\'s RATE_LIMIT variant', async () => {
    server.failNext({ kind: 'rate-limited' });
    server.failNext({ kind: 'rate-limited', type: 'RATE_LIMIT' });
    const response = await post({ query: Q.PROBE, variables: repo });
    expect([response.status, response.headers.get('x-ratelimit-remaining')]).toEqual([200, '0']);
    expect(response.json()).toEqual({ errors: [{ type: 'RATE_LIMITED', code: 'graphql_rate_limit', message: 'API rate limit already exceeded for user ID 1.' }] });
    expect(await failure(gh(Q.PROBE, repo))).toMatchObject({ errors: [{ type: 'RATE_LIMIT' }] });
    expect(server.rateLimit.remaining).toBe(5000);
  });

  it('a dropped connection', async () => {
    server.failNext({ kind: 'drop' });
    expect(await failure(fetch(server.url, { method: 'POST', headers: { authorization: `token ${TOKEN}` }, body: JSON.stringify({ query: Q.PROBE, variables: repo }) })))
      .toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(await gh(Q.PROBE, repo)).toMatchObject({ repository: { nameWithOwner: 'acme/widgets' } });
    expect(server.requests.map((r) => [r.status, r.fault])).toEqual([[0, 'drop'], [200, undefined]]);
  });

  it('fails exactly the Nth page of one operation, as many times as asked', async () => {
    server.failNext({ kind: 'status', status: 502, operation: 'PullRequests', skip: 1 }, 2);
    expect(server.pendingFaults).toBe(2);
    const page1 = await gh<{ repository: { pullRequests: { pageInfo: { endCursor: string } } } }>(Q.PULL_REQUESTS, { ...repo, first: 1 });
    await gh(Q.PROBE, repo);
    const page2 = { ...repo, first: 1, after: page1.repository.pullRequests.pageInfo.endCursor };
    expect(await failure(gh(Q.PULL_REQUESTS, page2))).toMatchObject({ status: 502 });
    expect(await failure(gh(Q.PULL_REQUESTS, page2))).toMatchObject({ status: 502 });
    expect(await gh(Q.PULL_REQUESTS, page2)).toMatchObject({ repository: { pullRequests: { nodes: [{ number: 3 }] } } });
    expect(server.pendingFaults).toBe(0);
    expect(server.requests.map((r) => [r.operation, r.status])).toEqual([['PullRequests', 200], ['Probe', 200], ['PullRequests', 502], ['PullRequests', 502], ['PullRequests', 200]]);
  });
});

describe('fake GitHub: answers no client should trust', () => {
  it('raw bodies, a reset header of choice, and a cursor that does not move', async () => {
    server.failNext({ kind: 'raw', contentType: 'text/html', body: '<html>hi</html>' });
    const raw = await post({ query: Q.PROBE, variables: repo });
    expect([raw.status, raw.headers.get('content-type'), raw.text]).toEqual([200, 'text/html', '<html>hi</html>']);
    server.failNext({ kind: 'rate-limited', reset: 32503680000 });
    expect((await post({ query: Q.PROBE, variables: repo })).headers.get('x-ratelimit-reset')).toBe('32503680000');
    type Stars = { repository: { stargazers: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
    const first = await gh<Stars>(Q.STARGAZERS, { ...repo, after: null });
    server.failNext({ kind: 'stuck-cursor' });
    const again = await gh<Stars>(Q.STARGAZERS, { ...repo, after: first.repository.stargazers.pageInfo.endCursor });
    expect(again.repository.stargazers.pageInfo).toEqual({ hasNextPage: true, endCursor: first.repository.stargazers.pageInfo.endCursor });
    server.failNext({ kind: 'stuck-cursor', nullCursor: true });
    expect((await gh<Stars>(Q.STARGAZERS, { ...repo, after: null })).repository.stargazers.pageInfo).toEqual({ hasNextPage: true, endCursor: null });
  });

  it('a redirect, to wherever the test says (a loop back to itself by default)', async () => {
    for (const [fault, location] of [[{ kind: 'redirect' }, server.url], [{ kind: 'redirect', status: 307, location: 'https://elsewhere.example/graphql' }, 'https://elsewhere.example/graphql']] as const) {
      server.failNext(fault);
      const response = await fetch(server.url, { method: 'POST', body: JSON.stringify({ query: Q.PROBE, variables: repo }), headers: { authorization: `bearer ${TOKEN}` }, redirect: 'manual' });
      expect([response.status, response.headers.get('location')]).toEqual([fault.status ?? 301, location]);
    }
  });

  it('a huge body, a request held, a trickle: each ends when the client gives up or the server closes', async () => {
    server.failNext({ kind: 'huge', bytes: 1024 * 1024 });
    expect((await post({ query: Q.PROBE, variables: repo })).text.length).toBeGreaterThanOrEqual(1024 * 1024);
    for (const fault of [{ kind: 'hang' }, { kind: 'trickle', everyMs: 1 }] as const) {
      server.failNext(fault);
      const stalled = server.nextStall();
      const controller = new AbortController();
      const request = fetch(server.url, { method: 'POST', body: JSON.stringify({ query: Q.PROBE, variables: repo }), headers: { authorization: `bearer ${TOKEN}` }, signal: controller.signal })
        .then((response) => response.text());
      await stalled;
      controller.abort();
      await expect(request).rejects.toThrow();
    }
    expect(server.requests.map((r) => r.fault)).toEqual(['huge', 'hang', 'trickle']);
  });
});

describe('fake GitHub: HTTP and auth', () => {
  it('answers 401 Bad credentials without a token or with another, and counts nothing', async () => {
    for (const authorization of [null, 'token wrong', `basic ${TOKEN}`]) {
      const response = await post({ query: Q.PROBE, variables: repo }, authorization);
      expect(response.status).toBe(401);
      expect(response.json()).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' });
    }
    expect(await failure(graphql.defaults({ baseUrl: server.baseUrl })(Q.PROBE, repo))).toMatchObject({ status: 401 });
    expect(server.stats.requests).toBe(0);
  });

  it('accepts bearer and token schemes, GHES\'s /api/graphql, and only POSTs to a graphql path', async () => {
    expect((await post({ query: Q.PROBE, variables: repo }, `Bearer ${TOKEN}`)).status).toBe(200);
    const ghes = graphql.defaults({ baseUrl: `${server.baseUrl}/api/v3`, headers: { authorization: `token ${TOKEN}` } });
    expect(await ghes(Q.PROBE, repo)).toMatchObject({ repository: { nameWithOwner: 'acme/widgets' } });
    expect((await post({ query: Q.PROBE }, `token ${TOKEN}`, '/api/v3/repos')).status).toBe(404);
    expect((await fetch(server.url, { headers: { authorization: `token ${TOKEN}` } })).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST', headers: { authorization: `token ${TOKEN}` }, body: '{' })).status).toBe(400);
    expect(server.requests.map((r) => r.operation)).toEqual(['Probe', 'Probe', null]);
  });
});
