/**
 * The rows the store writes, as the collectors hand them over. They are declared here, with the
 * writers, so that the store depends on no collector: collect imports these types from the store.
 */

/** Commits and tags as read from git (collect/git). */

export interface Trailer {
  /** Lower-cased key, e.g. `co-authored-by`. */
  key: string;
  value: string;
  /** Parsed from `Name <email>` values; null otherwise. */
  name: string | null;
  email: string | null;
}

export interface CommitRecord {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Seconds since the epoch. */
  authoredAt: number;
  /** Minutes east of UTC. */
  authorTzOffset: number;
  committerName: string;
  committerEmail: string;
  committedAt: number;
  committerTzOffset: number;
  subject: string;
  trailers: Trailer[];
  isMerge: boolean;
  /** Null for merges (no line counts) and where the counts could not be computed. */
  filesChanged: number | null;
  linesAdded: number | null;
  linesDeleted: number | null;
  /** False when git could not compute this commit's line counts (missing objects). */
  linesKnown: boolean;
  /** False when git printed a malformed date: both dates are then 1970-01-01 00:00 UTC. */
  datesKnown: boolean;
}

/** A tag and the commit it names, with the tagger's date (the commit's for a lightweight tag). */
export interface Tag {
  name: string;
  sha: string;
  taggedAt: number;
}

/** Pull requests, issues, reviews, comments and releases as mapped from GitHub's answers (collect/github/map.ts). */

/** What pull requests and issues have in common. */
interface ItemRow {
  number: number;
  nodeId: string;
  title: string;
  authorLogin: string | null;
  authorIsBot: boolean;
  /** GitHub's numeric id of the author's account (`databaseId`), which survives a rename; null for a ghost. */
  authorId?: number | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  state: string;
  labels: string[];
}

export interface PullRequestRow extends ItemRow {
  mergedAt: string | null;
  mergedBy: string | null;
  isDraft: boolean;
  additions: number | null;
  deletions: number | null;
  changedFiles: number | null;
  baseBranch: string | null;
}

export interface IssueRow extends ItemRow {
  stateReason: string | null;
}

export interface ReviewRow {
  prNumber: number;
  prNodeId: string;
  nodeId: string;
  authorLogin: string | null;
  authorIsBot: boolean;
  authorId?: number | null;
  state: string;
  submittedAt: string | null;
}

export type CommentKind = 'issue_comment' | 'pr_comment' | 'review_comment';

export interface CommentRow {
  nodeId: string;
  parentNodeId: string;
  parentKind: 'issue' | 'pull_request';
  parentNumber: number;
  kind: CommentKind;
  authorLogin: string | null;
  authorIsBot: boolean;
  authorId?: number | null;
  createdAt: string;
}

export interface ReleaseRow {
  nodeId: string;
  tag: string;
  name: string | null;
  createdAt: string;
  publishedAt: string | null;
  isPrerelease: boolean;
  isDraft: boolean;
}
