import { errorMessage } from '../../errors.js';
import type { Log } from '../../log.js';
import { redact } from '../../redact.js';
import type { GitHubClient } from './client.js';
import { PROBE_BATCH, probesQuery } from './queries.js';
import type { ProbeRepository } from './types.js';

/**
 * What a run learnt of a repository before reading it: its probe, or why GitHub could not give
 * one (the repository does not exist, or the token cannot see it). A repository with no entry
 * is probed on its own (sync.ts), as when a whole batch failed.
 */
export type ProbeOutcome = { probe: ProbeRepository } | { error: string };
export type Probes = Map<string, ProbeOutcome>;

/** The key of a repository in Probes: `owner/name`, without case (as GitHub compares them). */
export const probeKey = (nameWithOwner: string): string => nameWithOwner.toLowerCase();

/** The requests' context: the client's deadline and request cap apply to it as to a repository. */
const CONTEXT = 'repository probes';

/**
 * Probes the repositories that have none yet (an owner's listing probes its own), PROBE_BATCH in
 * one query of 1 point. A repository GitHub does not resolve fails alone, with GitHub's message;
 * one whose alias failed otherwise, or a batch that failed as a whole (after the client's waits
 * and retries), is left to be probed on its own, which retries again and fails alone.
 */
export async function probeRepositories(client: GitHubClient, repos: readonly { owner: string; name: string }[], probes: Probes, log: Log): Promise<Probes> {
  const wanted = [...new Map(repos.map((r) => [probeKey(`${r.owner}/${r.name}`), r] as const)).entries()].filter(([key]) => !probes.has(key));
  const batches: (typeof wanted)[] = [];
  for (let i = 0; i < wanted.length; i += PROBE_BATCH) batches.push(wanted.slice(i, i + PROBE_BATCH));
  // Ten times the queries needed (retries), as for a repository's pages.
  client.limitRequests(CONTEXT, 10 * batches.length + 10, `${wanted.length} repositories' probes`);
  await Promise.all(
    batches.map(async (batch) => {
      const variables = Object.fromEntries(batch.flatMap(([, r], i) => [[`o${i}`, r.owner], [`n${i}`, r.name]]));
      try {
        const { data, errors } = await client.queryEach<Record<string, ProbeRepository | null>>(probesQuery(batch.length), variables, CONTEXT);
        batch.forEach(([key, r], i) => {
          const probe = data[`r${i}`];
          const error = errors.find((e) => e.alias === `r${i}`);
          if (probe && !error) probes.set(key, { probe });
          else if (error?.type === 'NOT_FOUND' || (probe === null && error === undefined)) {
            probes.set(key, { error: `Probe for ${r.owner}/${r.name}: ${error?.message ?? 'GitHub has no such repository'}` });
          }
        });
      } catch (error) {
        const first = batch[0]?.[1];
        log.info(redact(`GitHub: probing ${batch.length} repositories at once (${first?.owner}/${first?.name} …) failed, probing them one by one: ${errorMessage(error)}`));
      }
    }),
  );
  return probes;
}
