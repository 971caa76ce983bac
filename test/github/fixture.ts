/**
 * The data a fake GitHub serves: repositories with their pull requests, issues, reviews,
 * comments, labels, releases, stargazers and default-branch history, plus users and bots.
 * Objects are plain, GraphQL-shaped (see fixture-types.ts) and can be changed directly; the
 * helpers below also keep GitHub's bookkeeping (numbers, ids, `updatedAt` bumps).
 *
 * Times default to a controllable clock (fixture-store.ts): every default timestamp is the
 * clock's current time, after which the clock moves on by `step` seconds, so defaults are
 * distinct and increasing.
 */
import { createHash } from 'node:crypto';
import type {
  CommentOptions, CommitOptions, IssueOptions, PullRequestOptions, ReleaseOptions, RepoRef, RepositoryOptions, ReviewOptions, Time,
} from './fixture-options.js';
import { FixtureStore, isoTime } from './fixture-store.js';
import type {
  FxCommit, FxIssue, FxIssueComment, FxLabel, FxPullRequest, FxRef, FxRelease, FxRepository, FxReview, FxReviewComment, FxStar, FxUser,
} from './fixture-types.js';

export { creationOrder, isoTime } from './fixture-store.js';
export type * from './fixture-types.js';
export type * from './fixture-options.js';

export class GitHubFixture extends FixtureStore {
  private readonly numbers = new WeakMap<FxRepository, number>();

  // ---- repositories --------------------------------------------------------------------------

  addRepository(nameWithOwner: string, options: RepositoryOptions = {}): FxRepository {
    const [login, name, extra] = nameWithOwner.split('/');
    if (!login || !name || extra !== undefined) throw new Error(`Expected owner/name, got ${nameWithOwner}`);
    if (this.repos.has(nameWithOwner.toLowerCase())) throw new Error(`${nameWithOwner} already exists`);
    const owner = options.ownerType === 'User' ? this.user(login) : this.owner(login) ?? this.organization(login);
    const createdAt = this.stamp(options.createdAt);
    const repo: FxRepository = this.register<FxRepository>({
      __typename: 'Repository', name, owner,
      get nameWithOwner(): string { return `${this.owner.login}/${this.name}`; },
      isFork: options.isFork ?? false, isArchived: options.isArchived ?? false, isPrivate: options.isPrivate ?? false, isLocked: false,
      defaultBranch: options.defaultBranch === undefined ? 'main' : options.defaultBranch,
      get defaultBranchRef(): FxRef | null {
        if (this.defaultBranch === null) return null;
        return { __typename: 'Ref', id: `REF_${repo.id}`, name: this.defaultBranch, prefix: 'refs/heads/', target: this.commits[0] ?? null };
      },
      stargazerCountOverride: options.stargazerCount ?? null,
      get stargazerCount(): number { return this.stargazerCountOverride ?? this.stargazers.length; },
      forkCount: options.forkCount ?? 0, createdAt, updatedAt: createdAt, pushedAt: createdAt,
      issues: [], pullRequests: [], releases: [], stargazers: [], watchers: [], labels: [], commits: [],
    });
    for (let i = 1; i <= (options.watchers ?? 0); i++) repo.watchers.push(this.user(`watcher-${i}`));
    owner.repositories.push(repo);
    this.repos.set(nameWithOwner.toLowerCase(), repo);
    return repo;
  }

  /** Renames a repository; its old name still resolves to it, as GitHub redirects a renamed repository. */
  renameRepository(ref: RepoRef, name: string): FxRepository {
    const repo = this.repo(ref);
    repo.name = name;
    this.repos.set(repo.nameWithOwner.toLowerCase(), repo);
    return repo;
  }

  // ---- pull requests and issues --------------------------------------------------------------

  addPullRequest(repoRef: RepoRef, options: PullRequestOptions = {}): FxPullRequest {
    const repo = this.repo(repoRef);
    const state = options.state ?? 'OPEN';
    const createdAt = this.stamp(options.createdAt);
    const mergedAt = options.mergedAt === undefined ? (state === 'MERGED' ? this.stamp() : null) : options.mergedAt && isoTime(options.mergedAt);
    const closedAt = options.closedAt === undefined ? (state === 'OPEN' ? null : mergedAt ?? this.stamp()) : options.closedAt && isoTime(options.closedAt);
    const number = this.nextNumber(repo, options.number);
    const pr: FxPullRequest = this.register<FxPullRequest>({
      __typename: 'PullRequest', number, title: options.title ?? `Pull request ${number}`, body: options.body ?? '',
      author: this.actor(options.author), createdAt, updatedAt: this.latest(options.updatedAt, createdAt, closedAt, mergedAt),
      closedAt, closed: state !== 'OPEN', locked: false, labels: [], comments: [], repository: repo,
      state, isDraft: options.isDraft ?? false, merged: state === 'MERGED', mergedAt,
      mergedBy: state === 'MERGED' ? this.actor(options.mergedBy) : null,
      additions: options.additions ?? 10, deletions: options.deletions ?? 2, changedFiles: options.changedFiles ?? 1,
      baseRefName: options.baseRefName ?? repo.defaultBranch ?? 'main', headRefName: options.headRefName ?? `topic-${number}`,
      reviews: [],
      get totalCommentsCount(): number { return pr.comments.length + pr.reviews.reduce((n: number, review: FxReview) => n + review.comments.length, 0); },
    });
    repo.pullRequests.push(pr);
    for (const label of options.labels ?? []) this.attachLabel(pr, label);
    return pr;
  }

