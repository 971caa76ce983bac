/** Shapes of the answers to the documents in queries.ts (only the fields asked for). */

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  pageInfo: PageInfo;
  nodes: T[];
  totalCount?: number;
}

export interface Actor {
  __typename: string;
  login: string;
  databaseId?: number | null;
}

export interface CommentNode {
  id: string;
  author: Actor | null;
  createdAt: string;
}

export interface ReviewNode {
  id: string;
  author: Actor | null;
  state: string;
  submittedAt: string | null;
  createdAt: string;
}

/** What pull requests and issues have in common. */
interface ItemNode {
  id: string;
  number: number;
  title: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  state: string;
  author: Actor | null;
  labels: Connection<{ name: string }>;
  comments: Connection<CommentNode>;
}

export interface PullRequestNode extends ItemNode {
  mergedAt: string | null;
  isDraft: boolean;
  additions: number | null;
  deletions: number | null;
  changedFiles: number | null;
  baseRefName: string | null;
  totalCommentsCount: number | null;
  mergedBy: Actor | null;
  reviews: Connection<ReviewNode>;
}

export interface IssueNode extends ItemNode {
  stateReason: string | null;
}

export interface ReleaseNode {
  id: string;
  tagName: string;
  name: string | null;
  createdAt: string;
  publishedAt: string | null;
  isPrerelease: boolean;
  isDraft: boolean;
}

export interface ProbeRepository {
  nameWithOwner: string;
  stargazerCount: number;
  forkCount: number;
  defaultBranchRef: { name: string; target: { oid: string } | null } | null;
  watchers: { totalCount: number };
  openIssues: { totalCount: number };
  openPullRequests: { totalCount: number };
  latestPullRequest: { totalCount: number; nodes: { updatedAt: string }[] };
  latestIssue: { totalCount: number; nodes: { updatedAt: string }[] };
  latestRelease: { totalCount: number; nodes: { createdAt: string; updatedAt: string }[] };
}

export interface HistoryNode {
  oid: string;
  author: { email: string | null; user: { login: string; databaseId: number | null } | null } | null;
}

/** An account as the REST API gives it: bots with a `[bot]` suffix, deleted accounts as the user `ghost`. */
export interface RestUser {
  login: string;
  id: number;
  type: string;
}

/** An inline review comment as the REST API lists it (only the fields cdstats reads). */
export interface RestReviewComment {
  id: number;
  node_id: string;
  user: RestUser | null;
  created_at: string;
  updated_at: string;
  /** `…/repos/{owner}/{repo}/pulls/{number}`: the pull request it belongs to. */
  pull_request_url: string;
}
