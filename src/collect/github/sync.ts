import type { RepoConfig } from '../../config/types.js';
import { errorMessage } from '../../errors.js';
import { redact } from '../../redact.js';
import { insertRepoStats } from '../../store/github.js';
import { forgetSource, readSourceStates, saveSourceError, type SourceState } from '../../store/state.js';
import type { Progress } from '../progress.js';
import { crawl, type CrawlResult, type CrawlTarget } from './crawl.js';
import { syncCommitLogins, syncReleases, syncStargazers } from './extras.js';
import { UNKNOWN_SIZE_PAGES } from './cursor.js';
import type { ProbeOutcome } from './probes.js';
import { ISSUE_PAGE, PROBE, PULL_REQUEST_PAGE } from './queries.js';
import { listingPosition, listReviewComments, REVIEW_COMMENTS_SOURCE, reviewCommentsCurrent, startListing } from './review-comments.js';
import { issueTarget, pullRequestTarget, type TargetContext } from './targets.js';
import type { ProbeRepository } from './types.js';

export const GITHUB_SOURCES = ['github_pull_requests', 'github_issues', 'github_releases', 'github_stargazers', 'github_commit_logins'] as const;

export interface GitHubContext extends TargetContext {
  progress: Progress;
  /** Re-sync from scratch and remove what GitHub no longer returns. */
  full: boolean;
}

export interface GitHubRepoResult {
  name: string;
  ok: boolean;
  pullRequests: number;
  issues: number;
  removed: number;
  message: string;
}

const changedSince = (latest: string | undefined, state: SourceState | undefined): boolean =>
  !state?.complete || state.cursor !== null || (latest !== undefined && (state.watermark === null || Date.parse(latest) > Date.parse(state.watermark)));

/** A crawl with a progress bar on a terminal (the total is an upper bound for an incremental crawl). */
async function crawlWithProgress<N>(progress: Progress, label: string, total: number, target: CrawlTarget<N>, state: SourceState | undefined, full: boolean, now: string): Promise<CrawlResult> {
  progress.begin(label, total);
  try {
    return await crawl({ ...target, total, onPage: (n) => progress.advance(label, n) }, state, full, now);
  } finally {
    progress.done(label);
  }
}

/**
 * The most requests one repository's GitHub data could need in a run, generously: every page
 * of what GitHub counted ten times over (retries, follow-up pages of busy items), a REST
 * page of inline review comments per pull request (reviewListingPages), plus the commit
 * authors of up to a million commits, which GitHub does not count.
 */
export function requestCeiling(probe: ProbeRepository): number {
  const pages = (total: number, size: number) => Math.ceil(total / size);
  const counted = pages(probe.latestPullRequest.totalCount, PULL_REQUEST_PAGE) + pages(probe.latestIssue.totalCount, ISSUE_PAGE) + pages(probe.latestRelease.totalCount, 100) + pages(probe.stargazerCount, 100);
  return 10 * counted + reviewListingPages(probe) + UNKNOWN_SIZE_PAGES + 100;
}

/** Pages of the repository-wide inline comment listing read at most: 100 comments per pull request on average. */
const reviewListingPages = (probe: ProbeRepository): number => probe.latestPullRequest.totalCount + 10;

/**
 * Brings one repository's GitHub data up to date. Never throws: failures become the result.
 * `probed` is what a batch of probes (probes.ts) or the owner's listing said; without it the
 * repository is probed on its own. An unchanged repository sends no query here.
 */
