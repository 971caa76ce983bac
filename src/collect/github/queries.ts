/**
 * The GraphQL documents cdstats sends to GitHub. Every one asks for `rateLimit` so the
 * client always knows its remaining budget. Page sizes follow GitHub's cost formula: the sum,
 * over connections, of the product of the page sizes above them, divided by 100 and rounded
 * to the nearest whole number (at least 1). So up to 149 requests cost 1 point: a page of 49
 * pull requests with their labels, reviews and comments (1 + 3 × 49 = 148) costs 1 point,
 * where a page of 100 (301) costs 3.
 */

/** Pull requests per page: 1 + 3 nested connections × 49 = 148 requests, 1 point. */
export const PULL_REQUEST_PAGE = 49;
/** Issues per page: 1 + 2 nested connections × 74 = 149 requests, 1 point. */
export const ISSUE_PAGE = 74;

const RATE_LIMIT = 'rateLimit { cost remaining resetAt limit }';
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
const ACTOR = 'author { __typename login ... on User { databaseId } ... on Bot { databaseId } }';

/**
 * What tells, for one repository, whether anything changed since the last run, and its
 * counters: the newest update of pull requests and of issues (a new review, comment, label or
 * edit bumps the item's `updatedAt`), the count and newest of releases, the stars, the branch
 * head. Six connections of one item each: 6 of GitHub's "requests" (see above).
 */
const PROBE_FIELDS = `nameWithOwner stargazerCount forkCount
    defaultBranchRef { name target { oid } }
    watchers(first: 1) { totalCount }
    openIssues: issues(states: OPEN, first: 1) { totalCount }
    openPullRequests: pullRequests(states: OPEN, first: 1) { totalCount }
    latestPullRequest: pullRequests(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount nodes { updatedAt } }
    latestIssue: issues(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount nodes { updatedAt } }
    latestRelease: releases(first: 1, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount nodes { createdAt updatedAt } }`;

/** One repository's probe: 1 point. Used when a batch could not answer for it. */
export const PROBE = `query Probe($owner: String!, $name: String!) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    ${PROBE_FIELDS}
  }
}`;

/**
 * Repositories probed in one query, one alias each. GitHub charges the sum of the connections'
 * requests divided by 100 and rounded (at least 1 point): 24 × 6 = 144 requests and 144 nodes
 * is 1 point, 0.042 a repository; 25 would be 150, 2 points. Far below the published node limit
 * (500,000 a query) and page sizes (1 to 100); one query of 24 small lookups is also far from
 * GitHub's 10-second execution limit.
 */
export const PROBE_BATCH = 24;

export function probesQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$o${i}: String!, $n${i}: String!`).join(', ');
  const repositories = Array.from({ length: count }, (_, i) => `r${i}: repository(owner: $o${i}, name: $n${i}) {
    ${PROBE_FIELDS}
  }`);
  return `query RepositoryProbes(${variables}) {
  ${RATE_LIMIT}
  ${repositories.join('\n  ')}
}`;
}

/**
 * An owner's repositories with each one's probe, so that a `github: owner/*` entry needs no
 * probe of its own: 1 + 6 × 24 = 145 requests, 1 point a page of PROBE_BATCH, the same as the
 * probes alone would cost (a page of 100 without them costs 1 point too, but the probes then
 * cost 100/24 more). The repository's own `pushedAt` and `updatedAt` cannot stand for the probe:
 * they follow pushes and the repository's settings, and nothing says that a review, a comment,
 * an edited issue or an edited release moves either.
 */
export const ORGANIZATION_REPOSITORIES = `query OrganizationRepositories($login: String!, $first: Int!, $after: String) {
  ${RATE_LIMIT}
  repositoryOwner(login: $login) {
    repositories(first: $first, after: $after, isFork: false, orderBy: { field: NAME, direction: ASC }) {
      ${PAGE_INFO}
      nodes { isArchived isFork ${PROBE_FIELDS} }
    }
  }
}`;

