import type { LimitFunction } from 'p-limit';
import type { RepoConfig } from '../../config/types.js';
import { errorMessage } from '../../errors.js';
import { redact } from '../../redact.js';
import { createHash } from 'node:crypto';
import { deleteCommits, insertCommits, replaceTags, storedShas } from '../../store/commits.js';
import type { CommitRecord, Tag } from '../../store/rows.js';
import { saveGitCursor, saveMailmap, saveSourceError, type StoredRepo } from '../../store/state.js';
import type { Writer } from '../../store/writer.js';
import type { Progress } from '../progress.js';
import { isAncestor, listCommits } from './history.js';
import { readCommits } from './log.js';
import { readMailmap, type ReadyRepo } from './repo.js';

export interface GitRunContext {
  writer: Writer;
  runId: number;
  /** Bounds the git processes running at once across all repositories. */
  gitPool: LimitFunction;
  progress: Progress;
  /** Commits per `git log` process: a large history is read by several in parallel. */
  chunkSize: number;
  /** Commits per write transaction. */
  batchSize: number;
}

export interface RepoResult {
  name: string;
  ok: boolean;
  added: number;
  removed: number;
  linesUnknown: number;
  /** Commits stored with a placeholder date because git printed a malformed one. */
  datesUnknown: number;
  /** One line for the log: what happened, or what went wrong. */
  message: string;
  /** Set when nothing changed: the run's last transaction records that the repository was checked. */
  upToDate?: { cursor: string; branch: string };
  /** Tags that changed while the branch did not: the run's last transaction stores them. */
  tags?: { tags: Tag[]; digest: string };
}

/** A digest of a tag list, to tell whether it changed since the last run. */
export function tagsDigest(tags: readonly Tag[]): string {
  return createHash('sha1').update(tags.map((t) => `${t.name} ${t.sha} ${t.taggedAt}`).join('\n')).digest('hex');
}

interface Plan {
  add: string[];
  remove: string[];
}

/**
 * What to read and what to drop so the stored history equals the branch's: only the new
 * range when the stored tip is an ancestor of the new one, otherwise (first run, resumed
 * first run, force-push) the full reachable set compared with what is stored.
 */
async function plan(gitDir: string, tip: string | undefined, stored: StoredRepo, writer: Writer, signal: AbortSignal): Promise<Plan> {
  if (tip !== undefined && stored.cursor !== undefined && (await isAncestor(gitDir, stored.cursor, tip, signal))) {
    return { add: await listCommits(gitDir, tip, stored.cursor, signal), remove: [] };
  }
  const [reachable, have] = await Promise.all([
    tip === undefined ? Promise.resolve([]) : listCommits(gitDir, tip, undefined, signal),
    writer.use((db) => storedShas(db, stored.repoId)),
  ]);
  const haveSet = new Set(have);
  const reachableSet = new Set(reachable);
  return { add: reachable.filter((sha) => !haveSet.has(sha)), remove: have.filter((sha) => !reachableSet.has(sha)) };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Brings one repository's stored history up to date with its branch. Never throws: failures
 * become the result. Its git processes stop when `signal` aborts (its deadline), which then says why it failed.
 */
export async function collectGitRepo(repo: RepoConfig, stored: StoredRepo, prepared: Promise<ReadyRepo>, ctx: GitRunContext, signal: AbortSignal): Promise<RepoResult> {
  const result: RepoResult = { name: repo.name, ok: true, added: 0, removed: 0, linesUnknown: 0, datesUnknown: 0, message: '' };
  const repoId = stored.repoId;
  try {
    const ready = await prepared;
    // A new URL under the same name has its own mirror; plan() reads it as after a force-push
    // (full comparison unless the stored tip is an ancestor), which ends as a fresh collect.
    const url = redact(repo.url);
    const moved = stored.previousUrl !== undefined && stored.previousUrl !== url ? [`origin changed from ${stored.previousUrl} to ${url} (collected as a history rewrite)`] : [];
    const notes = [...moved, ...ready.notes];
    const digest = tagsDigest(ready.tags);
    const tagsChanged = digest !== stored.tagsDigest;
    if (ready.tip !== undefined && ready.tip === stored.cursor) {
      result.upToDate = { cursor: ready.tip, branch: ready.branch };
      if (tagsChanged) result.tags = { tags: ready.tags, digest };
      result.message = `${repo.name}: ${[...notes, 'up to date'].join(', ')} (${ready.branch})`;
      ctx.progress.end(repo.name, result.message);
      return result;
    }
    ctx.progress.phase(repo.name, 'listing history');
    const { add, remove } = await plan(ready.gitDir, ready.tip, stored, ctx.writer, signal);
    const mailmap = ready.tip === undefined ? null : await readMailmap(ready.gitDir, ready.tip, signal);
    ctx.progress.begin(repo.name, add.length, 'reading commits');
    const pending: CommitRecord[] = [];
    const write = (batch: CommitRecord[], final: boolean): Promise<void> =>
      ctx.writer.use((db) =>
        db.transaction(async () => {
          result.added += await insertCommits(db, repoId, batch);
          if (!final) return;
          await deleteCommits(db, repoId, remove);
          await saveMailmap(db, repoId, mailmap);
          if (tagsChanged) await replaceTags(db, repoId, ctx.runId, ready.tags, digest);
          await saveGitCursor(db, repoId, ctx.runId, ready.tip ?? null, ready.branch);
        }),
      );
    /** Writes full batches; with `final`, the rest too, with the deletions and the cursor. */
    const flush = async (final: boolean): Promise<void> => {
      while (pending.length >= ctx.batchSize) await write(pending.splice(0, ctx.batchSize), false);
      if (final) await write(pending.splice(0), true);
    };
    const reads = chunk(add, ctx.chunkSize).map((shas) =>
      ctx.gitPool(() => readCommits(ready.gitDir, shas, signal)).then(async (read) => {
        result.linesUnknown += read.linesUnknown;
        result.datesUnknown += read.records.filter((r) => !r.datesKnown).length;
        pending.push(...read.records);
        ctx.progress.advance(repo.name, shas.length);
        await flush(false);
      }),
    );
    const failed = (await Promise.allSettled(reads)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    ctx.progress.phase(repo.name, 'storing');
    await flush(true);
    result.removed = remove.length;
    const parts = [...notes, `${result.added} new commit${result.added === 1 ? '' : 's'}`];
    if (result.removed > 0) parts.push(`${result.removed} removed (history rewritten)`);
    if (result.linesUnknown > 0) parts.push(`${result.linesUnknown} with unknown line counts (missing objects)`);
    if (result.datesUnknown > 0) parts.push(`${result.datesUnknown} with unknown dates`);
    if (ready.tip === undefined) parts.push('the repository is empty');
    result.message = `${repo.name}: ${parts.join(', ')} (${ready.branch})`;
  } catch (error) {
    result.ok = false;
    result.message = `${repo.name}: failed: ${redact(errorMessage(signal.aborted ? signal.reason : error))}`;
    await ctx.writer.use((db) => saveSourceError(db, repoId, ctx.runId, 'git', result.message)).catch(() => undefined);
  }
  ctx.progress.end(repo.name, result.message);
  return result;
}
