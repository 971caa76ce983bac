import { access, mkdir, readdir, realpath, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { mirrorPath } from '../../config/repo.js';
import type { RepoConfig } from '../../config/types.js';
import { writeError } from '../../errors.js';
import { GitError, runGit } from '../../git.js';
import { redact, withoutUserinfo } from '../../redact.js';
import type { Tag } from '../../store/rows.js';

/** A repository ready to read: its git directory, branch and the branch's tip (undefined when empty). */
export interface ReadyRepo {
  gitDir: string;
  branch: string;
  tip: string | undefined;
  tags: Tag[];
  /** What changed about the mirror itself (its default branch), for the repository's line. */
  notes: string[];
}

/** The repository's tags that name commits (releases, where a project has no GitHub releases). */
async function readTags(gitDir: string, signal: AbortSignal): Promise<Tag[]> {
  const out = await runGit(['for-each-ref', '--format=%(refname:short)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(creatordate:unix)', 'refs/tags'], gitDir, signal);
  const tags: Tag[] = [];
  for (const line of out.split('\n')) {
    const [name = '', type, sha = '', peeledType, peeled = '', date = ''] = line.split('\0');
    const commit = type === 'commit' ? sha : peeledType === 'commit' ? peeled : '';
    if (name !== '' && commit !== '' && /^\d+$/.test(date)) tags.push({ name, sha: commit, taggedAt: Number(date) });
  }
  return tags.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export class RepoError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = 'RepoError';
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function describe(error: unknown): string {
  if (error instanceof GitError) return error.stderr.trim().split('\n').filter(Boolean).slice(-2).join('; ') || error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Removes half-made clones of earlier runs that were killed. Their git process may outlive
 * them for a while (a killed parent does not take its children along), hence a folder of its
 * own per run and retries while removing.
 */
async function removeLeftovers(dir: string): Promise<void> {
  const prefix = `${path.basename(dir)}.tmp-`;
  const siblings = await readdir(path.dirname(dir)).catch(() => [] as string[]);
  for (const name of siblings) {
    if (name.startsWith(prefix)) await rm(path.join(path.dirname(dir), name), { recursive: true, force: true, maxRetries: 5 });
  }
}

/**
 * Makes the mirror's origin the configured URL: a new token is set in place; another URL in
 * this folder (edited by hand, or a hash collision) means the mirror is removed and cloned anew.
 */
async function checkOrigin(repo: RepoConfig, dir: string, signal: AbortSignal): Promise<void> {
  // No origin (git exits 1) means another mirror; a git stopped by the deadline means nothing, and must not remove it.
  const origin = (await runGit(['config', '--get', 'remote.origin.url'], dir, signal).catch(() => {
    signal.throwIfAborted();
    return '';
  })).trim();
  if (origin === repo.url) return;
  if (withoutUserinfo(origin) === withoutUserinfo(repo.url)) await runGit(['remote', 'set-url', 'origin', repo.url], dir, signal);
  else await rm(dir, { recursive: true, force: true, maxRetries: 5 });
}

/** What a clone or fetch left: the mirror's branch when it was read already (HEAD unmoved), and the lines to show. */
interface Synced {
  branch?: string;
  notes: string[];
}

/**
 * Points the mirror's HEAD at the remote's default branch. A fetch never moves a bare mirror's
 * HEAD, so after upstream renames `main` to `trunk` it would name a branch the fetch pruned.
 * Returns the line to show when it moved, and otherwise the branch HEAD names, read here already.
 */
async function followRemoteHead(dir: string, signal: AbortSignal): Promise<Synced> {
  // A server that does not advertise its HEAD (or fails now, after a good fetch) leaves HEAD as it is.
  const advertised = await runGit(['ls-remote', '--symref', 'origin', 'HEAD'], dir, signal).catch(() => '');
  const remote = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(advertised)?.[1];
  const local = await currentBranch(dir, signal);
  if (remote === undefined || remote === local) return { branch: local, notes: [] };
  await runGit(['symbolic-ref', 'HEAD', `refs/heads/${remote}`], dir, signal);
  return { notes: [`default branch changed from ${local} to ${remote}`] };
}

/** A mirror that cannot be written for a reason of the machine (a full disk, a file in the way), said with its path. */
const mirrorWriteError = (dir: string, error: unknown): Error | undefined => writeError('the mirror', dir, error, '`mirrors:`');

/** Clones a remote repository as a bare mirror (into a temporary folder renamed at the end) or fetches it. */
async function syncMirror(repo: RepoConfig, dir: string, signal: AbortSignal, phase: (what: string) => void): Promise<Synced> {
  if (await exists(dir)) await checkOrigin(repo, dir, signal);
  if (await exists(dir)) {
    phase('fetching');
    try {
      await runGit(['fetch', '--prune', '--quiet', 'origin'], dir, signal);
    } catch (error) {
      throw mirrorWriteError(dir, error) ?? new RepoError(`cannot fetch ${repo.url}: ${describe(error)}`);
    }
    return repo.branch === undefined ? followRemoteHead(dir, signal) : { notes: [] };
  }
  const temp = `${dir}.tmp-${process.pid}`;
  phase('cloning');
  try {
    await mkdir(path.dirname(dir), { recursive: true });
    await removeLeftovers(dir);
    await runGit(['clone', '--bare', '--quiet', '--', repo.url, temp], path.dirname(dir), signal);
    await runGit(['config', 'remote.origin.fetch', '+refs/heads/*:refs/heads/*'], temp, signal);
    await runGit(['config', '--add', 'remote.origin.fetch', '+refs/tags/*:refs/tags/*'], temp, signal);
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined); // no folder could be made there
    throw mirrorWriteError(dir, error) ?? new RepoError(`cannot clone ${repo.url}: ${describe(error)}`);
  }
  return { notes: [] };
}

async function currentBranch(gitDir: string, signal: AbortSignal): Promise<string> {
  try {
    return (await runGit(['symbolic-ref', '--short', 'HEAD'], gitDir, signal)).trim();
  } catch {
    return 'HEAD'; // detached HEAD: analyse the checked-out commit
  }
}

async function resolveTip(gitDir: string, branch: string, signal: AbortSignal): Promise<string | undefined> {
  const ref = branch === 'HEAD' ? 'HEAD' : `refs/heads/${branch}`;
  try {
    return (await runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], gitDir, signal)).trim();
  } catch {
    return undefined;
  }
}

