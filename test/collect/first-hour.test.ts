import { describe, expect, it } from 'vitest';
import { formatSummary, type CollectSummary } from '../../src/collect/run.js';
import { runCli } from '../helpers/cli.js';

// Issue 12, the first hour: what a new user reads after `cdstats init` and a first collect.
const summary = (over: Partial<CollectSummary>): CollectSummary => ({
  repos: 1,
  reposFailed: 0,
  commitsAdded: 0,
  commitsRemoved: 0,
  linesUnknown: 0,
  datesUnknown: 0,
  githubPoints: 0,
  githubRestRequests: 0,
  errors: [],
  seconds: 0.33,
  results: [],
  github: [],
  rateLimit: undefined,
  githubSkipped: undefined,
  profiles: undefined,
  ...over,
});

describe('the summary of a collect', () => {
  it('says how many repositories failed, and why', () => {
    const why = "tektoncd/pipeline: failed: cannot clone https://github.com/tektoncd/pipeline.git: fatal: unable to access 'https://github.com/tektoncd/pipeline.git/': Could not resolve host: github.com";
    expect(formatSummary(summary({ reposFailed: 1, errors: [why] }))).toBe(`collected 1 repository, 0 new commits, 1 repository failed in 0.33 s\nfailed:\n  ${why}`);
    expect(formatSummary(summary({ repos: 3, commitsAdded: 1 }))).toBe('collected 3 repositories, 1 new commit, none failed in 0.33 s');
  });
});

describe('cdstats init --help', () => {
  it('says what it adds to .gitignore', async () => {
    const result = await runCli(['init', '--help'], { cwd: process.cwd() });
    expect(result.stdout).toContain('add data/ and report/ to .gitignore');
  });
});
