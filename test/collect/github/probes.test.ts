import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE_BATCH } from '../../../src/collect/github/queries.js';
import { GitHubFixture, type FxPullRequest } from '../../github/fixture.js';
import type { RequestRecord } from '../../github/server.js';
import { queryDb } from '../../helpers/db.js';
import { useGitHubWorld, type Setup } from './harness.js';

const { setup } = useGitHubWorld();

const FLEET = 30;
const names = Array.from({ length: FLEET }, (_, i) => `acme/r-${String(i).padStart(2, '0')}`);

/** FLEET small repositories of acme, each with a commit, a pull request with a review, an issue, a release and a star. */
function fleetWorld() {
  const fixture = new GitHubFixture({ start: '2023-01-01T00:00:00Z', step: 60 });
  let busiest: FxPullRequest | undefined;
  for (const name of names) {
    const repo = fixture.addRepository(name);
    fixture.addCommit(repo, { user: 'ada' });
    const pr = fixture.addPullRequest(repo, { author: 'ada' });
    fixture.addReview(pr, { author: 'grace', state: 'APPROVED' });
    fixture.addIssue(repo, { author: 'grace' });
    fixture.addRelease(repo, 'v1.0.0', { author: 'ada' });
    fixture.addStargazer(repo, 'fan');
    busiest ??= pr;
  }
  if (!busiest) throw new Error('no repository');
  const expected = { pullRequests: 0, issues: 0, reviews: 0, prComments: 0, reviewComments: 0, issueComments: 0, releases: 0, stargazers: 0, labelsOnBusiest: 0 };
  return { fixture, expected, busiest };
}

/**
 * A collect of the fleet: each repository listed (`each`) or `acme/*`, with `mirrors:` under a
 * file so that git fails at once for every repository (only GitHub is looked at here).
 */
async function fleet(name: string, how: 'each' | 'owner', extra: string[] = []): Promise<Setup> {
  const repos = how === 'owner' ? ['acme/*'] : names;
  const s = await setup(name, { world: fleetWorld(), repos: [...repos, ...extra].map((r) => `      - github: ${r}\n`).join(''), top: 'mirrors: no-mirrors/m\n' });
  await writeFile(path.join(s.work, 'no-mirrors'), '');
  return s;
}

const points = (requests: readonly RequestRecord[]) => requests.reduce((n, r) => n + r.cost, 0);
const operations = (requests: readonly RequestRecord[]) => [...new Set(requests.map((r) => r.operation))].sort();
/** The repositories whose own data was asked for (crawls and single probes name one with `name`). */
const crawled = (requests: readonly RequestRecord[]) => [...new Set(requests.flatMap((r) => (typeof r.variables.name === 'string' ? [`${String(r.variables.owner)}/${r.variables.name}`] : [])))].sort();
const unchangedLine = (name: string) => `${name}: GitHub: 0 pull requests, 0 issues updated`;

