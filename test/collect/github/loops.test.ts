import { describe, expect, it } from 'vitest';
import { GitHubClient } from '../../../src/collect/github/client.js';
import { Cursors, UNKNOWN_SIZE_PAGES } from '../../../src/collect/github/cursor.js';
import { PROBE } from '../../../src/collect/github/queries.js';
import { requestCeiling } from '../../../src/collect/github/sync.js';
import { silentLog } from '../../../src/log.js';
import { startGitHubServer } from '../../github/server.js';
import { TOKEN, useGitHubWorld } from './harness.js';
import { buildWorld } from './world.js';

// Issue 12, case A: every loop against the API ends, with a line saying why. Faults are queued
// many times over, so that the code before the fix (which looped for as long as they lasted)
// ends too, and fails these tests instead of hanging.
const { setup } = useGitHubWorld();

/** At most this many requests for one operation: retries are capped, and a stuck page is not asked again and again. */
const FEW = 10;

describe('rate limits: every retry counted, every wait bounded', () => {
  it('a RATE_LIMITED answer with a reset already past is retried a few times after a backoff, then the repository fails', async () => {
    const s = await setup('reset-past');
    s.server.failNext({ kind: 'rate-limited', operation: 'Issues', reset: Math.floor(Date.now() / 1000) - 3600 }, 500);
    const summary = await s.run();
    expect(summary.reposFailed).toBe(1);
    expect(summary.errors).toEqual([expect.stringMatching(/^acme\/widgets: GitHub: failed: Issues for acme\/widgets: gave up after 8 attempts: API rate limit already exceeded/)]);
    expect(s.server.stats.byOperation.Issues?.requests).toBeLessThanOrEqual(FEW);
    // Each retry waited at least the backoff floor of a second.
    expect(s.waits.filter((ms) => ms >= 1000)).toHaveLength(7);
  });

  it('a reset in the year 3000 is not waited for: the repository stops, saying until when it would have had to wait', async () => {
    const s = await setup('reset-3000');
    s.server.failNext({ kind: 'rate-limited', operation: 'Issues', reset: Date.UTC(3000, 0, 1) / 1000 }, 500);
    const summary = await s.run();
    expect(summary.reposFailed).toBe(1);
    expect(summary.errors).toEqual([
      'acme/widgets: GitHub: failed: Issues for acme/widgets: GitHub says to wait until 3000-01-01T00:00:00Z, more than the 65 minutes cdstats waits; stopping this repository',
    ]);
    expect(Math.max(...s.waits, 0)).toBeLessThanOrEqual(65 * 60_000);
    expect(s.server.stats.byOperation.Issues?.requests).toBe(1);
  });
});

describe('a cursor that does not move is an error naming the repository and the connection', () => {
  it.each([
    ['Releases', 'releases', false],
    ['Stargazers', 'stargazers', false],
    ['Releases', 'releases', true],
  ] as const)('%s, the %s (null cursor: %s)', async (operation, connection, nullCursor) => {
    const s = await setup(`stuck-${operation}-${nullCursor}`);
    s.server.failNext({ kind: 'stuck-cursor', operation, nullCursor }, 500);
    const summary = await s.run();
    expect(summary.reposFailed).toBe(1);
    const why = nullCursor ? 'GitHub said there is a next page but gave no cursor' : 'GitHub gave the cursor of an earlier page again';
    expect(summary.errors).toEqual([`acme/widgets: GitHub: failed: acme/widgets ${connection}: ${why}; stopping rather than reading the same page again`]);
    expect(s.server.stats.byOperation[operation]?.requests).toBeLessThanOrEqual(2);
  });

  it('pull requests, and the nested pages of one, too', async () => {
    const s = await setup('stuck-prs');
    s.server.failNext({ kind: 'stuck-cursor', operation: 'PullRequests', skip: 1 }, 500);
    const summary = await s.run();
    expect(summary.errors).toEqual(['acme/widgets: GitHub: failed: acme/widgets pull requests: GitHub gave the cursor of an earlier page again; stopping rather than reading the same page again']);
    const nested = await setup('stuck-labels');
    nested.server.failNext({ kind: 'stuck-cursor', operation: 'MoreLabels' }, 500);
    expect((await nested.run()).errors).toEqual([
      expect.stringMatching(/^acme\/widgets: GitHub: failed: acme\/widgets labels of \S+: GitHub gave the cursor of an earlier page again; stopping rather than reading the same page again$/),
    ]);
    expect(nested.server.stats.byOperation.MoreLabels?.requests).toBe(1);
  });

  it('listing an organisation', async () => {
    const s = await setup('stuck-owner', { repos: '      - github: acme/*\n' });
    s.server.failNext({ kind: 'stuck-cursor', operation: 'OrganizationRepositories' }, 500);
    const summary = await s.run({ projects: ['Acme'] });
    expect(summary.errors).toContain('github: acme/*: failed: acme/* repositories: GitHub gave the cursor of an earlier page again; stopping rather than reading the same page again');
    expect(s.server.stats.byOperation.OrganizationRepositories?.requests).toBeLessThanOrEqual(2);
  });
});

describe('Cursors', () => {
  it('stops after twice the pages a connection of known size needs, and after a fixed number otherwise', () => {
    const known = new Cursors('acme/widgets releases', { total: 250, pageSize: 100 });
    const page = (n: number) => ({ hasNextPage: true, endCursor: `c${n}` });
    for (let n = 1; n < 16; n++) expect(known.next(page(n))).toBe(`c${n}`);
    expect(() => known.next(page(16))).toThrow('acme/widgets releases: GitHub still had more after 16 pages, the most cdstats reads for 250 items at 100 a page; stopping');
    const unknown = new Cursors('acme/* repositories');
    for (let n = 1; n < UNKNOWN_SIZE_PAGES; n++) unknown.next(page(n));
    expect(() => unknown.next(page(UNKNOWN_SIZE_PAGES))).toThrow(`acme/* repositories: GitHub still had more after ${UNKNOWN_SIZE_PAGES} pages, the most cdstats reads; stopping`);
  });

  it('refuses the cursor a resumed reading started after', () => {
    expect(() => new Cursors('acme/widgets stargazers', undefined, 'c1').next({ hasNextPage: true, endCursor: 'c1' })).toThrow('GitHub gave the cursor of an earlier page again');
  });
});

describe('requests per repository', () => {
  it('are capped at what the counted items could need, with a line saying so when hit', async () => {
    const probe = { latestPullRequest: { totalCount: 490 }, latestIssue: { totalCount: 74 }, latestRelease: { totalCount: 0 }, stargazerCount: 250 };
    // Plus a page of inline review comments (REST) per pull request.
    expect(requestCeiling(probe as Parameters<typeof requestCeiling>[0])).toBe(10 * (10 + 1 + 0 + 3) + 490 + 10 + UNKNOWN_SIZE_PAGES + 100);
    const server = await startGitHubServer({ fixture: buildWorld().fixture, token: TOKEN });
    try {
      const client = new GitHubClient({ url: server.url, token: TOKEN, log: silentLog, concurrency: 1 });
      client.limitRequests('acme/widgets', 2, 'its 1 pull request');
      const probeWidgets = () => client.query(PROBE, { owner: 'acme', name: 'widgets' }, 'acme/widgets');
      await probeWidgets();
      await probeWidgets();
      await expect(probeWidgets()).rejects.toThrow('Probe for acme/widgets: 2 requests sent for this repository in this run, the most its 1 pull request could need; stopping');
      expect(server.stats.requests).toBe(2);
    } finally {
      await server.close();
    }
  });
});
