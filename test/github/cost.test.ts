import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as Q from '../../src/collect/github/queries.js';
import { analyzeQuery, pointsFor } from './cost.js';
import { githubSchema } from './schema.js';

const schema = githubSchema();

const isDocument = (value: unknown): value is string => typeof value === 'string' && value.startsWith('query ');
const repo = { owner: 'o', name: 'n' };

/** Every document in queries.ts, with what GitHub's formula makes of it. */
const PINNED: Record<string, { variables: Record<string, unknown>; nodeCount: number; requests: number; cost: number }> = {
  PROBE: { variables: repo, nodeCount: 6, requests: 6, cost: 1 },
  // A page of 24 repositories, each with its probe's 6 connections of one item.
  ORGANIZATION_REPOSITORIES: { variables: { login: 'o', first: 24 }, nodeCount: 24 + 24 * 6, requests: 1 + 24 * 6, cost: 1 },
  PULL_REQUESTS: { variables: { ...repo, first: 100 }, nodeCount: 30_100, requests: 301, cost: 3 },
  ISSUES: { variables: { ...repo, first: 100 }, nodeCount: 20_100, requests: 201, cost: 2 },
  MORE_LABELS: { variables: { id: 'x' }, nodeCount: 100, requests: 1, cost: 1 },
  // Both inline fragments count, though only one of them can apply to a given node.
  MORE_COMMENTS: { variables: { id: 'x' }, nodeCount: 200, requests: 2, cost: 1 },
  MORE_REVIEWS: { variables: { id: 'x' }, nodeCount: 100, requests: 1, cost: 1 },
  RELEASES: { variables: repo, nodeCount: 100, requests: 1, cost: 1 },
  STARGAZERS: { variables: repo, nodeCount: 100, requests: 1, cost: 1 },
  COMMIT_AUTHORS: { variables: repo, nodeCount: 100, requests: 1, cost: 1 },
};

function analyze(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  return analyzeQuery(schema, document, variables);
}

