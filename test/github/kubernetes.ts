/**
 * A kubernetes-like repository for the GitHub fixture: review-heavy pull requests (reviews per
 * pull request with median 4, 90th percentile 20, 99th 80, a few past 100; inline comments on 60%,
 * most later reviews being one reply in an inline thread, as GitHub records a reply), labels and
 * conversation comments by the dozen, issues. Deterministic for a seed, for the bench
 * (10,000 pull requests, 5,000 issues) and, smaller, for tests.
 */
import type { GitHubFixture } from './fixture.js';
import type { FxActor, FxIssue, FxPullRequest, FxRepository, ReviewState } from './fixture-types.js';

export interface KubernetesOptions {
  pullRequests?: number;
  issues?: number;
  seed?: number;
}

/** What was generated, counted while building (not read back). */
export interface KubernetesCounts {
  pullRequests: number;
  issues: number;
  reviews: number;
  /** Pull requests with at least one inline review comment. */
  withInline: number;
  reviewComments: number;
  prComments: number;
  issueComments: number;
}

/** A deterministic pseudo-random sequence in [0, 1) (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A count at quantile `u` of a distribution given by its quantiles: linear from 0 up to the
 * median, log-linear between the other anchors, rounded.
 */
export function quantile(u: number, anchors: readonly (readonly [number, number])[]): number {
  for (let i = 1; i < anchors.length; i++) {
    const [u0, v0] = anchors[i - 1] as readonly [number, number];
    const [u1, v1] = anchors[i] as readonly [number, number];
    if (u > u1 && i < anchors.length - 1) continue;
    const t = (u - u0) / (u1 - u0);
    return Math.round(v0 <= 0 ? v0 + t * (v1 - v0) : Math.exp(Math.log(v0) + t * (Math.log(v1) - Math.log(v0))));
  }
  return 0;
}

/** Reviews per pull request: median 4, 90th percentile 20, 99th 80, at most 250. */
export const REVIEWS: readonly (readonly [number, number])[] = [[0, 0], [0.5, 4], [0.9, 20], [0.99, 80], [1, 250]];
/** Conversation comments per pull request (the CI bot's included): median 5, a few past 100. */
const PR_COMMENTS: readonly (readonly [number, number])[] = [[0, 0], [0.5, 5], [0.9, 20], [0.99, 60], [1, 150]];
const ISSUE_COMMENTS: readonly (readonly [number, number])[] = [[0, 0], [0.5, 3], [0.9, 12], [0.99, 40], [1, 120]];
/** Share of all pull requests with inline review comments. */
const INLINE_SHARE = 0.6;
/** Share of pull requests with at least one review: inline comments need one. */
const REVIEWED_SHARE = 1 - 1 / 16;
const LABELS = ['kind/bug', 'kind/feature', 'kind/cleanup', 'sig/node', 'sig/api-machinery', 'sig/network', 'sig/storage', 'size/S', 'size/M', 'size/L', 'cncf-cla: yes', 'lgtm', 'approved', 'release-note-none', 'needs-rebase', 'priority/important-soon'];

/** Adds the repository `name` (owner/name) to `fixture`; returns what it holds. */
export function addKubernetesLikeRepository(fixture: GitHubFixture, name: string, options: KubernetesOptions = {}): KubernetesCounts {
  const world = new KubernetesLike(fixture, name, options.seed ?? 15);
  for (let i = 0; i < (options.pullRequests ?? 10_000); i++) world.addPullRequest();
  for (let i = 0; i < (options.issues ?? 5_000); i++) world.addIssue();
  return world.counts;
}

/**
 * A day of activity on a kubernetes-like repository made by addKubernetesLikeRepository (same
 * name): `updated` existing pull requests get a review (a reply in an inline thread when they
 * have threads) or a comment, `added` new ones come with the same distribution, and as many
 * issues are commented on and opened. Returns what it added.
 */
export function addKubernetesActivity(fixture: GitHubFixture, name: string, options: { updated: number; added: number; seed?: number }): KubernetesCounts {
  const world = new KubernetesLike(fixture, name, options.seed ?? 16);
  const repo = world.repo;
  const prs = [...repo.pullRequests];
  for (let i = 0; i < options.updated; i++) {
    const pr = prs[Math.floor(world.rand() * prs.length)];
    if (pr) world.touchPullRequest(pr);
  }
  for (let i = 0; i < options.added; i++) world.addPullRequest();
  const issues = [...repo.issues];
  for (let i = 0; i < options.updated; i++) {
    const issue = issues[Math.floor(world.rand() * issues.length)];
    if (issue) world.comment(issue, 'issue');
  }
  for (let i = 0; i < options.added; i++) world.addIssue();
  return world.counts;
}

