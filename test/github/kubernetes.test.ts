import { describe, expect, it } from 'vitest';
import { GitHubFixture } from './fixture.js';
import { addKubernetesLikeRepository, quantile, REVIEWS } from './kubernetes.js';

describe('the kubernetes-like repository', () => {
  it('draws reviews per pull request with median 4, 90th percentile 20, 99th 80', () => {
    expect([0.5, 0.9, 0.99].map((u) => quantile(u, REVIEWS))).toEqual([4, 20, 80]);
    expect(quantile(0.01, REVIEWS)).toBe(0);
    expect(quantile(0.9999, REVIEWS)).toBeGreaterThan(100);
  });

  it('has that distribution, inline comments on 60% of pull requests, and is the same for a seed', () => {
    const build = () => {
      const fixture = new GitHubFixture({ start: '2020-01-01T00:00:00Z', step: 60 });
      const counts = addKubernetesLikeRepository(fixture, 'kube/kubernetes', { pullRequests: 2000, issues: 10 });
      return { counts, repo: fixture.repository('kube/kubernetes') };
    };
    const { counts, repo } = build();
    const reviews = (repo?.pullRequests ?? []).map((pr) => pr.reviews.length).sort((a, b) => a - b);
    const at = (q: number) => reviews[Math.floor(q * reviews.length)];
    expect(at(0.5)).toBe(4);
    expect(at(0.9)).toBeGreaterThanOrEqual(17);
    expect(at(0.9)).toBeLessThanOrEqual(23);
    expect(at(0.99)).toBeGreaterThanOrEqual(65);
    expect(at(0.99)).toBeLessThanOrEqual(95);
    expect(counts.withInline / counts.pullRequests).toBeCloseTo(0.6, 1);
    expect(build().counts).toEqual(counts);
  });
});
