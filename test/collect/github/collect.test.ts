import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PULL_REQUEST_PAGE } from '../../../src/collect/github/queries.js';
import { dumpHistory, queryDb } from '../../helpers/db.js';
import { TestRepo } from '../../helpers/git.js';
import { counts, expectedCounts, TOKEN, TOKEN_ENV, useGitHubWorld } from './harness.js';

const { setup, dir, clone } = useGitHubWorld();

describe('GitHub collector against a local GitHub', () => {
  it('collects everything, following nested pages, within the point budget', async () => {
    const s = await setup('cold');
    const summary = await s.run();
    expect(summary.reposFailed).toBe(0);
    expect(await counts(s.db)).toEqual(expectedCounts(s.expected));
    expect(await queryDb(s.db, "SELECT DISTINCT status FROM coverage")).toEqual([{ status: 'collected' }]);
    const [busiest] = await queryDb(s.db, "SELECT len(labels) AS labels, author_login, merged_by, state FROM pull_requests WHERE title = 'The busiest'");
    expect(busiest).toEqual({ labels: 105, author_login: 'ada', merged_by: 'grace', state: 'MERGED' });
    const bots = await queryDb(s.db, 'SELECT DISTINCT author_login, author_is_bot FROM pull_requests ORDER BY 1');
    expect(bots).toEqual([
      { author_login: 'ada', author_is_bot: false },
      { author_login: 'grace', author_is_bot: false },
      { author_login: 'renovate', author_is_bot: true },
    ]);
    expect(await queryDb(s.db, "SELECT count(*) AS n FROM comments WHERE author_login IS NULL AND kind = 'pr_comment'")).toEqual([{ n: 60 }]);
    expect(await queryDb(s.db, 'SELECT stars, forks, watchers FROM repo_stats')).toEqual([{ stars: 130, forks: 7, watchers: 3 }]);
    // 230 pull requests: 5 pages of 49 at 1 point, plus follow-ups for the busiest one (labels,
    // reviews and comments past 100); inline comments come over REST, for no point.
    const prPoints = ['PullRequests', 'MoreLabels', 'MoreReviews', 'MoreComments'].reduce(
      (n, op) => n + (s.server.stats.byOperation[op]?.points ?? 0),
      0,
    );
    expect(prPoints).toBeLessThanOrEqual((40 * s.expected.pullRequests) / 1000 + 8);
    expect(summary.githubPoints).toBe(s.server.stats.points);
    expect(summary.githubRestRequests).toBe(s.server.stats.byOperation['REST /repos/{owner}/{repo}/pulls/comments']?.requests);
    expect(s.lines.join('\n')).not.toContain(TOKEN);
  });

  it('re-collects nothing when nothing changed, for at most 3 points', async () => {
    const s = await setup('noop');
    await s.run();
    s.server.resetStats();
    const again = await s.run();
    expect(again.github[0]?.message).toBe('acme/widgets: GitHub: 0 pull requests, 0 issues updated');
    expect(s.server.stats.points).toBeLessThanOrEqual(3);
  });

  it('picks up edits and new items without duplicates', async () => {
    const s = await setup('incremental');
    await s.run();
    const fx = s.world.fixture;
    fx.advance(3600);
    fx.touchPullRequest('acme/widgets', 10, { title: 'Renamed in place' });
    const fresh = fx.addPullRequest('acme/widgets', { title: 'Brand new', author: 'ada' });
    fx.addComment(fresh, { author: 'grace' });
    fx.touchIssue('acme/widgets', 240, { state: 'CLOSED', stateReason: 'COMPLETED' });
    fx.addIssue('acme/widgets', { title: 'New issue', author: 'ada' });
    fx.addRelease('acme/widgets', 'v2.0.0', { author: 'ada' });
    s.server.resetStats();
    const summary = await s.run();
    // The two changed of each, and the newest one of the last run, read again in the 5-minute overlap.
    expect(summary.github[0]).toMatchObject({ pullRequests: 3, issues: 3 });
    expect(await counts(s.db)).toEqual(expectedCounts({ ...s.expected, pullRequests: s.expected.pullRequests + 1, issues: s.expected.issues + 1, prComments: s.expected.prComments + 1, releases: 4 }));
    expect(await queryDb(s.db, 'SELECT title FROM pull_requests WHERE number = 10')).toEqual([{ title: 'Renamed in place' }]);
    expect(await queryDb(s.db, 'SELECT state, state_reason FROM issues WHERE number = 240')).toEqual([{ state: 'CLOSED', state_reason: 'COMPLETED' }]);
    expect(s.server.stats.points).toBeLessThanOrEqual(8);
  });

  it('--full removes what GitHub no longer returns', async () => {
    const s = await setup('full');
    await s.run();
    // Issue #234 is the fourth issue of buildWorld (numbers follow the 230 pull requests): 3 comments.
    s.world.fixture.deleteIssue('acme/widgets', 234);
    const plain = await s.run();
    expect(plain.github[0]?.message).toBe('acme/widgets: GitHub: 0 pull requests, 0 issues updated');
    expect(await queryDb(s.db, 'SELECT count(*) AS n FROM issues WHERE number = 234')).toEqual([{ n: 1 }]);
    const full = await s.run({ full: true });
    expect(full.github[0]?.message).toContain('1 removed (no longer on GitHub)');
    expect(await queryDb(s.db, "SELECT count(*) AS n FROM comments WHERE parent_number = 234")).toEqual([{ n: 0 }]);
    expect(await counts(s.db)).toEqual(expectedCounts({ ...s.expected, issues: s.expected.issues - 1, issueComments: s.expected.issueComments - 3 }));
  });
});

