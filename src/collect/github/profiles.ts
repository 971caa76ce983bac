import type { BotRules } from '../../identity/bots.js';
import { isBot } from '../../identity/bots.js';
import { parseProfileCompany } from '../../identity/profiles.js';
import { errorMessage } from '../../errors.js';
import { redact } from '../../redact.js';
import { profileReadTimes, readProfiles, staleProfileLogins, storeProfiles, type ProfileRow } from '../../store/profiles.js';
import type { Writer } from '../../store/writer.js';
import type { GitHubClient } from './client.js';
import { PROFILE_BATCH, profilesQuery } from './queries.js';

export interface ProfileContext {
  client: GitHubClient;
  writer: Writer;
  bots: BotRules;
  /** Days a profile stays fresh (github.profileRefreshDays). */
  refreshDays: number;
  /** The most profiles read in this run (github.profilesPerRun). */
  perRun: number;
  /** Read every profile again, fresh or not (still at most `perRun`). */
  full: boolean;
  /** Milliseconds since the epoch (the collect's clock). */
  now: () => number;
}

export interface ProfileResult {
  ok: boolean;
  /** Profiles read in this run, organisations included. */
  read: number;
  /** Logins GitHub has no account for (renamed or deleted). */
  missing: number;
  /** Logins still to read: past this run's bound, or not reached after a failure. */
  left: number;
  message: string;
}

type Owner = { __typename: 'User'; login: string; databaseId: number | null; company: string | null } | { __typename: 'Organization'; login: string; databaseId: number | null; name: string | null };

/** The requests' context (`Profiles for users and organisations: …`): the client's deadline and request cap apply to it as to a repository. */
const CONTEXT = 'users and organisations';
const DAY_MS = 86_400_000;

const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** GitHub's placeholder for deleted accounts, and bots (by GitHub's `[bot]`, the default patterns and the config): never asked for. */
function isPersonLogin(login: string, bots: BotRules): boolean {
  return login !== 'ghost' && !isBot({ login }, bots);
}

/** A profile row from an answer's owner; null (no account) is `missing`. */
function profileRow(login: string, owner: Owner | null, readAt: string): ProfileRow {
  if (owner === null) return { login, kind: 'missing', userId: null, name: null, companyRaw: null, company: null, readAt };
  if (owner.__typename === 'Organization') return { login, kind: 'Organization', userId: owner.databaseId, name: owner.name, companyRaw: null, company: null, readAt };
  return { login, kind: 'User', userId: owner.databaseId, name: null, companyRaw: owner.company, company: parseProfileCompany(owner.company)?.company ?? null, readAt };
}

/** Reads these logins' profiles, PROFILE_BATCH per query, each batch stored in its own transaction. */
async function readBatches(ctx: ProfileContext, logins: readonly string[], counts: { read: number; missing: number; done: Set<string> }): Promise<void> {
  for (let start = 0; start < logins.length; start += PROFILE_BATCH) {
    const batch = logins.slice(start, start + PROFILE_BATCH);
    const variables = Object.fromEntries(batch.map((login, i) => [`l${i}`, login]));
    const answer = await ctx.client.query<Record<string, Owner | null>>(profilesQuery(batch.length), variables, CONTEXT);
    const readAt = iso(ctx.now());
    const rows = batch.map((login, i) => profileRow(login, answer[`p${i}`] ?? null, readAt));
    await ctx.writer.use((db) => db.transaction(() => storeProfiles(db, rows)));
    counts.read += rows.length;
    for (const row of rows) counts.done.add(row.login);
    counts.missing += rows.filter((r) => r.kind === 'missing').length;
  }
}

/**
 * Brings the company of every GitHub login seen up to date: logins never read, or read more
 * than `refreshDays` ago, at most `perRun` of them (the rest in later runs), bots and the ghost
 * account never; then the organisations profiles name as `@handle`, for their display name.
 * A run interrupted keeps every batch stored. Never throws: a failure becomes the result.
 */
export async function syncProfiles(ctx: ProfileContext): Promise<ProfileResult> {
  const counts = { read: 0, missing: 0, done: new Set<string>() };
  const staleBefore = iso(ctx.full ? ctx.now() + 1000 : ctx.now() - ctx.refreshDays * DAY_MS);
  let left = 0;
  try {
    const stale = (await ctx.writer.use((db) => staleProfileLogins(db, staleBefore))).filter((login) => isPersonLogin(login, ctx.bots));
    const users = stale.slice(0, ctx.perRun);
    left = stale.length;
    // Ten times the queries needed (retries), as for a repository's pages; raised for the organisations below.
    let ceiling = 10 * Math.ceil(users.length / PROFILE_BATCH) + 10;
    ctx.client.limitRequests(CONTEXT, ceiling, `${users.length} profiles`);
    await readBatches(ctx, users, counts);
    left = stale.length - users.length;
    const handles = await ctx.writer.use(async (db) => {
      const readTimes = await profileReadTimes(db);
      const named = (await readProfiles(db)).flatMap((p) => (p.kind === 'User' ? [parseProfileCompany(p.companyRaw)?.handle ?? null] : []));
      // Not those read in this run (with --full every profile is older than staleBefore).
      return [...new Set(named)].filter((h): h is string => h !== null && !counts.done.has(h) && !((readTimes.get(h) ?? '') >= staleBefore)).sort();
    });
    const organisations = handles.slice(0, Math.max(0, ctx.perRun - users.length));
    ceiling += 10 * Math.ceil(organisations.length / PROFILE_BATCH) + 10;
    ctx.client.limitRequests(CONTEXT, ceiling, `${users.length} profiles and ${organisations.length} organisations`);
    await readBatches(ctx, organisations, counts);
    left += handles.length - organisations.length;
    return { ok: true, read: counts.read, missing: counts.missing, left, message: describe(counts, left, ctx) };
  } catch (error) {
    return { ok: false, read: counts.read, missing: counts.missing, left: Math.max(0, left - counts.read), message: `GitHub profiles: failed: ${redact(errorMessage(error))} (${counts.read} read and kept; the next run goes on)` };
  }
}

function describe(counts: { read: number; missing: number }, left: number, ctx: ProfileContext): string {
  const parts = [`${counts.read} read`];
  if (counts.missing > 0) parts.push(`${counts.missing} no longer on GitHub`);
  if (left > 0) parts.push(`${left} left for later runs (github.profilesPerRun: ${ctx.perRun})`);
  return `GitHub profiles: ${parts.join(', ')}; each is read again after ${ctx.refreshDays} days`;
}
