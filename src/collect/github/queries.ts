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
 * One point per repository and run: the counters, and enough to tell which entities changed
 * since the last run (newest update of pull requests and issues, releases, stars, branch head).
 */
export const PROBE = `query Probe($owner: String!, $name: String!) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    nameWithOwner stargazerCount forkCount
    defaultBranchRef { name target { oid } }
    watchers(first: 1) { totalCount }
    openIssues: issues(states: OPEN, first: 1) { totalCount }
    openPullRequests: pullRequests(states: OPEN, first: 1) { totalCount }
    latestPullRequest: pullRequests(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount nodes { updatedAt } }
    latestIssue: issues(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount nodes { updatedAt } }
    latestRelease: releases(first: 1, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount nodes { createdAt updatedAt } }
  }
}`;

export const ORGANIZATION_REPOSITORIES = `query OrganizationRepositories($login: String!, $after: String) {
  ${RATE_LIMIT}
  repositoryOwner(login: $login) {
    repositories(first: 100, after: $after, isFork: false, orderBy: { field: NAME, direction: ASC }) {
      ${PAGE_INFO}
      nodes { nameWithOwner isArchived isFork }
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
