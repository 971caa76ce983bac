import { githubCloneUrl, matchesGlob } from '../../config/repo.js';
import type { GithubConfig, OwnerConfig, RepoConfig } from '../../config/types.js';
import type { GitHubClient } from './client.js';
import { Cursors } from './cursor.js';
import { probeKey, type Probes } from './probes.js';
import { ORGANIZATION_REPOSITORIES, PROBE_BATCH } from './queries.js';
import type { Connection, ProbeRepository } from './types.js';

type Listed = ProbeRepository & { isArchived: boolean; isFork: boolean };
type OwnerAnswer = { repositoryOwner: { repositories: Connection<Listed> } | null };

/** Keeps the repositories to collect: not archived, not forks, not excluded by name or owner/name. */
export function selectOwnerRepos(list: readonly { nameWithOwner: string; isArchived: boolean; isFork: boolean }[], exclude: readonly string[]): string[] {
  return list
    .filter((r) => !r.isArchived && !r.isFork)
    .map((r) => r.nameWithOwner)
    .filter((full) => !exclude.some((pattern) => matchesGlob(pattern, full) || matchesGlob(pattern, full.split('/')[1] ?? '')));
}

/**
 * Lists an organisation's (or user's) repositories over GraphQL, as `github:` repositories. The
 * listing carries each repository's probe (queries.ts), kept in `probes`: a repository listed
 * here is not probed again, so one that did not change costs nothing beyond its listing page.
 */
export async function expandOwner(client: GitHubClient, owner: OwnerConfig, github: GithubConfig, probes?: Probes): Promise<RepoConfig[]> {
  const all: Listed[] = [];
  const cursors = new Cursors(`${owner.owner}/* repositories`);
  let after: string | null = null;
  for (;;) {
    const answer: OwnerAnswer = await client.query(ORGANIZATION_REPOSITORIES, { login: owner.owner, first: PROBE_BATCH, after }, `${owner.owner}/*`);
    if (!answer.repositoryOwner) throw new Error(`GitHub has no organisation or user "${owner.owner}"`);
    const page = answer.repositoryOwner.repositories;
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    after = cursors.next(page.pageInfo);
  }
  for (const listed of all) probes?.set(probeKey(listed.nameWithOwner), { probe: listed });
  return selectOwnerRepos(all, owner.exclude).map((full) => {
    const [ownerName = '', name = ''] = full.split('/');
    return { name: full, kind: 'github', url: githubCloneUrl(github.webUrl, full), local: false, branch: undefined, github: { owner: ownerName, name }, origin: owner.origin };
  });
}
