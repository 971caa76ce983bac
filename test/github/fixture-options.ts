/** Options of the GitHubFixture helpers. Times are ISO strings or Dates; omitted ones come from the fixture's clock. */
import type { FxActor, FxRepository, FxUser, IssueState, IssueStateReason, PullRequestState, ReviewState } from './fixture-types.js';

export type Time = string | Date;
/** An actor, a user's login (created on first use), or `null` for the ghost. */
export type ActorRef = FxActor | string | null;
export type RepoRef = FxRepository | string;

export interface RepositoryOptions {
  ownerType?: 'Organization' | 'User';
  isFork?: boolean;
  isArchived?: boolean;
  isPrivate?: boolean;
  /** `null` makes an empty repository without a default branch. Default `main`. */
  defaultBranch?: string | null;
  stargazerCount?: number;
  forkCount?: number;
  /** Number of watchers to create (users `watcher-1`, …). */
  watchers?: number;
  createdAt?: Time;
}

export interface ItemOptions {
  number?: number;
  title?: string;
  body?: string;
  /** Default: the user `octocat`. */
  author?: ActorRef;
  createdAt?: Time;
  /** Default: the latest of createdAt, closedAt and mergedAt. */
  updatedAt?: Time;
  closedAt?: Time | null;
  labels?: string[];
}

export interface PullRequestOptions extends ItemOptions {
  state?: PullRequestState;
  isDraft?: boolean;
  mergedAt?: Time | null;
  mergedBy?: ActorRef;
  additions?: number;
  deletions?: number;
  changedFiles?: number;
  baseRefName?: string;
  headRefName?: string;
}

export interface IssueOptions extends ItemOptions {
  state?: IssueState;
  stateReason?: IssueStateReason | null;
}

export interface CommentOptions {
  author?: ActorRef;
  body?: string;
  createdAt?: Time;
}

export interface ReviewOptions extends CommentOptions {
  state?: ReviewState;
  submittedAt?: Time | null;
}

export interface ReleaseOptions {
  name?: string | null;
  createdAt?: Time;
  publishedAt?: Time | null;
  isPrerelease?: boolean;
  isDraft?: boolean;
  author?: ActorRef;
}

export interface CommitOptions {
  oid?: string;
  message?: string;
  email?: string;
  name?: string;
  /** The GitHub user the commit email belongs to; `null` when none does. */
  user?: FxUser | string | null;
  date?: Time;
}
