import { GraphqlResponseError } from '@octokit/graphql';
import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../../src/collect/github/failure.js';
import { hasReviewComments, mapComment, mapPullRequest } from '../../../src/collect/github/map.js';
import { selectOwnerRepos } from '../../../src/collect/github/owners.js';
import type { PullRequestNode } from '../../../src/collect/github/types.js';
import { matchesGlob, parseGithubTarget } from '../../../src/config/repo.js';
import { formatProblem, parseConfig } from '../../../src/config/parse.js';

function httpError(status: number, message: string, headers: Record<string, string> = {}, data: unknown = {}): Error {
  return Object.assign(new Error(message), { name: 'HttpError', status, response: { headers, data } });
}

function graphqlError(errors: { type?: string; message: string }[], headers: Record<string, string> = {}): GraphqlResponseError<unknown> {
  return new GraphqlResponseError({ method: 'POST', url: '/graphql' } as never, headers, { data: {}, errors: errors as never });
}

describe('classifyFailure', () => {
  it('tells secondary limits (403/429 with retry-after or the message) from primary ones', () => {
    expect(classifyFailure(httpError(403, 'You have exceeded a secondary rate limit', { 'retry-after': '30' }))).toEqual({
      kind: 'secondary',
      message: 'You have exceeded a secondary rate limit',
      retryAfter: 30,
    });
    expect(classifyFailure(httpError(429, 'slow down', {}, { message: 'You have exceeded a secondary rate limit.' }))).toMatchObject({ kind: 'secondary', retryAfter: undefined });
    expect(classifyFailure(httpError(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000000' }))).toEqual({
      kind: 'rate-limited',
      message: 'API rate limit exceeded',
      resetAt: 1_800_000_000_000,
    });
  });

  it('retries server errors and dropped connections, stops on bad credentials', () => {
    expect(classifyFailure(httpError(502, 'Bad Gateway'))).toEqual({ kind: 'server', message: 'HTTP 502' });
    expect(classifyFailure(Object.assign(new Error('fetch failed'), { name: 'HttpError', status: 500 }))).toMatchObject({ kind: 'network' });
    expect(classifyFailure(new TypeError('fetch failed'))).toMatchObject({ kind: 'network' });
    expect(classifyFailure(httpError(401, 'Bad credentials'))).toMatchObject({ kind: 'fatal', message: expect.stringContaining('401') });
  });

  it('reads GraphQL errors: RATE_LIMITED, NOT_FOUND, "Something went wrong"', () => {
    expect(classifyFailure(graphqlError([{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }], { 'x-ratelimit-reset': '1800000000' }))).toMatchObject({
      kind: 'rate-limited',
      resetAt: 1_800_000_000_000,
    });
    expect(classifyFailure(graphqlError([{ type: 'NOT_FOUND', message: "Could not resolve to a Repository with the name 'a/b'." }]))).toMatchObject({ kind: 'not-found' });
    expect(classifyFailure(graphqlError([{ message: 'Something went wrong while executing your query.' }]))).toMatchObject({ kind: 'server' });
    expect(classifyFailure(graphqlError([{ message: "Field 'x' doesn't exist on type 'Repository'" }]))).toMatchObject({ kind: 'fatal' });
  });
});

const PR: PullRequestNode = {
  id: 'PR_1',
  number: 7,
  title: 'Fix',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-03T00:00:00Z',
  closedAt: '2024-01-02T00:00:00Z',
  mergedAt: '2024-01-02T00:00:00Z',
  state: 'MERGED',
  isDraft: false,
  additions: 3,
  deletions: 1,
  changedFiles: 2,
  baseRefName: 'main',
  totalCommentsCount: 3,
  author: { __typename: 'Bot', login: 'dependabot[bot]' },
  mergedBy: { __typename: 'User', login: 'ada' },
  labels: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ name: 'deps' }] },
  reviews: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
  comments: { totalCount: 2, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
};