  addIssue(repoRef: RepoRef, options: IssueOptions = {}): FxIssue {
    const repo = this.repo(repoRef);
    const state = options.state ?? 'OPEN';
    const createdAt = this.stamp(options.createdAt);
    const closedAt = options.closedAt === undefined ? (state === 'CLOSED' ? this.stamp() : null) : options.closedAt && isoTime(options.closedAt);
    const number = this.nextNumber(repo, options.number);
    const issue = this.register<FxIssue>({
      __typename: 'Issue', number, title: options.title ?? `Issue ${number}`, body: options.body ?? '',
      author: this.actor(options.author), createdAt, updatedAt: this.latest(options.updatedAt, createdAt, closedAt),
      closedAt, closed: state === 'CLOSED', locked: false, labels: [], comments: [], repository: repo,
      state, stateReason: options.stateReason === undefined ? (state === 'CLOSED' ? 'COMPLETED' : null) : options.stateReason,
    });
    repo.issues.push(issue);
    for (const label of options.labels ?? []) this.attachLabel(issue, label);
    return issue;
  }

  /** Applies `changes` to a pull request and sets its `updatedAt` to `at` (default: the clock). */
  touchPullRequest(repo: RepoRef, number: number, changes: Partial<Omit<FxPullRequest, 'totalCommentsCount'>> = {}, at?: Time): FxPullRequest {
    const pr = this.pullRequest(repo, number);
    const updatedAt = this.stamp(at);
    if (changes.state === 'MERGED' && pr.state !== 'MERGED') Object.assign(pr, { merged: true, mergedAt: updatedAt, closedAt: updatedAt, closed: true });
    if (changes.state === 'CLOSED' && pr.state === 'OPEN') Object.assign(pr, { closedAt: updatedAt, closed: true });
    return Object.assign(pr, changes, { updatedAt });
  }

  /** Applies `changes` to an issue and sets its `updatedAt` to `at` (default: the clock). */
  touchIssue(repo: RepoRef, number: number, changes: Partial<FxIssue> = {}, at?: Time): FxIssue {
    const issue = this.issue(repo, number);
    const updatedAt = this.stamp(at);
    if (changes.state === 'CLOSED' && issue.state === 'OPEN') Object.assign(issue, { closedAt: updatedAt, closed: true, stateReason: 'COMPLETED' });
    if (changes.state === 'OPEN' && issue.state === 'CLOSED') Object.assign(issue, { closedAt: null, closed: false, stateReason: 'REOPENED' });
    return Object.assign(issue, changes, { updatedAt });
  }

  /** Removes an issue (and its comments): it disappears from every result and from `node(id)`. */
  deleteIssue(repoRef: RepoRef, number: number): void {
    const repo = this.repo(repoRef);
    const issue = this.issue(repo, number);
    repo.issues = repo.issues.filter((i) => i !== issue);
    for (const comment of issue.comments) this.forget(comment.id);
    this.forget(issue.id);
  }

  // ---- comments, reviews, labels -------------------------------------------------------------

  /** A comment on an issue or pull request; bumps the parent's `updatedAt` to the comment's time. */
  addComment(parent: FxIssue | FxPullRequest, options: CommentOptions = {}): FxIssueComment {
    const comment = this.register<FxIssueComment>({ __typename: 'IssueComment', ...this.commentFields(options) });
    parent.comments.push(comment);
    this.bump(parent, comment.createdAt);
    return comment;
  }

  deleteComment(parent: FxIssue | FxPullRequest, comment: FxIssueComment): void {
    parent.comments = parent.comments.filter((c) => c !== comment);
    this.forget(comment.id);
  }

  /** A review (default state COMMENTED, submitted when created); bumps the pull request's `updatedAt`. */
  addReview(pr: FxPullRequest, options: ReviewOptions = {}): FxReview {
    const fields = this.commentFields(options);
    const submittedAt = options.submittedAt === undefined ? fields.createdAt : options.submittedAt && isoTime(options.submittedAt);
    const review = this.register<FxReview>({ __typename: 'PullRequestReview', ...fields, state: options.state ?? 'COMMENTED', submittedAt, comments: [] });
    pr.reviews.push(review);
    this.bump(pr, review.createdAt);
    return review;
  }

