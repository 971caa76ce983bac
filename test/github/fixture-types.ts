/**
 * The shapes of the fixture objects. Each is shaped like the GraphQL type named by its
 * `__typename`: the server's resolvers read fields straight off these objects, and a field whose
 * type is a `…Connection` reads an array (paginated, filtered and ordered by the server).
 * Timestamps are ISO-8601 strings to the second, like GitHub's (`2024-01-01T00:00:00Z`).
 */

export type IssueState = 'OPEN' | 'CLOSED';
export type IssueStateReason = 'COMPLETED' | 'NOT_PLANNED' | 'REOPENED' | 'DUPLICATE';
export type PullRequestState = 'OPEN' | 'CLOSED' | 'MERGED';
export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface FxUser {
  readonly __typename: 'User';
  readonly id: string;
  databaseId: number;
  login: string;
  name: string | null;
  email: string;
  /** The profile's company, as its owner typed it (`@cloudbees`, `Red Hat, Inc.`). */
  company: string | null;
  createdAt: string;
  updatedAt: string;
  repositories: FxRepository[];
}

export interface FxBot {
  readonly __typename: 'Bot';
  readonly id: string;
  databaseId: number;
  login: string;
  createdAt: string;
  updatedAt: string;
}

/** An author; `null` where an actor is expected is GitHub's deleted user (the "ghost"). */
export type FxActor = FxUser | FxBot;

export interface FxOrganization {
  readonly __typename: 'Organization';
  readonly id: string;
  databaseId: number;
  login: string;
  name: string | null;
  createdAt: string;
  updatedAt: string;
  repositories: FxRepository[];
}

export type FxOwner = FxOrganization | FxUser;

export interface FxLabel {
  readonly __typename: 'Label';
  readonly id: string;
  name: string;
  color: string;
  description: string | null;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

interface FxComment {
  readonly id: string;
  databaseId: number;
  author: FxActor | null;
  body: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string;
}

export interface FxIssueComment extends FxComment {
  readonly __typename: 'IssueComment';
}

export interface FxReviewComment extends FxComment {
  readonly __typename: 'PullRequestReviewComment';
  path: string;
}

export interface FxReview extends FxComment {
  readonly __typename: 'PullRequestReview';
  state: ReviewState;
  submittedAt: string | null;
  comments: FxReviewComment[];
}

interface FxIssueLike {
  readonly id: string;
  databaseId: number;
  number: number;
  title: string;
  body: string;
  author: FxActor | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closed: boolean;
  locked: boolean;
  labels: FxLabel[];
  comments: FxIssueComment[];
  readonly repository: FxRepository;
}

export interface FxIssue extends FxIssueLike {
  readonly __typename: 'Issue';
  state: IssueState;
  stateReason: IssueStateReason | null;
}

export interface FxPullRequest extends FxIssueLike {
  readonly __typename: 'PullRequest';
  state: PullRequestState;
  isDraft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: FxActor | null;
  additions: number;
  deletions: number;
  changedFiles: number;
  baseRefName: string;
  headRefName: string;
  reviews: FxReview[];
  /** Pull request comments plus review comments, as GitHub counts them. */
  readonly totalCommentsCount: number;
}

export interface FxRelease {
  readonly __typename: 'Release';
  readonly id: string;
  databaseId: number;
  tagName: string;
  name: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  isPrerelease: boolean;
  isDraft: boolean;
  isLatest: boolean;
  author: FxActor | null;
}

/** A star: the edge carries `starredAt`, the node is the user. */
export interface FxStar {
  node: FxUser;
  starredAt: string;
}

export interface FxGitActor {
  email: string;
  name: string;
  date: string;
  user: FxUser | null;
}

export interface FxCommit {
  readonly __typename: 'Commit';
  readonly id: string;
  oid: string;
  abbreviatedOid: string;
  message: string;
  messageHeadline: string;
  authoredDate: string;
  committedDate: string;
  author: FxGitActor | null;
  committer: FxGitActor | null;
  /** This commit and the ones before it on the default branch, newest first. */
  readonly history: FxCommit[];
}

export interface FxRef {
  readonly __typename: 'Ref';
  readonly id: string;
  name: string;
  prefix: string;
  target: FxCommit | null;
}

export interface FxRepository {
  readonly __typename: 'Repository';
  readonly id: string;
  databaseId: number;
  name: string;
  owner: FxOwner;
  readonly nameWithOwner: string;
  isFork: boolean;
  isArchived: boolean;
  isPrivate: boolean;
  isLocked: boolean;
  /** Name of the default branch; `null` for an empty repository (no `defaultBranchRef`). */
  defaultBranch: string | null;
  readonly defaultBranchRef: FxRef | null;
  /** When set, reported instead of the number of stargazers in the fixture. */
  stargazerCountOverride: number | null;
  readonly stargazerCount: number;
  forkCount: number;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  issues: FxIssue[];
  pullRequests: FxPullRequest[];
  releases: FxRelease[];
  stargazers: FxStar[];
  watchers: FxUser[];
  labels: FxLabel[];
  /** The default branch's commits, newest first. */
  commits: FxCommit[];
}