describe('probes of many repositories at once', () => {
  it(`probes ${FLEET} unchanged repositories for ceil(${FLEET}/${PROBE_BATCH}) points, and reads the one that changed`, async () => {
    const s = await fleet('batched', 'each');
    const cold = await s.run();
    expect(cold.github.filter((r) => !r.ok)).toEqual([]);
    expect(s.server.requests.filter((r) => r.operation === 'RepositoryProbes')).toHaveLength(Math.ceil(FLEET / PROBE_BATCH));
    expect(operations(s.server.requests)).not.toContain('Probe');

    s.server.resetStats();
    const noop = await s.run();
    expect(noop.github.map((r) => r.message)).toEqual(names.map(unchangedLine));
    expect(operations(s.server.requests)).toEqual(['RepositoryProbes']);
    expect(points(s.server.requests)).toBeLessThanOrEqual(Math.ceil(FLEET / PROBE_BATCH));
    expect(noop.githubPoints).toBe(points(s.server.requests));

    s.world.fixture.advance(3600);
    s.world.fixture.addComment(s.world.fixture.pullRequest('acme/r-07', 1), { author: 'grace' });
    s.server.resetStats();
    const changed = await s.run();
    expect(changed.github.find((r) => r.name === 'acme/r-07')).toMatchObject({ ok: true, pullRequests: 1 });
    expect(changed.github.filter((r) => r.name !== 'acme/r-07').map((r) => r.message)).toEqual(names.filter((n) => n !== 'acme/r-07').map(unchangedLine));
    expect(crawled(s.server.requests)).toEqual(['acme/r-07']);
    expect(s.server.requests.filter((r) => r.operation === 'RepositoryProbes')).toHaveLength(Math.ceil(FLEET / PROBE_BATCH));
    expect(await queryDb(s.db, "SELECT count(*) AS n FROM comments c JOIN repos r USING (repo_id) WHERE r.name = 'acme/r-07' AND c.kind = 'pr_comment'")).toEqual([{ n: 1 }]);
  });

  it('a repository that does not exist fails alone, with a line naming it; the batch goes on', async () => {
    const s = await fleet('missing', 'each', ['acme/nope']);
    const summary = await s.run();
    expect(summary.github.filter((r) => !r.ok).map((r) => r.message)).toEqual([
      "acme/nope: GitHub: failed: Probe for acme/nope: Could not resolve to a Repository with the name 'acme/nope'.",
    ]);
    expect(summary.github.filter((r) => r.ok)).toHaveLength(FLEET);
    expect(operations(s.server.requests)).not.toContain('Probe');
    expect(s.server.requests.filter((r) => r.operation === 'RepositoryProbes')).toHaveLength(Math.ceil((FLEET + 1) / PROBE_BATCH));
    expect(await queryDb(s.db, "SELECT s.last_error FROM sync_state s JOIN repos r USING (repo_id) WHERE r.name = 'acme/nope' AND s.source = 'github'")).toEqual([
      { last_error: "acme/nope: GitHub: failed: Probe for acme/nope: Could not resolve to a Repository with the name 'acme/nope'." },
    ]);
  });

  it('a renamed repository is read under its new name, with a line saying to update the config', async () => {
    const s = await fleet('renamed', 'each');
    s.world.fixture.renameRepository('acme/r-03', 'r-03-renamed');
    const summary = await s.run();
    expect(summary.github.find((r) => r.name === 'acme/r-03')).toMatchObject({
      ok: true,
      pullRequests: 1,
      message: 'acme/r-03: GitHub: 1 pull request, 1 issue updated, GitHub now calls it acme/r-03-renamed: change `github: acme/r-03` in the config',
    });
  });

  it('a batch GitHub cannot answer leaves its repositories to be probed one by one, with the usual retries', async () => {
    const s = await fleet('unreadable', 'each');
    // Three unreadable answers make the client give up a query: both batches fail as a whole.
    s.server.failNext({ kind: 'raw', status: 200, contentType: 'text/html', body: '<html>unicorn</html>', operation: 'RepositoryProbes' }, 6);
    const summary = await s.run();
    expect(summary.github.filter((r) => !r.ok)).toEqual([]);
    expect(s.server.requests.filter((r) => r.operation === 'Probe')).toHaveLength(FLEET);
    expect(s.lines.filter((l) => l.includes('probing them one by one'))).toHaveLength(2);
  });
});

describe('github: owner/*', () => {
  it('an unchanged repository costs nothing beyond its page of the listing, which carries its probe', async () => {
    const s = await fleet('listing', 'owner', ['acme/r-05']);
    const cold = await s.run();
    expect(cold.github.filter((r) => !r.ok)).toEqual([]);
    expect(cold.github).toHaveLength(FLEET);
    s.server.resetStats();
    const noop = await s.run();
    expect(noop.github.map((r) => r.message).sort()).toEqual(names.map(unchangedLine));
    // 30 repositories, 24 a page: 2 pages of 1 point, and no probe at all.
    expect(operations(s.server.requests)).toEqual(['OrganizationRepositories']);
    expect(s.server.requests.map((r) => r.cost)).toEqual([1, 1]);
  });
});