export async function collectGitHubRepo(repo: RepoConfig & { github: { owner: string; name: string } }, repoId: number, ctx: GitHubContext, probed?: ProbeOutcome): Promise<GitHubRepoResult> {
  const result: GitHubRepoResult = { name: repo.name, ok: true, pullRequests: 0, issues: 0, removed: 0, message: '' };
  const { owner, name } = repo.github;
  const context = `${owner}/${name}`;
  const now = new Date().toISOString();
  try {
    if (probed && 'error' in probed) throw new Error(probed.error);
    const probe = probed?.probe ?? (await ctx.client.query<{ repository: ProbeRepository }>(PROBE, { owner, name }, context)).repository;
    const states = await ctx.writer.use(async (db) => {
      await insertRepoStats(db, repoId, ctx.runId, {
        stars: probe.stargazerCount,
        forks: probe.forkCount,
        watchers: probe.watchers.totalCount,
        openIssues: probe.openIssues.totalCount,
        openPrs: probe.openPullRequests.totalCount,
      });
      return readSourceStates(db, repoId);
    });
    ctx.client.limitRequests(context, requestCeiling(probe), `its ${probe.latestPullRequest.totalCount} pull requests, ${probe.latestIssue.totalCount} issues, ${probe.latestRelease.totalCount} releases and ${probe.stargazerCount} stars`);
    const scope = { repoId, owner, name, now };
    const entity = async <N>(target: CrawlTarget<N>, latest: { totalCount: number; nodes: { updatedAt: string }[] }, label: string): Promise<CrawlResult> => {
      const state = states.get(target.source);
      if (!ctx.full && !changedSince(latest.nodes[0]?.updatedAt, state)) return { stored: 0, removed: 0 };
      return crawlWithProgress(ctx.progress, `${repo.name} ${label}`, latest.totalCount, target, state, ctx.full, now);
    };
    const prState = states.get('github_pull_requests');
    const listing = { ...ctx, repoId, owner, name };
    // A crawl from nothing (first collect, --full, or one an earlier version began) leaves inline
    // comments to one listing after it: marked first, so that a run killed in between still lists them.
    let position = listingPosition(states.get(REVIEW_COMMENTS_SOURCE)?.cursor);
    const prsChanged = ctx.full || changedSince(probe.latestPullRequest.nodes[0]?.updatedAt, prState);
    if (prsChanged && (ctx.full || (!prState?.watermark && position === undefined))) {
      position = await ctx.writer.use((db) => startListing(db, listing));
    }
    const prs = await entity(pullRequestTarget(ctx, scope), probe.latestPullRequest, 'pull requests');
    if (position) await listReviewComments(listing, position, reviewListingPages(probe), `${probe.latestPullRequest.totalCount} pull requests`);
    else if (prsChanged) await ctx.writer.use((db) => reviewCommentsCurrent(db, listing));
    const issues = await entity(issueTarget(ctx, scope), probe.latestIssue, 'issues');
    result.pullRequests = prs.stored;
    result.issues = issues.stored;
    result.removed = prs.removed + issues.removed;
    const extras = { client: ctx.client, writer: ctx.writer, runId: ctx.runId, repoId, owner, name, full: ctx.full };
    await syncReleases(extras, probe, states.get('github_releases'));
    await syncStargazers(extras, probe, states.get('github_stargazers'));
    await syncCommitLogins(extras, probe, states.get('github_commit_logins'));
    if (states.has('github')) await ctx.writer.use((db) => forgetSource(db, repoId, 'github'));
    const parts = [`${result.pullRequests} pull request${result.pullRequests === 1 ? '' : 's'}`, `${result.issues} issue${result.issues === 1 ? '' : 's'} updated`];
    if (result.removed > 0) parts.push(`${result.removed} removed (no longer on GitHub)`);
    // GitHub follows a renamed (or transferred) repository's old name: the data is the same, the config is out of date.
    if (probe.nameWithOwner.toLowerCase() !== context.toLowerCase()) parts.push(`GitHub now calls it ${probe.nameWithOwner}: change \`github: ${context}\` in the config`);
    result.message = `${repo.name}: GitHub: ${parts.join(', ')}`;
  } catch (error) {
    result.ok = false;
    result.message = `${repo.name}: GitHub: failed: ${redact(errorMessage(error))}`;
    await ctx.writer.use((db) => saveSourceError(db, repoId, ctx.runId, 'github', result.message)).catch(() => undefined);
  }
  return result;
}
