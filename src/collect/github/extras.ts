import { addStargazers, linkedShas, replaceReleases, upsertCommitLogins } from '../../store/github.js';
import { saveSourceState, type SourceState } from '../../store/state.js';
import type { Writer } from '../../store/writer.js';
import type { GitHubClient } from './client.js';
import { Cursors } from './cursor.js';
import { mapRelease } from './map.js';
import { COMMIT_AUTHORS, RELEASES, STARGAZERS } from './queries.js';
import type { Connection, HistoryNode, ProbeRepository, ReleaseNode } from './types.js';

export interface ExtrasContext {
  client: GitHubClient;
  writer: Writer;
  runId: number;
  repoId: number;
  owner: string;
  name: string;
  full: boolean;
}

/** Releases are few: re-read them all when their count or newest one changed (or with --full). */
export async function syncReleases(ctx: ExtrasContext, probe: ProbeRepository, state: SourceState | undefined): Promise<void> {
  const latest = probe.latestRelease.nodes[0];
  const signature = `${probe.latestRelease.totalCount}|${latest?.createdAt ?? ''}|${latest?.updatedAt ?? ''}`;
  if (!ctx.full && state?.complete && state.detail.signature === signature) return;
  const releases: ReleaseNode[] = [];
  const cursors = new Cursors(`${ctx.owner}/${ctx.name} releases`, { total: probe.latestRelease.totalCount, pageSize: 100 });
  let after: string | null = null;
  for (;;) {
    const answer: { repository: { releases: Connection<ReleaseNode> } } = await ctx.client.query(RELEASES, { owner: ctx.owner, name: ctx.name, after }, `${ctx.owner}/${ctx.name}`);
    releases.push(...answer.repository.releases.nodes);
    if (!answer.repository.releases.pageInfo.hasNextPage) break;
    after = cursors.next(answer.repository.releases.pageInfo);
  }
  await ctx.writer.use((db) =>
    db.transaction(async () => {
      await replaceReleases(db, ctx.repoId, releases.map(mapRelease));
      await saveSourceState(db, ctx.repoId, ctx.runId, 'github_releases', { cursor: null, watermark: null, detail: { signature } }, true);
    }),
  );
}

type StarEdge = { starredAt: string; node: { login: string; databaseId: number | null } };

/** Stargazers in starring order, continuing after the last page read; all again with --full. */
export async function syncStargazers(ctx: ExtrasContext, probe: ProbeRepository, state: SourceState | undefined): Promise<void> {
  if (!ctx.full && state?.complete && state.detail.count === probe.stargazerCount) return;
  let after = ctx.full ? null : (state?.cursor ?? null);
  let replace = ctx.full || after === null;
  const cursors = new Cursors(`${ctx.owner}/${ctx.name} stargazers`, { total: probe.stargazerCount, pageSize: 100 }, after);
  for (;;) {
    const answer: { repository: { stargazers: { pageInfo: Connection<never>['pageInfo']; edges: StarEdge[] } } } = await ctx.client.query(
      STARGAZERS,
      { owner: ctx.owner, name: ctx.name, after },
      `${ctx.owner}/${ctx.name}`,
    );
    const { edges, pageInfo } = answer.repository.stargazers;
    const done = !pageInfo.hasNextPage;
    const cursor = done ? (pageInfo.endCursor ?? after) : cursors.next(pageInfo);
    const rows = edges.map((e) => ({ login: e.node.login, userId: e.node.databaseId, starredAt: e.starredAt }));
    await ctx.writer.use((db) =>
      db.transaction(async () => {
        await addStargazers(db, ctx.repoId, rows, replace);
        await saveSourceState(db, ctx.repoId, ctx.runId, 'github_stargazers', { cursor, watermark: null, detail: done ? { count: probe.stargazerCount } : {} }, done);
      }),
    );
    replace = false;
    if (done) return;
    after = cursor;
  }
}

type HistoryAnswer = { repository: { defaultBranchRef: { target: { history?: Connection<HistoryNode> } | null } | null } };

/**
 * The GitHub login of each commit author (GitHub links commit emails to accounts), newest
 * first, stopping at the first page whose commits are all linked already.
 */
export async function syncCommitLogins(ctx: ExtrasContext, probe: ProbeRepository, state: SourceState | undefined): Promise<void> {
  const head = probe.defaultBranchRef?.target?.oid;
  if (head === undefined) return;
  if (!ctx.full && state?.complete && state.cursor === null && state.detail.head === head) return;
  let after = ctx.full ? null : (state?.cursor ?? null);
  // A crawl resumed half-way ends without the commits above where it started: the next run starts from the head.
  const fromHead = after === null;
  const cursors = new Cursors(`${ctx.owner}/${ctx.name} commit authors`, undefined, after);
  for (;;) {
    const answer: HistoryAnswer = await ctx.client.query(COMMIT_AUTHORS, { owner: ctx.owner, name: ctx.name, after }, `${ctx.owner}/${ctx.name}`);
    const history = answer.repository.defaultBranchRef?.target?.history;
    if (!history) return;
    const next = history.pageInfo.hasNextPage ? cursors.next(history.pageInfo) : null;
    const rows = history.nodes.map((n) => ({ sha: n.oid, email: n.author?.email ?? null, login: n.author?.user?.login ?? null, userId: n.author?.user?.databaseId ?? null }));
    const done = await ctx.writer.use((db) =>
      db.transaction(async () => {
        const known = ctx.full ? new Set<string>() : await linkedShas(db, ctx.repoId, rows.map((r) => r.sha));
        const fresh = rows.filter((r) => !known.has(r.sha));
        await upsertCommitLogins(db, ctx.repoId, fresh);
        const finished = next === null || (rows.length > 0 && fresh.length === 0);
        await saveSourceState(db, ctx.repoId, ctx.runId, 'github_commit_logins', { cursor: finished ? null : next, watermark: null, detail: finished && fromHead ? { head } : {} }, finished);
        return finished;
      }),
    );
    if (done || next === null) return;
    after = next;
  }
}
