import { describe, expect, it } from 'vitest';
import { hasNextPage, restRoot } from '../../../src/collect/github/client.js';
import { classifyFailure } from '../../../src/collect/github/failure.js';
import { mapRestReviewComment, restActor, restPullRequestNumber } from '../../../src/collect/github/map.js';
import { listingPosition, nextPosition } from '../../../src/collect/github/review-comments.js';
import type { RestReviewComment } from '../../../src/collect/github/types.js';

const comment = (over: Partial<RestReviewComment> = {}): RestReviewComment => ({
  id: 7,
  node_id: 'PRRC_kw7',
  user: { login: 'ada', id: 1001, type: 'User' },
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-02T00:00:00Z',
  pull_request_url: 'https://api.github.com/repos/acme/widgets/pulls/12',
  ...over,
});

describe('GitHub REST, pure parts', () => {
  it('finds the REST root of github.com, of GitHub Enterprise Server and of a local server', () => {
    expect(restRoot('https://api.github.com/graphql')).toBe('https://api.github.com');
    expect(restRoot('https://ghe.example.com/api/graphql')).toBe('https://ghe.example.com/api/v3');
    expect(restRoot('http://127.0.0.1:4000/graphql')).toBe('http://127.0.0.1:4000');
  });

  it('reads whether a Link header names a next page', () => {
    expect(hasNextPage('<https://api.github.com/repositories/1/pulls/comments?page=2>; rel="next", <https://api.github.com/repositories/1/pulls/comments?page=9>; rel="last"')).toBe(true);
    expect(hasNextPage('<https://api.github.com/x?page=1>; rel="first", <https://api.github.com/x?page=8>; rel="prev"')).toBe(false);
    expect(hasNextPage(null)).toBe(false);
  });

  it('stores a REST comment as the GraphQL path did: bots without [bot], the ghost as no author, the pull request by number', () => {
    const pr = { id: 'PR_kw12', number: 12 };
    expect(restPullRequestNumber(comment())).toBe(12);
    expect(mapRestReviewComment(pr, comment())).toEqual({
      nodeId: 'PRRC_kw7', parentNodeId: 'PR_kw12', parentKind: 'pull_request', parentNumber: 12, kind: 'review_comment', authorLogin: 'ada', authorIsBot: false, authorId: 1001, createdAt: '2024-01-01T00:00:00Z',
    });
    expect(restActor({ login: 'dependabot[bot]', id: 49699333, type: 'Bot' })).toEqual({ __typename: 'Bot', login: 'dependabot', databaseId: 49699333 });
    expect(mapRestReviewComment(pr, comment({ user: { login: 'ghost', id: 10137, type: 'User' } }))).toMatchObject({ authorLogin: null, authorIsBot: false, authorId: null });
    expect(mapRestReviewComment(pr, comment({ user: null }))).toMatchObject({ authorLogin: null });
    // Only GitHub's placeholder account is the ghost.
    expect(restActor({ login: 'ghost', id: 5, type: 'User' })).toMatchObject({ login: 'ghost' });
  });

  it('pages the listing by `since`, a second before the last comment, or by number within one second', () => {
    const at = (updated: string) => comment({ updated_at: updated });
    expect(nextPosition({ since: null, page: 1 }, [at('2024-01-01T00:00:00Z'), at('2024-01-03T10:00:00Z')])).toEqual({ since: '2024-01-03T09:59:59Z', page: 1 });
    expect(nextPosition({ since: '2024-01-03T09:59:59Z', page: 1 }, [at('2024-01-03T10:00:00Z'), at('2024-01-03T10:00:00Z')])).toEqual({ since: '2024-01-03T09:59:59Z', page: 2 });
    expect(nextPosition({ since: '2024-01-03T09:59:59Z', page: 2 }, [at('2024-01-03T10:00:05Z')])).toEqual({ since: '2024-01-03T10:00:04Z', page: 1 });
    expect(listingPosition(null)).toBeUndefined();
    expect(listingPosition(JSON.stringify({ since: '2024-01-03T09:59:59Z', page: 2 }))).toEqual({ since: '2024-01-03T09:59:59Z', page: 2 });
    expect(listingPosition('{}')).toEqual({ since: null, page: 1 });
  });

  it('takes a REST 404 for something GitHub does not have', () => {
    const error = Object.assign(new Error('Not Found'), { name: 'HttpError', status: 404, response: { headers: {}, data: {} } });
    expect(classifyFailure(error)).toEqual({ kind: 'not-found', message: 'HTTP 404: Not Found' });
  });
});
