import { describe, expect, it } from 'vitest';
import { addKubernetesActivity } from '../../github/kubernetes.js';
import { TOKEN, useGitHubWorld } from './harness.js';
import { heldByGitHub, kubernetesWorld, NAME, stored } from './kubernetes-world.js';

const { setup, clone } = useGitHubWorld();

describe('reviews and inline comments of review-heavy pull requests', () => {
  it('stores exactly the reviews and comments GitHub holds, cold and after a day of replies, new pull requests and a deleted inline comment', async () => {
    const world = kubernetesWorld();
    const s = await setup('identical', { world, repos: `      - github: ${NAME}\n        clone: ${clone().dir}\n` });
    expect((await s.run()).reposFailed).toBe(0);
    expect(await stored(s.db)).toEqual(heldByGitHub(world.fixture));

    const fx = world.fixture;
    fx.advance(86_400);
    addKubernetesActivity(fx, NAME, { updated: 40, added: 10 });
    const threaded = fx.repository(NAME)?.pullRequests.find((pr) => pr.reviews.some((r) => r.comments.length > 1));
    const review = threaded?.reviews.find((r) => r.comments.length > 1);
    const gone = review?.comments[0];
    if (!threaded || !review || !gone) throw new Error('no pull request with a thread to delete from');
    fx.deleteReviewComment(review, gone);
    fx.touchPullRequest(NAME, threaded.number);
    const again = await s.run();
    expect(again.reposFailed).toBe(0);
    expect(await stored(s.db)).toEqual(heldByGitHub(fx));
  });

  it('costs at most 40 points per 1,000 pull requests cold and only the pages of the updated ones after, inline comments on REST at 100 a request', async () => {
    const world = kubernetesWorld();
    const s = await setup('budget', { world, repos: `      - github: ${NAME}\n        clone: ${clone().dir}\n` });
    const cold = await s.run();
    const points = (ops: string[]) => ops.reduce((n, op) => n + (s.server.stats.byOperation[op]?.points ?? 0), 0);
    const prOps = ['PullRequests', 'MoreLabels', 'MoreReviews', 'MoreComments'];
    const inline = heldByGitHub(world.fixture).comments.filter((c) => (c as { kind: string }).kind === 'review_comment').length;
    const listing = () => s.server.stats.byOperation['REST /repos/{owner}/{repo}/pulls/comments']?.requests ?? 0;
    const perPullRequest = () => s.server.stats.byOperation['REST /repos/{owner}/{repo}/pulls/{number}/comments']?.requests ?? 0;
    expect(cold.github[0]?.pullRequests).toBe(world.expected.pullRequests);
    expect((points(prOps) * 1000) / world.expected.pullRequests).toBeLessThanOrEqual(40);
    // 100 comments a page, plus the few read again at each page's boundary second.
    expect(listing()).toBeLessThanOrEqual(Math.ceil(inline / 100) + Math.ceil(inline / 1000) + 1);
    expect(perPullRequest()).toBe(0);

    world.fixture.advance(86_400);
    const day = addKubernetesActivity(world.fixture, NAME, { updated: 60, added: 20 });
    s.server.resetStats();
    const warm = await s.run();
    const updated = warm.github[0]?.pullRequests ?? 0;
    expect(updated).toBeGreaterThanOrEqual(day.pullRequests);
    // The pages of the updated pull requests (20, then 49 a page): nothing per review or thread.
    expect(points(['PullRequests'])).toBeLessThanOrEqual(1 + Math.ceil((updated - 20) / 49));
    expect(points(['MoreReviews', 'MoreLabels'])).toBeLessThanOrEqual(1);
    expect(listing()).toBe(0);
    expect(perPullRequest()).toBeLessThanOrEqual(updated);
    expect(JSON.stringify(s.server.requests)).not.toContain(TOKEN);
  });

  it('waits out REST\'s secondary limits and spent budget, retries 502s and dropped connections, and resumes a stopped listing at its page', async () => {
    const world = kubernetesWorld();
    const listing = 'REST /repos/{owner}/{repo}/pulls/comments';
    const s = await setup('rest-faults', { world, repos: `      - github: ${NAME}\n        clone: ${clone().dir}\n`, server: { rest: { limit: 12, resetIn: 600 } } });
    s.server.failNext({ kind: 'secondary', retryAfter: 30, operation: listing });
    s.server.failNext({ kind: 'status', status: 502, operation: listing, skip: 1 });
    s.server.failNext({ kind: 'drop', operation: listing, skip: 2 });
    s.server.failNext({ kind: 'raw', status: 400, body: '{"message":"Problems parsing JSON"}', operation: listing, skip: 14 });
    const stopped = await s.run();
    expect(stopped.reposFailed).toBe(1);
    expect(stopped.errors.join('\n')).toMatch(/REST \/repos\/\{owner\}\/\{repo\}\/pulls\/comments for kube\/kubernetes: HTTP 400: Problems parsing JSON/);
    expect(s.waits).toContain(30_000);
    expect(s.lines.some((l) => /GitHub secondary rate limit on REST \/repos\/\{owner\}\/\{repo\}\/pulls\/comments for kube\/kubernetes: waiting 30 s/.test(l))).toBe(true);
    expect(s.lines.some((l) => /GitHub REST API requests used up \(0 left\): waiting until \d\d:\d\d:\d\d UTC/.test(l))).toBe(true);
    const before = s.server.requests.filter((r) => r.operation === listing && r.status === 200).length;
    s.server.resetStats();
    expect((await s.run()).reposFailed).toBe(0);
    const resumed = s.server.requests.filter((r) => r.operation === listing);
    expect(resumed[0]?.variables.since).toEqual(expect.any(String));
    const inline = heldByGitHub(world.fixture).comments.filter((c) => (c as { kind: string }).kind === 'review_comment').length;
    expect(before + resumed.length).toBeLessThanOrEqual(Math.ceil(inline / 100) + Math.ceil(inline / 1000) + 2);
    expect(await stored(s.db)).toEqual(heldByGitHub(world.fixture));
  });
});