describe('mapping', () => {
  it('maps a pull request, its bot author and its merger', () => {
    expect(mapPullRequest(PR, ['deps'])).toMatchObject({ number: 7, nodeId: 'PR_1', authorLogin: 'dependabot[bot]', authorIsBot: true, mergedBy: 'ada', labels: ['deps'] });
    expect(mapPullRequest({ ...PR, author: { __typename: 'User', login: 'ada', databaseId: 7 } }, []).authorId).toBe(7);
  });
  it('maps a deleted (ghost) author to no login and no id', () => {
    expect(mapComment({ id: 'I_1', number: 3, kind: 'issue' }, 'issue_comment', { id: 'C_1', author: null, createdAt: '2024-01-01T00:00:00Z' })).toEqual({
      nodeId: 'C_1',
      parentNodeId: 'I_1',
      parentKind: 'issue',
      parentNumber: 3,
      kind: 'issue_comment',
      authorLogin: null,
      authorIsBot: false,
      authorId: null,
      createdAt: '2024-01-01T00:00:00Z',
    });
  });
  it('knows a pull request has inline review comments when its total exceeds the conversation comments', () => {
    expect(hasReviewComments(PR)).toBe(true);
    expect(hasReviewComments({ ...PR, totalCommentsCount: 2 })).toBe(false);
  });
});

describe('owner wildcards', () => {
  it('parses owner/* and rejects malformed names', () => {
    expect(parseGithubTarget('tektoncd/*')).toEqual({ kind: 'owner', owner: 'tektoncd' });
    expect(parseGithubTarget('tektoncd/cli')).toEqual({ kind: 'repo', owner: 'tektoncd', name: 'cli' });
    expect(parseGithubTarget('-bad/*')).toMatchObject({ kind: 'invalid' });
  });
  it('matches glob patterns on the whole name, ignoring case', () => {
    expect(matchesGlob('*-archive', 'old-ARCHIVE')).toBe(true);
    expect(matchesGlob('docs?', 'docs1')).toBe(true);
    expect(matchesGlob('docs', 'docs-site')).toBe(false);
    expect(matchesGlob('a.b', 'axb')).toBe(false);
  });
  it('keeps non-archived, non-fork repositories that no pattern excludes', () => {
    const list = [
      { nameWithOwner: 'o/app', isArchived: false, isFork: false },
      { nameWithOwner: 'o/old', isArchived: true, isFork: false },
      { nameWithOwner: 'o/fork', isArchived: false, isFork: true },
      { nameWithOwner: 'o/website', isArchived: false, isFork: false },
      { nameWithOwner: 'o/test-infra', isArchived: false, isFork: false },
    ];
    expect(selectOwnerRepos(list, ['website', 'o/test-*'])).toEqual(['o/app']);
  });
});

describe('github config', () => {
  it('reads the github section and expands nothing at parse time', () => {
    const { config, errors } = parseConfig(
      'github:\n  tokenEnv: CD_TOKEN\n  graphqlUrl: https://ghe.example.com/api/graphql\n  concurrency: 3\nprojects:\n  - name: P\n    repos:\n      - github: org/*\n        exclude: ["*-archive"]\n      - github: org/app\n',
      'c.yaml',
    );
    expect(errors).toEqual([]);
    expect(config.github).toEqual({ tokenEnv: 'CD_TOKEN', graphqlUrl: 'https://ghe.example.com/api/graphql', webUrl: 'https://ghe.example.com', concurrency: 3, timeoutSeconds: 60, repoDeadlineMinutes: 120, profileRefreshDays: 30, profilesPerRun: 10_000 });
    expect(config.projects[0]?.owners).toEqual([{ owner: 'org', exclude: ['*-archive'], origin: { file: 'c.yaml', line: 8 } }]);
    expect(config.projects[0]?.repos.map((r) => [r.name, r.url, r.github])).toEqual([['org/app', 'https://ghe.example.com/org/app.git', { owner: 'org', name: 'app' }]]);
  });
  it('reports bad values with their lines', () => {
    const { errors } = parseConfig('github:\n  tokenEnv: "ghp_abc def"\n  concurrency: 50\n  profileRefreshDays: 0\n  profilesPerRun: -1\nprojects:\n  - name: P\n    repos:\n      - github: org/*\n        branch: x\n', 'c.yaml');
    expect(errors.map(formatProblem)).toEqual([
      'c.yaml:2: `tokenEnv` names an environment variable (the token itself never goes in this file)',
      'c.yaml:3: `concurrency` must be a whole number from 1 to 10 (GitHub asks for little concurrency)',
      'c.yaml:4: `profileRefreshDays` must be a whole number from 1 to 3650',
      'c.yaml:5: `profilesPerRun` must be a whole number from 0 to 1000000 (0 reads no profiles)',
      'c.yaml:10: `branch:` does not apply to `github: org/*` (all of an owner\'s repositories)',
    ]);
  });
});