const COMMENT = `id ${ACTOR} createdAt`;

export const PULL_REQUESTS = `query PullRequests($owner: String!, $name: String!, $first: Int!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    pullRequests(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
      ${PAGE_INFO}
      nodes {
        id number title createdAt updatedAt closedAt mergedAt state isDraft
        additions deletions changedFiles baseRefName totalCommentsCount
        ${ACTOR}
        mergedBy { __typename login }
        labels(first: 100) { ${PAGE_INFO} nodes { name } }
        reviews(first: 100) { ${PAGE_INFO} nodes { id ${ACTOR} state submittedAt createdAt } }
        comments(first: 100) { totalCount ${PAGE_INFO} nodes { ${COMMENT} } }
      }
    }
  }
}`;

export const ISSUES = `query Issues($owner: String!, $name: String!, $first: Int!, $after: String, $since: DateTime) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    issues(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: ASC }, filterBy: { since: $since }) {
      ${PAGE_INFO}
      nodes {
        id number title createdAt updatedAt closedAt state stateReason
        ${ACTOR}
        labels(first: 100) { ${PAGE_INFO} nodes { name } }
        comments(first: 100) { ${PAGE_INFO} nodes { ${COMMENT} } }
      }
    }
  }
}`;

/** Follow-up pages of a nested connection of one pull request or issue. */
export const MORE_LABELS = `query MoreLabels($id: ID!, $after: String) {
  ${RATE_LIMIT}
  node(id: $id) { ... on Labelable { labels(first: 100, after: $after) { ${PAGE_INFO} nodes { name } } } }
}`;

export const MORE_COMMENTS = `query MoreComments($id: ID!, $after: String) {
  ${RATE_LIMIT}
  node(id: $id) {
    ... on PullRequest { comments(first: 100, after: $after) { ${PAGE_INFO} nodes { ${COMMENT} } } }
    ... on Issue { comments(first: 100, after: $after) { ${PAGE_INFO} nodes { ${COMMENT} } } }
  }
}`;

export const MORE_REVIEWS = `query MoreReviews($id: ID!, $after: String) {
  ${RATE_LIMIT}
  node(id: $id) { ... on PullRequest { reviews(first: 100, after: $after) { ${PAGE_INFO} nodes { id ${ACTOR} state submittedAt createdAt } } } }
}`;

export const RELEASES = `query Releases($owner: String!, $name: String!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    releases(first: 100, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
      ${PAGE_INFO}
      nodes { id tagName name createdAt publishedAt isPrerelease isDraft }
    }
  }
}`;

export const STARGAZERS = `query Stargazers($owner: String!, $name: String!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    stargazers(first: 100, after: $after, orderBy: { field: STARRED_AT, direction: ASC }) {
      ${PAGE_INFO}
      edges { starredAt node { login databaseId } }
    }
  }
}`;

export const COMMIT_AUTHORS = `query CommitAuthors($owner: String!, $name: String!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    defaultBranchRef {
      target {
        ... on Commit {
          history(first: 100, after: $after) {
            ${PAGE_INFO}
            nodes { oid author { email user { login databaseId } } }
          }
        }
      }
    }
  }
}`;

/**
 * Profiles of up to PROFILE_BATCH accounts in one query, one alias each. No connection, so 1
 * point whatever the count (GitHub charges connections only, 1 point at least): 10 points per
 * 1,000 accounts. `repositoryOwner` answers null, not an error, for a login that is no account
 * (renamed or deleted), and serves users and organisations alike.
 */
export const PROFILE_BATCH = 100;

export function profilesQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$l${i}: String!`).join(', ');
  const owners = Array.from({ length: count }, (_, i) => `p${i}: repositoryOwner(login: $l${i}) { __typename login ... on User { databaseId company } ... on Organization { databaseId name } }`);
  return `query Profiles(${variables}) {
  ${RATE_LIMIT}
  ${owners.join('\n  ')}
}`;
}