  /** An inline comment inside a review; bumps the pull request's `updatedAt`. */
  addReviewComment(pr: FxPullRequest, review: FxReview, options: CommentOptions & { path?: string } = {}): FxReviewComment {
    if (!pr.reviews.includes(review)) throw new Error('The review does not belong to this pull request');
    const comment = this.register<FxReviewComment>({ __typename: 'PullRequestReviewComment', ...this.commentFields(options), path: options.path ?? 'README.md' });
    review.comments.push(comment);
    this.bump(pr, comment.createdAt);
    return comment;
  }

  /** Removes an inline comment from its review (GitHub does not move the pull request's `updatedAt` for it). */
  deleteReviewComment(review: FxReview, comment: FxReviewComment): void {
    review.comments = review.comments.filter((c) => c !== comment);
    this.forget(comment.id);
  }

  /** Labels an issue or pull request (the repository's label, created on first use); bumps `updatedAt`. */
  addLabel(item: FxIssue | FxPullRequest, name: string, at?: Time): FxLabel {
    const label = this.attachLabel(item, name);
    this.bump(item, this.stamp(at));
    return label;
  }

  // ---- releases, stars, commits --------------------------------------------------------------

  addRelease(repoRef: RepoRef, tagName: string, options: ReleaseOptions = {}): FxRelease {
    const repo = this.repo(repoRef);
    const createdAt = this.stamp(options.createdAt);
    const isDraft = options.isDraft ?? false;
    const publishedAt = options.publishedAt === undefined ? (isDraft ? null : createdAt) : options.publishedAt && isoTime(options.publishedAt);
    const release = this.register<FxRelease>({
      __typename: 'Release', tagName, name: options.name === undefined ? tagName : options.name, createdAt, updatedAt: createdAt, publishedAt,
      isPrerelease: options.isPrerelease ?? false, isDraft, isLatest: false, author: this.actor(options.author),
    });
    repo.releases.push(release);
    return release;
  }

  addStargazer(repoRef: RepoRef, user: FxUser | string, starredAt?: Time): FxStar {
    const star: FxStar = { node: typeof user === 'string' ? this.user(user) : user, starredAt: this.stamp(starredAt) };
    this.order(star);
    this.repo(repoRef).stargazers.push(star);
    return star;
  }

  /** A commit on top of the default branch (history lists the latest added first). */
  addCommit(repoRef: RepoRef, options: CommitOptions = {}): FxCommit {
    const repo = this.repo(repoRef);
    const date = this.stamp(options.date);
    const oid = options.oid ?? createHash('sha1').update(`commit ${repo.nameWithOwner} ${repo.commits.length} ${date} ${options.message ?? ''}`).digest('hex');
    const user = typeof options.user === 'string' ? this.user(options.user) : options.user ?? null;
    const actor = { email: options.email ?? user?.email ?? 'someone@example.com', name: options.name ?? user?.name ?? user?.login ?? 'Someone', date, user };
    const message = options.message ?? `Commit ${oid.slice(0, 7)}`;
    const commit: FxCommit = this.register<FxCommit>({
      __typename: 'Commit', oid, abbreviatedOid: oid.slice(0, 7), message, messageHeadline: message.split('\n')[0] ?? '',
      authoredDate: date, committedDate: date, author: actor, committer: actor,
      get history(): FxCommit[] { return repo.commits.slice(repo.commits.indexOf(commit)); },
    });
    repo.commits.unshift(commit);
    repo.pushedAt = date;
    return commit;
  }


  // ---- internals -----------------------------------------------------------------------------

  private commentFields(options: CommentOptions) {
    const createdAt = this.stamp(options.createdAt);
    return { author: this.actor(options.author), body: options.body ?? '', createdAt, updatedAt: createdAt, publishedAt: createdAt };
  }

  private attachLabel(item: FxIssue | FxPullRequest, name: string): FxLabel {
    const repo = item.repository;
    const label = repo.labels.find((l) => l.name === name) ?? this.register<FxLabel>({
      __typename: 'Label', name, color: 'ededed', description: null, isDefault: false, createdAt: this.now, updatedAt: this.now,
    });
    if (!repo.labels.includes(label)) repo.labels.push(label);
    if (!item.labels.includes(label)) item.labels.push(label);
    return label;
  }

  private nextNumber(repo: FxRepository, wanted?: number): number {
    const taken = new Set([...repo.issues, ...repo.pullRequests].map((i) => i.number));
    const number = wanted ?? (this.numbers.get(repo) ?? 0) + 1;
    if (taken.has(number)) throw new Error(`#${number} already exists in ${repo.nameWithOwner}`);
    this.numbers.set(repo, Math.max(number, this.numbers.get(repo) ?? 0));
    return number;
  }
}