describe('faults', () => {
  it('waits out secondary limits, retries 502s with a smaller page, partial errors and dropped connections', async () => {
    const s = await setup('faults');
    s.server.failNext({ kind: 'secondary', retryAfter: 7, operation: 'PullRequests' });
    s.server.failNext({ kind: 'status', status: 502, operation: 'PullRequests', skip: 1 });
    s.server.failNext({ kind: 'partial', operation: 'Issues' });
    s.server.failNext({ kind: 'drop', operation: 'Releases' });
    s.server.failNext({ kind: 'status', status: 504, json: true, operation: 'Stargazers' });
    const summary = await s.run();
    expect(summary.reposFailed).toBe(0);
    expect(s.server.pendingFaults).toBe(0);
    expect(await counts(s.db)).toEqual(expectedCounts(s.expected));
    expect(s.waits[0]).toBe(7000);
    const firsts = s.server.requests.filter((r) => r.operation === 'PullRequests' && r.status === 200).map((r) => r.variables.first);
    expect(firsts).toContain(Math.floor(PULL_REQUEST_PAGE / 2));
    expect(s.lines.some((l) => l.includes('secondary rate limit'))).toBe(true);
  });

  it('waits for the reset when the budget runs out, saying until when', async () => {
    const s = await setup('budget', { server: { limit: 12, resetIn: 3600 } });
    const summary = await s.run();
    expect(summary.reposFailed).toBe(0);
    expect(await counts(s.db)).toEqual(expectedCounts(s.expected));
    expect(s.lines.some((l) => /GitHub API points used up .*waiting until \d\d:\d\d:\d\d UTC/.test(l))).toBe(true);
    expect(s.waits.some((ms) => ms > 3_000_000)).toBe(true);
  });

  it('a RATE_LIMITED answer waits for the reset and retries', async () => {
    const s = await setup('ratelimited');
    s.server.failNext({ kind: 'rate-limited', operation: 'Issues' });
    const summary = await s.run();
    expect(summary.reposFailed).toBe(0);
    expect(await counts(s.db)).toEqual(expectedCounts(s.expected));
  });

  it('a failure mid-crawl keeps the pages stored; the next run resumes at the failed page', async () => {
    const s = await setup('resume');
    s.server.failNext({ kind: 'status', status: 502, operation: 'PullRequests', skip: 2 }, 20);
    const first = await s.run();
    expect(first.reposFailed).toBe(1);
    expect(first.errors[0]).toMatch(/acme\/widgets: GitHub: failed: PullRequests for acme\/widgets: gave up after 8 attempts: HTTP 502/);
    const [state] = await queryDb(s.db, "SELECT cursor IS NOT NULL AS resumable FROM sync_state WHERE source = 'github_pull_requests'");
    expect(state).toEqual({ resumable: true });
    expect(await queryDb(s.db, "SELECT status FROM coverage WHERE source = 'github_pull_requests'")).toEqual([{ status: 'in progress' }]);
    const stored = Number((await queryDb(s.db, 'SELECT count(*) AS n FROM pull_requests'))[0]?.n);
    expect(stored).toBe(2 * PULL_REQUEST_PAGE);
    s.server.clearFaults();
    s.server.resetStats();
    const second = await s.run();
    expect(second.reposFailed).toBe(0);
    expect(await queryDb(s.db, 'SELECT source FROM sync_state WHERE last_error IS NOT NULL')).toEqual([]);
    // Only the pages not stored yet are asked again.
    expect(s.server.stats.byOperation.PullRequests?.requests).toBe(Math.ceil((s.expected.pullRequests - 2 * PULL_REQUEST_PAGE) / PULL_REQUEST_PAGE));
    expect(await counts(s.db)).toEqual(expectedCounts(s.expected));
  });

  it('names a repository that does not exist and goes on with the others', async () => {
    const other = await TestRepo.create(path.join(dir(), 'tools-clone'));
    await other.commit({ message: 'tools' });
    const s = await setup('missing', { repos: `      - github: acme/widgets\n        clone: ${clone().dir}\n      - github: acme/nope\n        clone: ${other.dir}\n` });
    const summary = await s.run();
    expect(summary.reposFailed).toBe(1);
    expect(summary.errors).toEqual([
      "acme/nope: GitHub: failed: Probe for acme/nope: Could not resolve to a Repository with the name 'acme/nope'.",
    ]);
    expect(await counts(s.db)).toEqual(expectedCounts(s.expected));
  });
});

