import { graphql } from '@octokit/graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Q from '../../src/collect/github/queries.js';
import { startGitHubServer } from './server.js';
import type { GitHubServer } from './server.js';
import { sampleFixture } from './sample.js';
import type { Sample } from './sample.js';

const TOKEN = 'test-token-not-a-secret';
const repo = { owner: 'acme', name: 'widgets' };

interface PageInfo { hasNextPage: boolean; hasPreviousPage?: boolean; endCursor: string | null; startCursor?: string | null }
interface Page<T> { totalCount?: number; pageInfo: PageInfo; nodes: T[] }
interface Numbered { number: number; title: string; updatedAt: string }

let sample: Sample;
let server: GitHubServer;
let gh: typeof graphql;

beforeEach(async () => {
  sample = sampleFixture();
  server = await startGitHubServer({ fixture: sample.fixture, token: TOKEN });
  gh = graphql.defaults({ baseUrl: server.baseUrl, headers: { authorization: `token ${TOKEN}` } });
});
afterEach(() => server.close());

async function repository<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  return (await gh<{ repository: T }>(query, { ...repo, ...variables })).repository;
}

/** Follows `after` cursors until the last page; returns the numbers of the items, in order. */
async function allNumbers(query: string, field: 'pullRequests' | 'issues', variables: Record<string, unknown>): Promise<number[][]> {
  const pages: number[][] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<Numbered> = (await repository<Record<string, Page<Numbered>>>(query, { ...variables, after }))[field] as Page<Numbered>;
    pages.push(page.nodes.map((n) => n.number));
    if (!page.pageInfo.hasNextPage) return pages;
    after = page.pageInfo.endCursor;
  }
}

