import { createHash } from 'node:crypto';
import path from 'node:path';
import { withoutUserinfo } from '../redact.js';
import type { RepoConfig } from './types.js';

/** Parsed form of a `git:` value: a remote URL, or a local path. */
export interface GitLocation {
  local: boolean;
  url: string;
  /** A readable name derived from the location (`gitlab.com/group/repo`, `repo`). */
  name: string;
}

const SCHEME_URL = /^[a-z][a-z0-9+.-]*:\/\//i;
/** scp-like syntax: `git@host:owner/repo.git` (a colon before any slash). */
const SCP_URL = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/;
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const GITHUB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

function trimGitSuffix(value: string): string {
  return value.replace(/\/+$/, '').replace(/\.git$/, '');
}

/**
 * The transports a `git:` or `clone:` value may use. Git's remote helpers (`ext::` runs a
 * command, `fd::` reads a descriptor and hangs) are never what a config means; src/git.ts
 * passes the same list to git as GIT_ALLOW_PROTOCOL, so redirects cannot reach them either.
 */
export const ALLOWED_TRANSPORTS = ['https', 'http', 'ssh', 'git', 'file'] as const;
/** Older spellings git reads as ssh. */
const SSH_ALIASES = ['git+ssh', 'ssh+git'];
const HELPER_SYNTAX = /^([A-Za-z][A-Za-z0-9+.-]*)::/;
const SCHEME_NAME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** Why a location's transport is refused, or undefined when it is allowed (local paths and scp-like syntax are). */
export function transportProblem(value: string): string | undefined {
  const transport = (HELPER_SYNTAX.exec(value)?.[1] ?? SCHEME_NAME.exec(value)?.[1])?.toLowerCase();
  if (transport === undefined || (ALLOWED_TRANSPORTS as readonly string[]).includes(transport) || SSH_ALIASES.includes(transport)) return undefined;
  return `"${value}" uses the git transport "${transport}", which cdstats does not allow (https, http, ssh, git, file or a local path)`;
}

/** Folder names that say nothing of the repository, as in `/srv/mirrors/helm+helm/repo`: the parent folder names it. */
const GENERIC_FOLDERS = ['repo', 'repository', 'mirror', 'git'];

const isGeneric = (folder: string): boolean => GENERIC_FOLDERS.includes(folder.toLowerCase());

/**
 * A repository's name from its folder: the folder's own name without `.git`, or its parent's
 * when the own one is generic and the parent's is not (`/srv/git/repo.git` stays `repo`).
 */
export function folderName(folder: string): string {
  const parts = folder.split('/').filter((part) => part !== '' && part !== '.git').map(trimGitSuffix);
  const last = parts.at(-1) ?? '';
  const parent = parts.at(-2);
  return parent !== undefined && isGeneric(last) && !isGeneric(parent) ? parent : last;
}

/** Classifies a `git:` value; relative paths resolve against `baseDir`. Throws on a URL that does not parse. */
export function parseGitLocation(value: string, baseDir: string): GitLocation {
  if (SCHEME_URL.test(value)) {
    const url = new URL(value);
    if (url.protocol === 'file:') {
      return { local: false, url: value, name: folderName(url.pathname) };
    }
    return { local: false, url: value, name: trimGitSuffix(`${url.hostname}${url.pathname}`) };
  }
  const scp = SCP_URL.exec(value);
  if (scp && !value.startsWith('.') && !value.startsWith('/')) {
    return { local: false, url: value, name: trimGitSuffix(`${scp[1]}/${scp[2]}`) };
  }
  const absolute = path.resolve(baseDir, value);
  return { local: true, url: absolute, name: folderName(absolute) };
}

export type GithubTarget = { kind: 'repo'; owner: string; name: string } | { kind: 'owner'; owner: string } | { kind: 'invalid'; message: string };

/** Classifies a `github:` value: `owner/name`, or `owner/*` for all of an owner's repositories. */
export function parseGithubTarget(value: string): GithubTarget {
  if (value.endsWith('/*')) {
    const owner = value.slice(0, -2);
    return GITHUB_OWNER.test(owner) ? { kind: 'owner', owner } : { kind: 'invalid', message: `"${owner}" is not a GitHub organisation or user name` };
  }
  if (!GITHUB_NAME.test(value)) return { kind: 'invalid', message: `"${value}" is not a GitHub repository name of the form owner/name (or owner/* for all of them)` };
  const [owner = '', name = ''] = value.split('/');
  return { kind: 'repo', owner, name };
}

export function githubCloneUrl(webUrl: string, fullName: string): string {
  return `${webUrl}/${fullName}.git`;
}

/** The web host of a GraphQL endpoint: GitHub's own, or a GitHub Enterprise Server's. */
export function githubWebUrl(graphqlUrl: string | undefined): string {
  if (graphqlUrl === undefined) return 'https://github.com';
  const url = new URL(graphqlUrl);
  return url.hostname === 'api.github.com' ? 'https://github.com' : `${url.protocol}//${url.host}`;
}

/** Whether a URL holds a user name or password (`https://user:secret@host/…`). */
export function hasCredentials(url: string): boolean {
  const parsed = new URL(url);
  return parsed.username !== '' || parsed.password !== '';
}

/** Matches `*` (any run of characters) and `?` (one character) against the whole text, ignoring case. */
export function matchesGlob(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(text);
}

/**
 * Folder of a repository's bare mirror: a readable slug of its name plus a hash of its URL
 * without credentials. The slug alone folds `sub/repo` and `sub_repo` together; the hash
 * keeps different URLs apart, and a rotated token does not cost a fresh clone.
 */
export function mirrorPath(mirrors: string, repo: RepoConfig): string {
  const hash = createHash('sha256').update(withoutUserinfo(repo.url).replace(/\/+$/, '')).digest('hex').slice(0, 12);
  return path.join(mirrors, `${repo.name.replace(/[^A-Za-z0-9._-]+/g, '_')}-${hash}.git`);
}

