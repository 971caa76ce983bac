import { describe, expect, it } from 'vitest';
import { GitHubFixture, isoTime } from './fixture.js';

describe('GitHubFixture', () => {
  it('stamps defaults from a controllable clock, distinct and increasing', () => {
    const fixture = new GitHubFixture({ start: '2024-05-01T10:00:00.500Z', step: 30 });
    expect(fixture.now).toBe('2024-05-01T10:00:00Z');
    const repo = fixture.addRepository('acme/one');
    const issue = fixture.addIssue(repo);
    fixture.setTime('2025-01-01T00:00:00Z');
    fixture.advance(3600);
    const pr = fixture.addPullRequest(repo, { createdAt: new Date('2023-01-01T00:00:00Z') });
    const later = fixture.addPullRequest(repo);
    expect([repo.createdAt, issue.createdAt, pr.createdAt, later.createdAt]).toEqual([
      '2024-05-01T10:00:00Z', '2024-05-01T10:00:30Z', '2023-01-01T00:00:00Z', '2025-01-01T01:00:00Z',
    ]);
    expect(() => isoTime('yesterday')).toThrow(/Not a time/);
  });

  it('numbers issues and pull requests in one sequence per repository, with unique opaque ids', () => {
    const fixture = new GitHubFixture();
    const repo = fixture.addRepository('acme/one');
    const other = fixture.addRepository('acme/two');
    const items = [fixture.addIssue(repo), fixture.addPullRequest(repo), fixture.addIssue(other), fixture.addIssue(repo, { number: 10 }), fixture.addPullRequest(repo)];
    expect(items.map((i) => i.number)).toEqual([1, 2, 1, 10, 11]);
    expect(() => fixture.addIssue(repo, { number: 2 })).toThrow(/#2 already exists/);
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^(I|PR)_kw[\w-]+$/.test(id))).toBe(true);
    expect(fixture.node(items[1]?.id ?? '')).toBe(items[1]);
    expect(fixture.repository('ACME/One')).toBe(repo);
  });

  it('keeps GitHub\'s bookkeeping: merged state, comment counts, updatedAt bumps, deletion', () => {
    const fixture = new GitHubFixture({ start: '2024-01-01T00:00:00Z' });
    const repo = fixture.addRepository('acme/one');
    const pr = fixture.addPullRequest(repo, { state: 'MERGED', mergedBy: 'grace' });
    expect(pr).toMatchObject({ merged: true, closedAt: pr.mergedAt, updatedAt: pr.mergedAt, mergedBy: { login: 'grace' }, author: { login: 'octocat' } });
    const review = fixture.addReview(pr, { author: 'grace', createdAt: '2024-02-01T00:00:00Z' });
    fixture.addReviewComment(pr, review);
    fixture.addComment(pr, { author: null, createdAt: '2023-12-31T00:00:00Z' });
    expect(pr.totalCommentsCount).toBe(2);
    expect(pr.updatedAt).toBe('2024-02-01T00:00:00Z');
    fixture.touchPullRequest(repo, pr.number, { title: 'Renamed' }, '2024-03-01T00:00:00Z');
    expect([pr.title, pr.updatedAt]).toEqual(['Renamed', '2024-03-01T00:00:00Z']);
    const issue = fixture.addIssue(repo);
    fixture.addLabel(issue, 'bug', '2024-04-01T00:00:00Z');
    fixture.addLabel(pr, 'bug');
    expect(repo.labels.map((l) => l.name)).toEqual(['bug']);
    expect(issue.updatedAt).toBe('2024-04-01T00:00:00Z');
    fixture.touchIssue(repo, issue.number, { state: 'CLOSED' }, '2024-05-01T00:00:00Z');
    expect(issue).toMatchObject({ state: 'CLOSED', stateReason: 'COMPLETED', closedAt: '2024-05-01T00:00:00Z' });
    const comment = fixture.addComment(issue);
    fixture.deleteIssue(repo, issue.number);
    expect(repo.issues).toEqual([]);
    expect([fixture.node(issue.id), fixture.node(comment.id)]).toEqual([undefined, undefined]);
    expect(() => fixture.issue(repo, issue.number)).toThrow(/No issue/);
  });

  it('models stars, watchers, the default branch and owners', () => {
    const fixture = new GitHubFixture();
    const user = fixture.user('ada');
    const repo = fixture.addRepository('ada/tool', { ownerType: 'User', watchers: 3, stargazerCount: 1000 });
    fixture.addStargazer(repo, user);
    expect([repo.stargazerCount, repo.watchers.length, repo.owner]).toEqual([1000, 3, user]);
    repo.stargazerCountOverride = null;
    expect(repo.stargazerCount).toBe(1);
    expect(repo.defaultBranchRef).toMatchObject({ name: 'main', target: null });
    const first = fixture.addCommit(repo, { user: 'ada' });
    const second = fixture.addCommit(repo, { user: null, email: 'x@example.com' });
    expect(repo.defaultBranchRef?.target).toBe(second);
    expect(second.history).toEqual([second, first]);
    expect(first.author).toMatchObject({ email: 'ada@users.noreply.github.com', user });
    expect(() => fixture.organization('ada')).toThrow(/is a user/);
    expect(fixture.owner('ADA')?.repositories).toEqual([repo]);
  });
});
