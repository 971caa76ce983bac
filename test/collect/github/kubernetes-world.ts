/** A small kubernetes-like world for the collector's tests, and what GitHub and the database hold of it. */
import { GitHubFixture, type FxActor, type FxPullRequest } from '../../github/fixture.js';
import { addKubernetesLikeRepository } from '../../github/kubernetes.js';
import { queryDb } from '../../helpers/db.js';
import type { buildWorld } from './world.js';

export const NAME = 'kube/kubernetes';

/** A small kubernetes-like repository, plus a pull request of 120 reviews and a review of 105 inline comments. */
export function kubernetesWorld(): ReturnType<typeof buildWorld> {
  const fixture = new GitHubFixture({ start: '2022-01-01T00:00:00Z', step: 60 });
  const counts = addKubernetesLikeRepository(fixture, NAME, { pullRequests: 300, issues: 40, seed: 3 });
  const busiest = fixture.addPullRequest(NAME, { title: 'Busiest', author: 'kube-kubernetes-dev1' });
  for (let r = 0; r < 120; r++) {
    const review = fixture.addReview(busiest, { author: r % 7 ? `kube-kubernetes-dev${r % 9}` : fixture.bot('copilot-pull-request-reviewer') });
    for (let c = 0; c < (r === 3 ? 105 : 1); c++) fixture.addReviewComment(busiest, review, { author: review.author });
  }
  const expected = { pullRequests: counts.pullRequests + 1, issues: counts.issues, reviews: 0, prComments: 0, reviewComments: 0, issueComments: 0, releases: 0, stargazers: 0, labelsOnBusiest: 0 };
  return { fixture, expected, busiest };
}

const who = (actor: FxActor | null) => ({ author_login: actor?.login ?? null, author_is_bot: actor?.__typename === 'Bot' });

/** What GitHub holds of the pull requests' reviews and comments, as the tables store it. */
export function heldByGitHub(fixture: GitHubFixture): { reviews: unknown[]; comments: unknown[] } {
  const prs: FxPullRequest[] = fixture.repository(NAME)?.pullRequests ?? [];
  const reviews = prs.flatMap((pr) =>
    pr.reviews.map((r) => ({ pr_number: pr.number, pr_node_id: pr.id, node_id: r.id, ...who(r.author), state: r.state, submitted_at: r.submittedAt })),
  );
  const parent = (pr: FxPullRequest) => ({ parent_node_id: pr.id, parent_kind: 'pull_request', parent_number: pr.number });
  const comments = prs.flatMap((pr) => [
    ...pr.comments.map((c) => ({ node_id: c.id, ...parent(pr), kind: 'pr_comment', ...who(c.author), created_at: c.createdAt })),
    ...pr.reviews.flatMap((r) => r.comments.map((c) => ({ node_id: c.id, ...parent(pr), kind: 'review_comment', ...who(c.author), created_at: c.createdAt }))),
  ]);
  const byId = (a: unknown, b: unknown) => ((a as { node_id: string }).node_id < (b as { node_id: string }).node_id ? -1 : 1);
  return { reviews: reviews.sort(byId), comments: comments.sort(byId) };
}

export async function stored(db: string): Promise<{ reviews: unknown[]; comments: unknown[] }> {
  const time = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ') AS ${column}`;
  const reviews = await queryDb(db, `SELECT pr_number, pr_node_id, node_id, author_login, author_is_bot, state, ${time('submitted_at')} FROM pr_reviews ORDER BY node_id`);
  const comments = await queryDb(
    db,
    `SELECT node_id, parent_node_id, parent_kind, parent_number, kind, author_login, author_is_bot, ${time('created_at')} FROM comments WHERE parent_kind = 'pull_request' ORDER BY node_id`,
  );
  return { reviews, comments };
}