describe('GitHub node count and cost', () => {
  it('counts the docs page\'s simple example as 550 nodes', () => {
    const result = analyze(`query { viewer { repositories(first: 50) { edges { repository: node { name
      issues(first: 10) { totalCount edges { node { title bodyHTML } } } } } } } }`);
    expect(result).toEqual({ nodeCount: 550, requests: 51, cost: 1, problems: [] });
  });

  it('counts the docs page\'s complex example as 22,060 nodes', () => {
    const result = analyze(`query { viewer {
      repositories(first: 50) { edges { repository: node { name
        pullRequests(first: 20) { edges { pullRequest: node { title comments(first: 10) { edges { comment: node { bodyHTML } } } } } }
        issues(first: 20) { totalCount edges { issue: node { title bodyHTML comments(first: 10) { edges { comment: node { bodyHTML } } } } } } } } }
      followers(first: 10) { edges { follower: node { login } } } } }`);
    expect(result.nodeCount).toBe(22_060);
    expect(result.requests).toBe(1 + 50 + 1000 + 50 + 1000 + 1);
    expect(result.cost).toBe(21);
  });

  it('costs the docs page\'s rate-limit example 5,101 requests, 51 points', () => {
    const result = analyze(`query { viewer { login repositories(first: 100) { edges { node { id
      issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } } } }`);
    expect(result).toEqual({ nodeCount: 100 + 5000 + 300_000, requests: 5101, cost: 51, problems: [] });
  });

  it('costs 100 pull requests with reviews, comments and labels 301 requests, 3 points', () => {
    const result = analyze(Q.PULL_REQUESTS, { ...repo, first: 100 });
    expect(result).toEqual({ nodeCount: 30_100, requests: 301, cost: 3, problems: [] });
    expect(analyze(Q.PULL_REQUESTS, { ...repo, first: 50 })).toMatchObject({ nodeCount: 15_050, requests: 151, cost: 2 });
    expect(analyze(Q.PULL_REQUESTS, { ...repo, first: 10 })).toMatchObject({ requests: 31, cost: 1 });
  });

  it.each(Object.keys(Q).filter((name) => isDocument(Q[name as keyof typeof Q])))('%s is costed as pinned below', (name) => {
    const expected = PINNED[name];
    expect(expected, `pin the cost of ${name} in cost.test.ts`).toBeDefined();
    if (!expected) return;
    const { variables, ...numbers } = expected;
    expect(analyze(Q[name as keyof typeof Q] as string, variables)).toEqual({ ...numbers, problems: [] });
  });

  it('costs the profiles of 100 accounts 1 point: they hold no connection', () => {
    const variables = Object.fromEntries(Array.from({ length: Q.PROFILE_BATCH }, (_, i) => [`l${i}`, `user-${i}`]));
    expect(analyze(Q.profilesQuery(Q.PROFILE_BATCH), variables)).toEqual({ nodeCount: 0, requests: 0, cost: 1, problems: [] });
  });

  it('costs the probes of 24 repositories 1 point, and 25 would cost 2', () => {
    const variables = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [[`o${i}`, 'o'], [`n${i}`, `repo-${i}`]]).flat());
    expect(analyze(Q.probesQuery(Q.PROBE_BATCH), variables(Q.PROBE_BATCH))).toEqual({ nodeCount: 144, requests: 144, cost: 1, problems: [] });
    expect(analyze(Q.probesQuery(Q.PROBE_BATCH + 1), variables(Q.PROBE_BATCH + 1))).toMatchObject({ requests: 150, cost: 2 });
  });

  it('rounds to the nearest point, with a minimum of one', () => {
    expect([0, 1, 49, 50, 149, 150, 301, 5101].map(pointsFor)).toEqual([1, 1, 1, 1, 1, 2, 3, 51]);
  });

  it('follows named fragments, variables with defaults and the ids of nodes()', () => {
    const query = `query Q($n: Int = 30, $ids: [ID!]!) {
      repository(owner: "o", name: "n") { ...PRs }
      nodes(ids: $ids) { ... on PullRequest { comments(first: 100) { totalCount } } }
    }
    fragment PRs on Repository { pullRequests(first: $n) { nodes { ...Labels } } }
    fragment Labels on PullRequest { labels(first: 20) { nodes { name } } }`;
    const result = analyze(query, { ids: ['a', 'b', 'c'] });
    expect(result.nodeCount).toBe(30 + 30 * 20 + 3 * 100);
    expect(result.requests).toBe(1 + 30 + 3);
  });

  it('refuses a connection without first or last, with GitHub\'s message and where it is', () => {
    const result = analyze('query { repository(owner: "o", name: "n") { pullRequests(first: 5) { nodes { labels { totalCount } } } } }');
    expect(result.problems).toEqual([{
      type: 'MISSING_PAGINATION_BOUNDARIES',
      path: ['repository', 'pullRequests', 'nodes', 'labels'],
      locations: [{ line: 1, column: 78 }],
      message: 'You must provide a `first` or `last` value to properly paginate the `labels` connection.',
    }]);
  });

  it('refuses page sizes outside 1–100', () => {
    const big = analyze(Q.PULL_REQUESTS, { ...repo, first: 101 });
    expect(big.problems.map((p) => [p.type, p.message])).toEqual([
      ['EXCESSIVE_PAGINATION', 'Requesting 101 records on the `pullRequests` connection exceeds the `first` limit of 100 records.'],
    ]);
    const zero = analyze('query { repository(owner: "o", name: "n") { releases(last: 0) { totalCount } } }');
    expect(zero.problems.map((p) => p.type)).toEqual(['INVALID_PAGINATION']);
    const both = analyze('query { repository(owner: "o", name: "n") { releases(first: 1, last: 1) { totalCount } } }');
    expect(both.problems.map((p) => p.type)).toEqual(['INVALID_PAGINATION']);
    expect(analyze('query { repository(owner: "o", name: "n") { releases(first: 100) { totalCount } } }').problems).toEqual([]);
  });

  it('refuses more than 500,000 nodes', () => {
    const nested = (n: number) => `query { repository(owner: "o", name: "n") { pullRequests(first: ${n}) { nodes {
      comments(first: 100) { nodes { reactions(first: 100) { totalCount } } } } } } }`;
    expect(analyze(nested(49)).problems).toEqual([]);
    expect(analyze(nested(50)).problems).toEqual([{
      type: 'MAX_NODE_LIMIT_EXCEEDED',
      message: 'This query requests up to 505,050 possible nodes which exceeds the maximum limit of 500,000.',
    }]);
  });
});