describe('every kind of change is still noticed', () => {
  const changes: [string, (fx: GitHubFixture, repo: string) => void][] = [
    ['a review', (fx, repo) => fx.addReview(fx.pullRequest(repo, 1), { author: 'ada', state: 'COMMENTED' })],
    ['a comment on a pull request', (fx, repo) => fx.addComment(fx.pullRequest(repo, 1), { author: 'grace' })],
    ['an inline review comment', (fx, repo) => { const pr = fx.pullRequest(repo, 1); const review = pr.reviews[0]; if (review) fx.addReviewComment(pr, review, { author: 'grace' }); }],
    ['a label', (fx, repo) => fx.addLabel(fx.pullRequest(repo, 1), 'bug')],
    ['an edited issue', (fx, repo) => fx.touchIssue(repo, 2, { title: 'Edited' })],
    ['a comment on an issue', (fx, repo) => fx.addComment(fx.issue(repo, 2), { author: 'ada' })],
    ['a star', (fx, repo) => fx.addStargazer(repo, 'newfan')],
    ['a release published', (fx, repo) => fx.addRelease(repo, 'v2.0.0', { author: 'ada' })],
    ['a release edited', (fx, repo) => { const release = fx.repository(repo)?.releases[0]; if (release) Object.assign(release, { name: 'Edited', updatedAt: fx.stamp() }); }],
    ['a commit pushed', (fx, repo) => fx.addCommit(repo, { user: 'grace' })],
  ];
  const SNAPSHOT = `
    SELECT r.name,
      (SELECT count(*) FROM pr_reviews v WHERE v.repo_id = r.repo_id) AS reviews,
      (SELECT count(*) FROM comments c WHERE c.repo_id = r.repo_id AND c.kind = 'pr_comment') AS pr_comments,
      (SELECT count(*) FROM comments c WHERE c.repo_id = r.repo_id AND c.kind = 'review_comment') AS review_comments,
      (SELECT count(*) FROM comments c WHERE c.repo_id = r.repo_id AND c.kind = 'issue_comment') AS issue_comments,
      (SELECT max(len(labels)) FROM pull_requests p WHERE p.repo_id = r.repo_id) AS labels,
      (SELECT max(title) FROM issues i WHERE i.repo_id = r.repo_id) AS issue_title,
      (SELECT count(*) FROM stargazers g WHERE g.repo_id = r.repo_id) AS stars,
      (SELECT string_agg(coalesce(l.name, ''), ',' ORDER BY l.tag) FROM releases l WHERE l.repo_id = r.repo_id) AS releases,
      (SELECT count(*) FROM commit_logins k WHERE k.repo_id = r.repo_id) AS commit_logins
    FROM repos r ORDER BY r.name`;

  it.each(['each', 'owner'] as const)('through the %s probes: a review, comments, a label, an issue edit, a star, releases, a commit', async (how) => {
    const s = await fleet(`kinds-${how}`, how === 'each' ? 'each' : 'owner');
    await s.run();
    const before = await queryDb(s.db, SNAPSHOT);
    s.world.fixture.advance(3600);
    changes.forEach(([, change], i) => change(s.world.fixture, names[i] ?? ''));
    s.server.resetStats();
    const summary = await s.run();
    expect(summary.github.filter((r) => !r.ok)).toEqual([]);
    const after = await queryDb(s.db, SNAPSHOT);
    const differences = after.flatMap((row, i) => {
      const old = before[i] ?? {};
      return Object.entries(row).filter(([key, value]) => old[key] !== value).map(([key, value]) => `${String(row.name)} ${key}: ${String(old[key])} → ${String(value)}`);
    });
    expect(differences).toEqual([
      'acme/r-00 reviews: 1 → 2',
      'acme/r-01 pr_comments: 0 → 1',
      'acme/r-02 review_comments: 0 → 1',
      'acme/r-03 labels: 0 → 1',
      'acme/r-04 issue_title: Issue 2 → Edited',
      'acme/r-05 issue_comments: 0 → 1',
      'acme/r-06 stars: 1 → 2',
      'acme/r-07 releases: v1.0.0 → v1.0.0,v2.0.0',
      'acme/r-08 releases: v1.0.0 → Edited',
      'acme/r-09 commit_logins: 1 → 2',
    ]);
    // The unchanged twenty were asked nothing of their own.
    expect(crawled(s.server.requests)).toEqual(names.slice(0, changes.length));
  });
});
