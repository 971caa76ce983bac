/**
 * GitHub's REST API as far as cdstats reads it, served from the same fixture as GraphQL:
 * inline review comments of a repository (`GET /repos/{owner}/{repo}/pulls/comments` with
 * `sort`, `direction`, `since`, `per_page`, `page`) and of one pull request
 * (`GET /repos/{owner}/{repo}/pulls/{number}/comments`), under `/` as on api.github.com and
 * under `/api/v3` as on GitHub Enterprise Server. As GitHub answers: `Link` pagination
 * (`per_page` at most 100, 30 by default), bots as `login[bot]` of type `Bot`, a deleted
 * account as the user `ghost`, 404 for an unknown repository or pull request, 422 for a
 * `since` that is not a time. The budget (one request each, `x-ratelimit-*` headers of
 * resource `core`) and faults are the server's (server.ts).
 */
import type { GitHubFixture } from './fixture.js';
import type { FxActor, FxPullRequest, FxRepository, FxReview, FxReviewComment } from './fixture-types.js';

export const REST_DOCS = 'https://docs.github.com/rest';

/** A REST request the server knows, by its operation name (as faults and stats name it). */
export interface RestRoute {
  operation: string;
  owner: string;
  repo: string;
  /** The pull request, for its own comments. */
  number?: number;
}

export interface RestReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const REPO = '/repos/{owner}/{repo}';

/** The route of a GET to `pathname`, or undefined when the server does not serve it. */
export function restRoute(pathname: string): RestRoute | undefined {
  const path = pathname.replace(/^\/api\/v3(?=\/)/, '');
  const all = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/comments$/.exec(path);
  if (all) return { operation: `REST ${REPO}/pulls/comments`, owner: decodeURIComponent(all[1] ?? ''), repo: decodeURIComponent(all[2] ?? '') };
  const one = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/comments$/.exec(path);
  if (one) return { operation: `REST ${REPO}/pulls/{number}/comments`, owner: decodeURIComponent(one[1] ?? ''), repo: decodeURIComponent(one[2] ?? ''), number: Number(one[3]) };
  return undefined;
}

export function notFound(): RestReply {
  return { status: 404, body: { message: 'Not Found', documentation_url: REST_DOCS, status: '404' } };
}

/** Runs a REST request on the fixture. `url` is the request's (its origin names the API in links). */
export function restReply(fixture: GitHubFixture, route: RestRoute, url: URL, stuck = false): RestReply {
  const repo = fixture.repository(`${route.owner}/${route.repo}`);
  if (!repo) return notFound();
  const params = url.searchParams;
  const since = params.get('since');
  if (since !== null && Number.isNaN(Date.parse(since))) {
    return { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'PullRequestReviewComment', field: 'since', code: 'invalid' }], documentation_url: REST_DOCS, status: '422' } };
  }
  let items: { pr: FxPullRequest; review: FxReview; comment: FxReviewComment }[];
  if (route.number === undefined) {
    items = repo.pullRequests.flatMap((pr) => inline(pr));
  } else {
    const pr = repo.pullRequests.find((p) => p.number === route.number);
    if (!pr) return notFound();
    items = inline(pr);
  }
  const field = params.get('sort') === 'updated' ? 'updatedAt' : 'createdAt';
  const direction = params.get('sort') !== null && params.get('direction') === 'desc' ? -1 : 1;
  const from = since === null ? -Infinity : Date.parse(since);
  // Times parsed once per item, not per comparison: the bench lists some 70,000 comments hundreds of times.
  items = items
    .map((i) => ({ ...i, at: Date.parse(i.comment[field]), updated: Date.parse(i.comment.updatedAt) }))
    .filter((i) => i.updated >= from)
    .sort((a, b) => direction * (a.at - b.at || a.comment.databaseId - b.comment.databaseId));
  const perPage = Math.min(100, Math.max(1, Number(params.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const body = items.slice((page - 1) * perPage, page * perPage).map((i) => restComment(url.origin, repo, i.pr, i.review, i.comment));
  const link = (p: number, rel: string) => {
    const target = new URL(url);
    target.searchParams.set('page', String(p));
    return `<${target.toString()}>; rel="${rel}"`;
  };
  const links = [...(page < last || stuck ? [link(stuck ? page : page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : [])];
  return { status: 200, body, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}

function inline(pr: FxPullRequest): { pr: FxPullRequest; review: FxReview; comment: FxReviewComment }[] {
  return pr.reviews.flatMap((review) => review.comments.map((comment) => ({ pr, review, comment })));
}

/** An account as REST shows it. */
export function restUser(actor: FxActor | null): Record<string, unknown> {
  if (!actor) return { login: 'ghost', id: 10137, node_id: 'MDQ6VXNlcjEwMTM3', type: 'User', site_admin: false };
  const login = actor.__typename === 'Bot' ? `${actor.login}[bot]` : actor.login;
  return { login, id: actor.databaseId, node_id: actor.id, type: actor.__typename, site_admin: false };
}

function restComment(origin: string, repo: FxRepository, pr: FxPullRequest, review: FxReview, comment: FxReviewComment): Record<string, unknown> {
  const api = `${origin}/repos/${repo.nameWithOwner}`;
  const html = `https://github.com/${repo.nameWithOwner}/pull/${pr.number}`;
  const first = review.comments[0];
  return {
    url: `${api}/pulls/comments/${comment.databaseId}`,
    pull_request_review_id: review.databaseId,
    id: comment.databaseId,
    node_id: comment.id,
    diff_hunk: '@@ -1,3 +1,4 @@',
    path: comment.path,
    user: restUser(comment.author),
    body: comment.body,
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    html_url: `${html}#discussion_r${comment.databaseId}`,
    pull_request_url: `${api}/pulls/${pr.number}`,
    author_association: 'CONTRIBUTOR',
    _links: { self: { href: `${api}/pulls/comments/${comment.databaseId}` }, html: { href: `${html}#discussion_r${comment.databaseId}` }, pull_request: { href: `${api}/pulls/${pr.number}` } },
    ...(first && first !== comment ? { in_reply_to_id: first.databaseId } : {}),
  };
}