describe('without a token, and with owner/*', () => {
  it('says once that a token is needed, collects git, records GitHub as not collected', async () => {
    const s = await setup('notoken');
    const saved = process.env[TOKEN_ENV];
    Reflect.deleteProperty(process.env, TOKEN_ENV);
    try {
      const summary = await s.run();
      expect(summary.reposFailed).toBe(0);
      expect(summary.commitsAdded).toBe(1);
      expect(s.lines.filter((l) => l.includes('no GitHub token'))).toEqual([
        `no GitHub token: set ${TOKEN_ENV} to collect pull requests, issues, reviews, releases and stars; collecting git history only`,
      ]);
      expect(s.server.stats.requests).toBe(0);
      expect(await queryDb(s.db, "SELECT source, status FROM coverage ORDER BY source")).toEqual([
        { source: 'git', status: 'collected' },
        { source: 'git_tags', status: 'collected' },
        ...['github_commit_logins', 'github_issues', 'github_pull_requests', 'github_releases', 'github_stargazers'].map((source) => ({ source, status: 'not collected' })),
      ]);
      const states = await queryDb(s.db, "SELECT source, last_error FROM sync_state WHERE source LIKE 'github%' ORDER BY source");
      expect(states.map((r) => r.source)).toEqual(['github_commit_logins', 'github_issues', 'github_pull_requests', 'github_releases', 'github_stargazers']);
      for (const r of states) expect(String(r.last_error)).toMatch(/^not collected: no GitHub token/);
    } finally {
      process.env[TOKEN_ENV] = saved;
    }
  });

  it('lists an organisation, skipping archived repositories, forks and excluded names', async () => {
    const s = await setup('owner', { repos: '      - github: acme/*\n        exclude: ["*-archive"]\n' });
    const summary = await s.run({ projects: ['Acme'] });
    const names = (await queryDb(s.db, 'SELECT name FROM repos ORDER BY name')).map((r) => r.name);
    expect(names).toEqual(['acme/tools', 'acme/widgets']);
    // Their clone URLs point at github.com, which this machine cannot reach: git fails, GitHub data is stored.
    expect(summary.results.every((r) => !r.ok)).toBe(true);
    expect(await counts(s.db)).toEqual(expectedCounts(s.expected));
  });

  it('never writes the token to the database', async () => {
    const s = await setup('secret');
    await s.run();
    const dump = JSON.stringify(await dumpHistory(s.db)) + JSON.stringify(await queryDb(s.db, 'SELECT * FROM sync_state')) + JSON.stringify(await queryDb(s.db, 'SELECT * FROM runs'));
    expect(dump).not.toContain(TOKEN);
  });
});