/** The repository's own `.mailmap` at the branch tip, if it has one (bytes decoded as git text is). */
export async function readMailmap(gitDir: string, tip: string, signal: AbortSignal): Promise<string | null> {
  try {
    return await runGit(['show', `${tip}:.mailmap`], gitDir, signal);
  } catch {
    return null;
  }
}

/** The git directory of a local repository, which must be the repository itself, not a folder inside one. */
async function localGitDir(dir: string, signal: AbortSignal): Promise<string> {
  if (!(await exists(dir))) throw new RepoError(`${dir} does not exist`);
  let lines: string[];
  try {
    lines = (await runGit(['rev-parse', '--is-bare-repository', '--git-dir'], dir, signal)).trim().split('\n');
  } catch (error) {
    throw new RepoError(`${dir} is not a git repository (${describe(error)})`);
  }
  const gitDir = path.resolve(dir, lines[1] ?? '.');
  if (lines[0] !== 'true') {
    const top = (await runGit(['rev-parse', '--show-toplevel'], dir, signal)).trim();
    const [realTop, realDir] = await Promise.all([realpath(top), realpath(dir)]);
    if (realTop !== realDir) throw new RepoError(`${dir} is not a git repository (it is a folder inside ${top})`);
  }
  return gitDir;
}

/** Makes a repository readable: mirrors a remote one, checks a local one, finds the branch tip. `phase` hears of a clone or fetch. */
export async function prepareRepo(repo: RepoConfig, mirrors: string, signal: AbortSignal, phase: (what: string) => void): Promise<ReadyRepo> {
  let gitDir: string;
  let synced: Synced = { notes: [] };
  if (repo.local) {
    gitDir = await localGitDir(repo.url, signal);
  } else {
    gitDir = mirrorPath(mirrors, repo);
    synced = await syncMirror(repo, gitDir, signal, phase);
  }
  const branch = repo.branch ?? synced.branch ?? (await currentBranch(gitDir, signal));
  const [tip, tags] = await Promise.all([resolveTip(gitDir, branch, signal), readTags(gitDir, signal)]);
  if (tip === undefined) {
    const branches = (await runGit(['for-each-ref', '--count=5', '--format=%(refname:short)', 'refs/heads'], gitDir, signal)).trim();
    if (branches !== '') {
      throw new RepoError(`branch "${branch}" does not exist (branches: ${branches.split('\n').join(', ')}); set \`branch:\` for this repository`);
    }
  }
  return { gitDir, branch, tip, tags, notes: synced.notes };
}
