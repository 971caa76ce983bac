/**
 * A small GitHub world for the server's own tests: organization `acme` with `acme/widgets`
 * (pull requests, issues, reviews, comments, labels, releases, stars, commits) and a few more
 * repositories to list.
 */
import { GitHubFixture } from './fixture.js';
import type { FxIssue, FxPullRequest, FxRepository, FxReview } from './fixture.js';

export interface Sample {
  fixture: GitHubFixture;
  widgets: FxRepository;
  /** #1 merged, labelled, reviewed; #2 open draft; #3 closed; #4 open with 105 comments. */
  prs: FxPullRequest[];
  /** #5 open, labelled, commented; #6 closed as not planned; #7 open. */
  issues: FxIssue[];
  review: FxReview;
}

export function sampleFixture(): Sample {
  const fixture = new GitHubFixture({ start: '2024-03-01T00:00:00Z', step: 60 });
  const ada = fixture.user('ada', { name: 'Ada Lovelace', email: 'ada@example.com' });
  const grace = fixture.user('grace', { name: 'Grace Hopper', email: 'grace@example.com' });
  const dependabot = fixture.bot('dependabot'); // GraphQL's Bot.login has no [bot] suffix (REST's does)

  const widgets = fixture.addRepository('acme/widgets', { forkCount: 4, watchers: 2 });
  fixture.addRepository('acme/zeta');
  fixture.addRepository('acme/Alpha', { isArchived: true });
  fixture.addRepository('acme/forked', { isFork: true });
  fixture.addRepository('acme/empty', { defaultBranch: null });

  const merged = fixture.addPullRequest(widgets, { title: 'Add widgets', author: ada, state: 'MERGED', mergedBy: grace, labels: ['feature', 'good first issue'], additions: 120, deletions: 7, changedFiles: 5 });
  const review = fixture.addReview(merged, { author: grace, state: 'APPROVED' });
  fixture.addReviewComment(merged, review, { author: grace, body: 'nit' });
  fixture.addReviewComment(merged, review, { author: ada, body: 'fixed' });
  fixture.addComment(merged, { author: dependabot, body: 'bump' });
  fixture.addComment(merged, { author: null, body: 'from a deleted account' });
  const draft = fixture.addPullRequest(widgets, { title: 'WIP', author: grace, isDraft: true });
  const closed = fixture.addPullRequest(widgets, { title: 'Bump lodash', author: dependabot, state: 'CLOSED' });
  const busy = fixture.addPullRequest(widgets, { title: 'Busy', author: ada });
  for (let i = 0; i < 105; i++) fixture.addComment(busy, { author: i % 2 ? ada : grace, body: `comment ${i}` });

  const bug = fixture.addIssue(widgets, { title: 'It breaks', author: grace, labels: ['bug'] });
  fixture.addComment(bug, { author: ada, body: 'confirmed' });
  const wontfix = fixture.addIssue(widgets, { title: 'Make it blue', author: null, state: 'CLOSED', stateReason: 'NOT_PLANNED' });
  const later = fixture.addIssue(widgets, { title: 'Docs', author: ada });

  fixture.addRelease(widgets, 'v1.0.0', { author: ada });
  fixture.addRelease(widgets, 'v1.1.0-rc.1', { isPrerelease: true, author: ada });
  fixture.addRelease(widgets, 'v2.0.0', { isDraft: true, author: ada });

  fixture.addStargazer(widgets, grace, '2024-02-01T00:00:00Z');
  fixture.addStargazer(widgets, ada, '2024-01-01T00:00:00Z');

  fixture.addCommit(widgets, { user: ada, message: 'Initial commit' });
  fixture.addCommit(widgets, { user: null, email: 'stranger@example.com', name: 'Stranger', message: 'Drive-by fix' });
  fixture.addCommit(widgets, { user: grace, message: 'Release 1.0' });

  return { fixture, widgets, prs: [merged, draft, closed, busy], issues: [bug, wontfix, later], review };
}
