import { GitHubFixture, type FxPullRequest } from '../../github/fixture.js';

/** What the world holds, counted while it is built (not read back from the server). */
export interface Expected {
  pullRequests: number;
  issues: number;
  reviews: number;
  prComments: number;
  reviewComments: number;
  issueComments: number;
  releases: number;
  stargazers: number;
  labelsOnBusiest: number;
}

/**
 * `acme/widgets` with enough of everything to page: 230 pull requests, 130 issues, a pull
 * request with 105 labels, 105 reviews and a review of 105 inline comments, bots, ghosts.
 */
export function buildWorld(): { fixture: GitHubFixture; expected: Expected; busiest: FxPullRequest } {
  const fixture = new GitHubFixture({ start: '2023-01-01T00:00:00Z', step: 600 });
  const ada = fixture.user('ada', { name: 'Ada Lovelace', email: 'ada@example.org', databaseId: 1001 });
  const grace = fixture.user('grace', { email: 'grace@example.org', databaseId: 1002 });
  const renovate = fixture.bot('renovate');
  const repo = fixture.addRepository('acme/widgets', { forkCount: 7, watchers: 3 });
  fixture.addRepository('acme/tools');
  fixture.addRepository('acme/old-archive');
  fixture.addRepository('acme/legacy', { isArchived: true });
  fixture.addRepository('acme/fork', { isFork: true });
  const expected: Expected = { pullRequests: 0, issues: 0, reviews: 0, prComments: 0, reviewComments: 0, issueComments: 0, releases: 0, stargazers: 0, labelsOnBusiest: 105 };

  const busiest = fixture.addPullRequest(repo, { title: 'The busiest', author: ada, state: 'MERGED', mergedBy: grace });
  expected.pullRequests++;
  for (let i = 0; i < 105; i++) fixture.addLabel(busiest, `label-${i}`);
  for (let i = 0; i < 105; i++) {
    const review = fixture.addReview(busiest, { author: i % 3 ? grace : renovate, state: 'COMMENTED' });
    expected.reviews++;
    if (i === 0) {
      for (let c = 0; c < 105; c++) fixture.addReviewComment(busiest, review, { author: grace });
      expected.reviewComments += 105;
    } else if (i % 10 === 0) {
      fixture.addReviewComment(busiest, review, { author: ada });
      expected.reviewComments++;
    }
  }
  for (let i = 0; i < 120; i++) fixture.addComment(busiest, { author: i % 2 ? ada : null });
  expected.prComments += 120;

  for (let n = 0; n < 229; n++) {
    const state = n % 3 === 0 ? 'MERGED' : n % 3 === 1 ? 'CLOSED' : 'OPEN';
    const pr = fixture.addPullRequest(repo, { title: `Change ${n}`, author: n % 4 === 0 ? renovate : n % 2 ? ada : grace, state, ...(state === 'MERGED' ? { mergedBy: grace } : {}), labels: n % 5 === 0 ? ['bug'] : [] });
    expected.pullRequests++;
    if (n % 2 === 0) {
      const review = fixture.addReview(pr, { author: grace, state: 'APPROVED' });
      expected.reviews++;
      if (n % 8 === 0) {
        fixture.addReviewComment(pr, review, { author: grace });
        expected.reviewComments++;
      }
    }
    if (n % 3 === 0) {
      fixture.addComment(pr, { author: ada });
      expected.prComments++;
    }
  }
  for (let n = 0; n < 130; n++) {
    const issue = fixture.addIssue(repo, { title: `Issue ${n}`, author: n % 7 === 0 ? null : grace, state: n % 2 ? 'CLOSED' : 'OPEN', ...(n % 2 ? { stateReason: n % 4 === 1 ? 'COMPLETED' : 'NOT_PLANNED' } : {}) });
    expected.issues++;
    for (let c = 0; c < n % 4; c++) fixture.addComment(issue, { author: c % 2 ? ada : renovate });
    expected.issueComments += n % 4;
  }
  for (let r = 0; r < 3; r++) fixture.addRelease(repo, `v1.${r}.0`, { author: ada, isPrerelease: r === 2 });
  expected.releases = 3;
  for (let s = 0; s < 130; s++) fixture.addStargazer(repo, fixture.user(`fan-${s}`), new Date(Date.UTC(2023, 0, 1) + s * 86_400_000).toISOString());
  expected.stargazers = 130;
  return { fixture, expected, busiest };
}