class KubernetesLike {
  readonly rand: () => number;
  readonly repo: FxRepository;
  readonly counts: KubernetesCounts = { pullRequests: 0, issues: 0, reviews: 0, withInline: 0, reviewComments: 0, prComments: 0, issueComments: 0 };
  private readonly people: FxActor[];
  private readonly copilot: FxActor;
  private readonly dependabot: FxActor;

  constructor(
    private readonly fixture: GitHubFixture,
    name: string,
    seed: number,
  ) {
    this.rand = random(seed);
    this.repo = fixture.repository(name) ?? fixture.addRepository(name, { forkCount: 40_000, watchers: 3 });
    const slug = name.replace('/', '-');
    this.people = Array.from({ length: 400 }, (_, i) => fixture.user(`${slug}-dev${i}`));
    this.copilot = fixture.bot('copilot-pull-request-reviewer');
    this.dependabot = fixture.bot('dependabot');
  }

  /** A ghost (deleted account) now and then; people, some much busier than others. */
  pick(): FxActor | null {
    if (this.rand() < 0.01) return null;
    return this.people[Math.floor(this.people.length * this.rand() ** 2)] ?? null;
  }

  addPullRequest(): void {
    const { rand } = this;
    const state = rand() < 0.75 ? 'MERGED' : rand() < 0.7 ? 'CLOSED' : 'OPEN';
    const labels = LABELS.filter(() => rand() < 0.35);
    const author = rand() < 0.05 ? this.dependabot : this.pick();
    const pr = this.fixture.addPullRequest(this.repo, { author, state, ...(state === 'MERGED' ? { mergedBy: this.pick() } : {}), labels });
    this.counts.pullRequests++;
    const reviews = quantile(rand(), REVIEWS);
    const inline = reviews > 0 && rand() < INLINE_SHARE / REVIEWED_SHARE;
    const added = this.addReviews(pr, reviews, inline);
    if (added > 0) this.counts.withInline++;
    const comments = quantile(rand(), PR_COMMENTS);
    for (let c = 0; c < comments; c++) this.comment(pr, 'pull request');
  }

  addIssue(): void {
    const issue = this.fixture.addIssue(this.repo, { author: this.pick(), labels: LABELS.slice(0, 7).filter(() => this.rand() < 0.3), state: this.rand() < 0.7 ? 'CLOSED' : 'OPEN' });
    this.counts.issues++;
    const comments = quantile(this.rand(), ISSUE_COMMENTS);
    for (let c = 0; c < comments; c++) this.comment(issue, 'issue');
  }

  /** A reply in an inline thread (a review of its own) when the pull request has some, else a comment. */
  touchPullRequest(pr: FxPullRequest): void {
    const threaded = pr.reviews.some((r) => r.comments.length > 0);
    if (threaded && this.rand() < 0.7) {
      const author = this.pick();
      const review = this.fixture.addReview(pr, { author, state: 'COMMENTED' });
      this.fixture.addReviewComment(pr, review, { author });
      this.counts.reviews++;
      this.counts.reviewComments++;
    } else {
      this.comment(pr, 'pull request');
    }
  }

  comment(item: FxPullRequest | FxIssue, kind: 'pull request' | 'issue'): void {
    this.fixture.addComment(item, { author: this.pick() });
    if (kind === 'issue') this.counts.issueComments++;
    else this.counts.prComments++;
  }

  /**
   * `count` reviews of `pr`; with inline comments, the first opens 1–4 threads, later ones
   * mostly reply in one (a review each, as GitHub records a reply) or open new ones, a Copilot
   * review now and then; the last, approving, has none. Returns the inline comments added.
   */
  private addReviews(pr: FxPullRequest, count: number, inline: boolean): number {
    const { rand } = this;
    let added = 0;
    for (let r = 0; r < count; r++) {
      const last = r === count - 1 && count > 1;
      const state: ReviewState = last ? 'APPROVED' : rand() < 0.1 ? 'CHANGES_REQUESTED' : 'COMMENTED';
      const author = inline && r > 0 && rand() < 0.05 ? this.copilot : this.pick();
      const review = this.fixture.addReview(pr, { author, state });
      this.counts.reviews++;
      if (!inline || last) continue;
      const roll = rand();
      const n = r === 0 ? 1 + Math.floor(rand() * 4) : roll < 0.6 ? 1 : roll < 0.75 ? 1 + Math.floor(rand() * 3) : 0;
      for (let c = 0; c < n; c++) this.fixture.addReviewComment(pr, review, { author, path: `pkg/file${Math.floor(rand() * 50)}.go` });
      added += n;
    }
    this.counts.reviewComments += added;
    return added;
  }
}
