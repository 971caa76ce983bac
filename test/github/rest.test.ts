import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubServer } from './server.js';
import type { GitHubServer } from './server.js';
import { sampleFixture } from './sample.js';
import type { Sample } from './sample.js';

const TOKEN = 'test-token-not-a-secret';

let sample: Sample;
let server: GitHubServer;

beforeEach(async () => {
  sample = sampleFixture();
  server = await startGitHubServer({ fixture: sample.fixture, token: TOKEN, rest: { limit: 10 } });
});
afterEach(() => server.close());

async function get(path: string, token: string | null = TOKEN): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: token === null ? {} : { authorization: `bearer ${token}` } });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

type Comment = { id: number; node_id: string; user: { login: string; type: string; id: number }; created_at: string; updated_at: string; pull_request_url: string; in_reply_to_id?: number };

describe('fake GitHub: REST inline review comments', () => {
  it('lists a repository\'s inline comments with the pull request, bots as login[bot], the ghost for a deleted account', async () => {
    const { fixture, prs, review } = sample;
    const bot = fixture.bot('copilot-pull-request-reviewer');
    const draft = prs[1];
    if (!draft) throw new Error('no draft');
    const second = fixture.addReview(draft, { author: bot });
    fixture.addReviewComment(draft, second, { author: bot });
    fixture.addReviewComment(draft, second, { author: null });
    const { status, body, headers } = await get('/repos/acme/widgets/pulls/comments?sort=created&direction=asc&per_page=100');
    expect(status).toBe(200);
    expect(headers.get('link')).toBeNull();
    const comments = body as Comment[];
    expect(comments.map((c) => [c.node_id, c.user.login, c.user.type, c.pull_request_url.replace(server.baseUrl, '')])).toEqual([
      [review.comments[0]?.id, 'grace', 'User', '/repos/acme/widgets/pulls/1'],
      [review.comments[1]?.id, 'ada', 'User', '/repos/acme/widgets/pulls/1'],
      [second.comments[0]?.id, 'copilot-pull-request-reviewer[bot]', 'Bot', '/repos/acme/widgets/pulls/2'],
      [second.comments[1]?.id, 'ghost', 'User', '/repos/acme/widgets/pulls/2'],
    ]);
    expect(comments[1]).toMatchObject({ in_reply_to_id: comments[0]?.id, created_at: review.comments[1]?.createdAt, updated_at: review.comments[1]?.updatedAt });
    expect(comments[3]?.user.id).toBe(10137);
  });

  it('pages with Link (per_page at most 100), filters by since (updated at or after), sorts by update', async () => {
    const { fixture, prs } = sample;
    const busy = prs[3];
    if (!busy) throw new Error('no busy');
    const review = fixture.addReview(busy, { author: 'ada' });
    for (let i = 0; i < 150; i++) fixture.addReviewComment(busy, review, { author: 'grace' });
    const first = await get('/repos/acme/widgets/pulls/comments?sort=updated&direction=asc&per_page=500');
    expect((first.body as Comment[]).length).toBe(100);
    const link = first.headers.get('link') ?? '';
    expect(link).toContain('rel="next"');
    expect(link).toMatch(/page=2>; rel="next"/);
    expect(link).toMatch(/page=2>; rel="last"/);
    const second = await get('/repos/acme/widgets/pulls/comments?sort=updated&direction=asc&per_page=500&page=2');
    expect((second.body as Comment[]).length).toBe(52);
    expect(second.headers.get('link')).toMatch(/rel="first".*rel="prev"/);
    expect(second.headers.get('link')).not.toContain('rel="next"');
    const all = [...(first.body as Comment[]), ...(second.body as Comment[])];
    const cut = all[120]?.updated_at ?? '';
    const since = await get(`/repos/acme/widgets/pulls/comments?sort=updated&direction=asc&per_page=100&since=${cut}`);
    expect((since.body as Comment[]).map((c) => c.id)).toEqual(all.filter((c) => c.updated_at >= cut).map((c) => c.id));
    expect((await get('/repos/acme/widgets/pulls/comments?per_page=100')).body).toHaveLength(100);
    expect((await get('/repos/acme/widgets/pulls/comments')).body).toHaveLength(30);
    expect((await get('/repos/acme/widgets/pulls/comments?since=yesterday')).status).toBe(422);
  });

  it('lists one pull request\'s inline comments; 404 for an unknown pull request or repository; GHES\'s /api/v3 too', async () => {
    const { review } = sample;
    const one = await get('/repos/acme/widgets/pulls/1/comments?per_page=100');
    expect((one.body as Comment[]).map((c) => c.node_id)).toEqual(review.comments.map((c) => c.id));
    expect((await get('/api/v3/repos/acme/widgets/pulls/1/comments')).body).toEqual(one.body);
    expect((await get('/repos/acme/widgets/pulls/2/comments')).body).toEqual([]);
    expect(await get('/repos/acme/widgets/pulls/99/comments')).toMatchObject({ status: 404, body: { message: 'Not Found' } });
    expect(await get('/repos/acme/nope/pulls/comments')).toMatchObject({ status: 404 });
  });

  it('charges REST\'s own budget, one request each, with core rate-limit headers; 403 with none left; 401 without the token', async () => {
    const ok = await get('/repos/acme/widgets/pulls/1/comments');
    expect(Object.fromEntries(['limit', 'remaining', 'used', 'resource'].map((h) => [h, ok.headers.get(`x-ratelimit-${h}`)]))).toEqual({ limit: '10', remaining: '9', used: '1', resource: 'core' });
    expect(Number(ok.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(server.rateLimit.used).toBe(0);
    server.setRestRateLimit({ remaining: 0 });
    const spent = await get('/repos/acme/widgets/pulls/1/comments');
    expect(spent).toMatchObject({ status: 403, body: { message: expect.stringContaining('API rate limit exceeded') } });
    expect(spent.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await get('/repos/acme/widgets/pulls/1/comments', 'wrong')).toMatchObject({ status: 401, body: { message: 'Bad credentials' } });
    expect(await get('/repos/acme/widgets/pulls/1/comments', null)).toMatchObject({ status: 401 });
    expect(server.stats.byOperation['REST /repos/{owner}/{repo}/pulls/{number}/comments']).toEqual({ requests: 2, points: 0 });
  });

  it('fails REST requests on demand: secondary limits with retry-after, gateway errors, stuck pages', async () => {
    const operation = 'REST /repos/{owner}/{repo}/pulls/comments';
    server.failNext({ kind: 'secondary', retryAfter: 7, operation });
    const secondary = await get('/repos/acme/widgets/pulls/comments');
    expect(secondary).toMatchObject({ status: 403, body: { message: expect.stringContaining('secondary rate limit') } });
    expect(secondary.headers.get('retry-after')).toBe('7');
    server.failNext({ kind: 'status', status: 502, json: true, operation });
    expect((await get('/repos/acme/widgets/pulls/comments')).status).toBe(502);
    server.failNext({ kind: 'stuck-cursor', operation });
    expect((await get('/repos/acme/widgets/pulls/comments?page=3')).headers.get('link')).toMatch(/page=3>; rel="next"/);
    expect(server.requests.map((r) => [r.operation, r.status, r.fault])).toEqual([[operation, 403, 'secondary'], [operation, 502, 'status'], [operation, 200, 'stuck-cursor']]);
  });
});