describe('fake GitHub: the collector\'s documents', () => {
  it('PROBE: counters, branch head and latest updates', async () => {
    const { fixture, widgets, prs, issues } = sample;
    const result = await gh(Q.PROBE, repo);
    expect(result).toEqual({
      rateLimit: { cost: 1, remaining: 4999, resetAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), limit: 5000 },
      repository: {
        nameWithOwner: 'acme/widgets', stargazerCount: 2, forkCount: 4,
        defaultBranchRef: { name: 'main', target: { oid: widgets.commits[0]?.oid } },
        watchers: { totalCount: 2 },
        openIssues: { totalCount: 2 },
        openPullRequests: { totalCount: 2 },
        latestPullRequest: { totalCount: 4, nodes: [{ updatedAt: prs[3]?.updatedAt }] },
        latestIssue: { totalCount: 3, nodes: [{ updatedAt: issues[2]?.updatedAt }] },
        latestRelease: { totalCount: 3, nodes: [{ createdAt: widgets.releases[2]?.createdAt, updatedAt: widgets.releases[2]?.updatedAt }] },
      },
    });
    expect(fixture.node(widgets.id)).toBe(widgets);
  });

  it('an unknown repository is null with a NOT_FOUND error, as on GitHub', async () => {
    const response = await fetch(server.url, {
      method: 'POST', headers: { authorization: `bearer ${TOKEN}` },
      body: JSON.stringify({ query: Q.PROBE, variables: { owner: 'acme', name: 'nope' } }),
    });
    expect(response.status).toBe(200);
    const body = await response.json() as { data: Record<string, unknown>; errors: unknown[] };
    expect(body.data.repository).toBeNull();
    expect(body.errors).toEqual([{
      type: 'NOT_FOUND', path: ['repository'], locations: [{ line: 3, column: 3 }],
      message: 'Could not resolve to a Repository with the name \'acme/nope\'.',
    }]);
  });

  it('ORGANIZATION_REPOSITORIES: non-forks by name, paginated', async () => {
    const result = await gh<{ repositoryOwner: { repositories: Page<{ nameWithOwner: string; isArchived: boolean; isFork: boolean }> } }>(Q.ORGANIZATION_REPOSITORIES, { login: 'ACME', first: 24 });
    expect(result.repositoryOwner.repositories.nodes.map(({ nameWithOwner, isArchived, isFork }) => ({ nameWithOwner, isArchived, isFork }))).toEqual([
      { nameWithOwner: 'acme/Alpha', isArchived: true, isFork: false },
      { nameWithOwner: 'acme/empty', isArchived: false, isFork: false },
      { nameWithOwner: 'acme/widgets', isArchived: false, isFork: false },
      { nameWithOwner: 'acme/zeta', isArchived: false, isFork: false },
    ]);
    expect(result.repositoryOwner.repositories.pageInfo.hasNextPage).toBe(false);
    expect(result.repositoryOwner.repositories.nodes[2]).toMatchObject({ stargazerCount: 2, latestPullRequest: { totalCount: 4 } });
    const first = await gh<typeof result>(Q.ORGANIZATION_REPOSITORIES, { login: 'acme', first: 3 });
    const second = await gh<typeof result>(Q.ORGANIZATION_REPOSITORIES, { login: 'acme', first: 3, after: first.repositoryOwner.repositories.pageInfo.endCursor });
    expect(first.repositoryOwner.repositories.pageInfo.hasNextPage).toBe(true);
    expect(second.repositoryOwner.repositories.nodes.map((r) => r.nameWithOwner)).toEqual(['acme/zeta']);
    expect(await gh(Q.ORGANIZATION_REPOSITORIES, { login: 'nobody', first: 24 })).toMatchObject({ repositoryOwner: null });
  });

  it('PULL_REQUESTS: every field, newest update first, nested connections', async () => {
    const [merged, , , busy] = sample.prs;
    const result = await gh<{ rateLimit: { cost: number }; repository: { pullRequests: Page<Record<string, unknown>> } }>(Q.PULL_REQUESTS, { ...repo, first: 100 });
    const { nodes, pageInfo } = result.repository.pullRequests;
    expect(result.rateLimit.cost).toBe(3);
    expect(pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    expect(nodes.map((n) => n.number)).toEqual([4, 3, 2, 1]);
    expect(nodes.map((n) => n.author)).toEqual([
      { __typename: 'User', login: 'ada', databaseId: expect.any(Number) },
      { __typename: 'Bot', login: 'dependabot', databaseId: expect.any(Number) },
      { __typename: 'User', login: 'grace', databaseId: expect.any(Number) },
      { __typename: 'User', login: 'ada', databaseId: expect.any(Number) },
    ]);
    expect(nodes[3]).toEqual({
      id: merged?.id, number: 1, title: 'Add widgets', createdAt: merged?.createdAt, updatedAt: merged?.updatedAt,
      closedAt: merged?.mergedAt, mergedAt: merged?.mergedAt, state: 'MERGED', isDraft: false,
      additions: 120, deletions: 7, changedFiles: 5, baseRefName: 'main', totalCommentsCount: 4,
      author: { __typename: 'User', login: 'ada', databaseId: merged?.author?.databaseId },
      mergedBy: { __typename: 'User', login: 'grace' },
      labels: { pageInfo: { hasNextPage: false, endCursor: expect.any(String) }, nodes: [{ name: 'feature' }, { name: 'good first issue' }] },
      reviews: {
        pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
        nodes: [{ id: sample.review.id, author: { __typename: 'User', login: 'grace', databaseId: expect.any(Number) }, state: 'APPROVED', submittedAt: sample.review.submittedAt, createdAt: sample.review.createdAt }],
      },
      comments: {
        totalCount: 2, pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
        nodes: [
          { id: merged?.comments[0]?.id, author: { __typename: 'Bot', login: 'dependabot', databaseId: expect.any(Number) }, createdAt: merged?.comments[0]?.createdAt },
          { id: merged?.comments[1]?.id, author: null, createdAt: merged?.comments[1]?.createdAt },
        ],
      },
    });
    expect(nodes[0]).toMatchObject({ id: busy?.id, totalCommentsCount: 105, comments: { totalCount: 105, pageInfo: { hasNextPage: true } } });
    expect(nodes[1]).toMatchObject({ state: 'CLOSED', mergedAt: null, mergedBy: null, closedAt: expect.any(String) });
  });

  it('pages through pull requests newest first and issues oldest first, with no gaps or repeats', async () => {
    expect(await allNumbers(Q.PULL_REQUESTS, 'pullRequests', { first: 1 })).toEqual([[4], [3], [2], [1]]);
    expect(await allNumbers(Q.PULL_REQUESTS, 'pullRequests', { first: 3 })).toEqual([[4, 3, 2], [1]]);
    expect(await allNumbers(Q.ISSUES, 'issues', { first: 2 })).toEqual([[5, 6], [7]]);
  });

  it('pages backwards with last/before', async () => {
    const query = `query Back($before: String) { repository(owner: "acme", name: "widgets") {
      pullRequests(last: 2, before: $before, orderBy: { field: CREATED_AT, direction: ASC }) {
        pageInfo { hasPreviousPage hasNextPage startCursor } nodes { number } } } }`;
    type Back = { repository: { pullRequests: Page<{ number: number }> } };
    const last = (await gh<Back>(query)).repository.pullRequests;
    expect(last.nodes.map((n) => n.number)).toEqual([3, 4]);
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = (await gh<Back>(query, { before: last.pageInfo.startCursor })).repository.pullRequests;
    expect(before.nodes.map((n) => n.number)).toEqual([1, 2]);
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it('keeps page boundaries when an item is edited between pages, as GitHub\'s cursors do', async () => {
    const first = await repository<{ issues: Page<Numbered> }>(Q.ISSUES, { first: 1 });
    expect(first.issues.nodes.map((n) => n.number)).toEqual([5]);
    sample.fixture.touchIssue(sample.widgets, 5, { title: 'It breaks badly' });
    const rest = await repository<{ issues: Page<Numbered> }>(Q.ISSUES, { first: 10, after: first.issues.pageInfo.endCursor });
    expect(rest.issues.nodes.map((n) => [n.number, n.title])).toEqual([[6, 'Make it blue'], [7, 'Docs'], [5, 'It breaks badly']]);
  });

  it('ISSUES: filterBy.since keeps what was updated since; deleted issues disappear', async () => {
    const [bug, wontfix, later] = sample.issues;
    const all = await repository<{ issues: Page<Record<string, unknown>> }>(Q.ISSUES, { first: 100 });
    expect(all.issues.nodes[1]).toMatchObject({
      id: wontfix?.id, number: 6, state: 'CLOSED', stateReason: 'NOT_PLANNED', author: null, closedAt: wontfix?.closedAt,
      labels: { nodes: [] }, comments: { nodes: [] },
    });
    expect(all.issues.nodes[0]).toMatchObject({ labels: { nodes: [{ name: 'bug' }] }, comments: { nodes: [{ author: { login: 'ada' } }] } });
    const since = await repository<{ issues: Page<Numbered> }>(Q.ISSUES, { first: 100, since: wontfix?.updatedAt });
    expect(since.issues.nodes.map((n) => n.number)).toEqual([6, 7]);
    sample.fixture.addComment(bug as NonNullable<typeof bug>, { author: 'grace', body: 'still broken' });
    sample.fixture.deleteIssue(sample.widgets, 7);
    const after = await repository<{ issues: Page<Numbered> }>(Q.ISSUES, { first: 100, since: later?.updatedAt });
    expect(after.issues.nodes.map((n) => n.number)).toEqual([5]);
    expect((await gh(Q.MORE_LABELS, { id: later?.id }).catch((e: unknown) => e))).toMatchObject({ errors: [{ type: 'NOT_FOUND' }] });
  });
});

describe('fake GitHub: follow-up pages and the other collections', () => {
  it('MORE_COMMENTS continues a pull request\'s or an issue\'s comments from a cursor', async () => {
    const busy = sample.prs[3];
    const page = await repository<{ pullRequests: Page<{ id: string; comments: Page<{ id: string }> }> }>(Q.PULL_REQUESTS, { first: 1 });
    const comments = page.pullRequests.nodes[0]?.comments;
    expect(comments?.nodes).toHaveLength(100);
    const more = await gh<{ node: { comments: Page<{ id: string; author: { login: string } }> } }>(Q.MORE_COMMENTS, { id: busy?.id, after: comments?.pageInfo.endCursor });
    expect(more.node.comments.nodes.map((c) => c.id)).toEqual(busy?.comments.slice(100).map((c) => c.id));
    expect(more.node.comments.pageInfo.hasNextPage).toBe(false);
    const issue = await gh<{ node: { comments: Page<{ author: { login: string } }> } }>(Q.MORE_COMMENTS, { id: sample.issues[0]?.id });
    expect(issue.node.comments.nodes.map((c) => c.author.login)).toEqual(['ada']);
  });

  it('MORE_LABELS and MORE_REVIEWS', async () => {
    const [merged] = sample.prs;
    const { review } = sample;
    const labels = await gh<{ node: { labels: Page<{ name: string }> } }>(Q.MORE_LABELS, { id: merged?.id, after: null });
    expect(labels.node.labels.nodes).toEqual([{ name: 'feature' }, { name: 'good first issue' }]);
    const firstLabel = await gh<{ node: { labels: Page<{ name: string }> } }>(Q.MORE_LABELS.replace('first: 100', 'first: 1'), { id: merged?.id });
    const nextLabel = await gh<typeof labels>(Q.MORE_LABELS, { id: merged?.id, after: firstLabel.node.labels.pageInfo.endCursor });
    expect(nextLabel.node.labels.nodes).toEqual([{ name: 'good first issue' }]);

    const reviews = await gh(Q.MORE_REVIEWS, { id: merged?.id });
    expect(reviews).toMatchObject({ node: { reviews: { nodes: [{ id: review.id, state: 'APPROVED', author: { login: 'grace' } }] } } });
  });

  it('RELEASES by creation, STARGAZERS by star time with starredAt on the edge, COMMIT_AUTHORS newest first', async () => {
    const { widgets } = sample;
    const releases = await repository<{ releases: Page<Record<string, unknown>> }>(Q.RELEASES, {});
    expect(releases.releases.nodes).toEqual(widgets.releases.map((r) => ({
      id: r.id, tagName: r.tagName, name: r.tagName, createdAt: r.createdAt, publishedAt: r.publishedAt, isPrerelease: r.isPrerelease, isDraft: r.isDraft,
    })));
    expect(releases.releases.nodes.map((r) => [r.tagName, r.isPrerelease, r.isDraft, r.publishedAt === null])).toEqual([
      ['v1.0.0', false, false, false], ['v1.1.0-rc.1', true, false, false], ['v2.0.0', false, true, true],
    ]);
    const stars = await repository(Q.STARGAZERS, {});
    expect(stars).toEqual({ stargazers: { pageInfo: { hasNextPage: false, endCursor: expect.any(String) }, edges: [
      { starredAt: '2024-01-01T00:00:00Z', node: { login: 'ada', databaseId: widgets.stargazers[1]?.node.databaseId } },
      { starredAt: '2024-02-01T00:00:00Z', node: { login: 'grace', databaseId: widgets.stargazers[0]?.node.databaseId } },
    ] } });
    const commits = await repository<{ defaultBranchRef: { target: { history: Page<{ oid: string; author: unknown }> } } }>(Q.COMMIT_AUTHORS, {});
    expect(commits.defaultBranchRef.target.history.nodes).toEqual([
      { oid: widgets.commits[0]?.oid, author: { email: 'grace@example.com', user: { login: 'grace', databaseId: expect.any(Number) } } },
      { oid: widgets.commits[1]?.oid, author: { email: 'stranger@example.com', user: null } },
      { oid: widgets.commits[2]?.oid, author: { email: 'ada@example.com', user: { login: 'ada', databaseId: expect.any(Number) } } },
    ]);
    expect(await gh(Q.COMMIT_AUTHORS, { owner: 'acme', name: 'empty' })).toMatchObject({ repository: { defaultBranchRef: null } });
  });

  it('runs every document in queries.ts without errors', async () => {
    const values: Record<string, unknown> = {
      ...repo, login: 'acme', first: 100, after: null, since: '2024-01-01T00:00:00Z',
      id: sample.prs[0]?.id, ids: sample.prs.map((pr) => pr.id),
    };
    const documents = Object.entries(Q as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].startsWith('query '));
    expect(documents.length).toBeGreaterThan(5);
    for (const [name, query] of documents) {
      const wanted = [...query.matchAll(/\$(\w+):/g)].map((m) => m[1] ?? '');
      expect(wanted.filter((v) => !(v in values)), `variables of ${name}`).toEqual([]);
      const variables = Object.fromEntries(wanted.map((v) => [v, values[v]]));
      const result = await gh<{ rateLimit: { cost: number } }>(query, variables);
      expect(result.rateLimit.cost, name).toBeGreaterThanOrEqual(1);
    }
  });

  it('PROFILES: users with their company, organisations with their name, null for no account', async () => {
    sample.fixture.user('ada', { company: '@acme', databaseId: 42 });
    sample.fixture.organization('acme', { name: 'Acme, Inc.' });
    const logins = ['ada', 'ACME', 'grace', 'no-such-login', 'dependabot'];
    const result = await gh<Record<string, unknown>>(Q.profilesQuery(logins.length), Object.fromEntries(logins.map((l, i) => [`l${i}`, l])));
    expect(result).toEqual({
      rateLimit: expect.objectContaining({ cost: 1 }),
      p0: { __typename: 'User', login: 'ada', databaseId: 42, company: '@acme' },
      p1: { __typename: 'Organization', login: 'acme', databaseId: expect.any(Number), name: 'Acme, Inc.' },
      p2: { __typename: 'User', login: 'grace', databaseId: expect.any(Number), company: null },
      // A renamed or deleted user, and a bot (not a repository owner): no account, and no error.
      p3: null,
      p4: null,
    });
    expect(server.requests.at(-1)).toMatchObject({ operation: 'Profiles', cost: 1 });
  });

  it('node and nodes: unknown ids are null with NOT_FOUND errors', async () => {
    const query = 'query N($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }';
    const error = await gh(query, { ids: [sample.widgets.id, 'nope'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      data: { nodes: [{ id: sample.widgets.id, __typename: 'Repository' }, null] },
      errors: [{ type: 'NOT_FOUND', path: ['nodes', 1], message: 'Could not resolve to a node with the global id of \'nope\'' }],
    });
  });
});
