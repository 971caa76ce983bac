import path from 'node:path';

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
const GITHUB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

function trimGitSuffix(value: string): string {
  return value.replace(/\/+$/, '').replace(/\.git$/, '');
}

/** Classifies a `git:` value; relative paths resolve against `baseDir`. */
export function parseGitLocation(value: string, baseDir: string): GitLocation {
  if (SCHEME_URL.test(value)) {
    const url = new URL(value);
    if (url.protocol === 'file:') {
      return { local: false, url: value, name: path.basename(trimGitSuffix(url.pathname)) };
    }
    return { local: false, url: value, name: trimGitSuffix(`${url.hostname}${url.pathname}`) };
  }
  const scp = SCP_URL.exec(value);
  if (scp && !value.startsWith('.') && !value.startsWith('/')) {
    return { local: false, url: value, name: trimGitSuffix(`${scp[1]}/${scp[2]}`) };
  }
  const absolute = path.resolve(baseDir, value);
  return { local: true, url: absolute, name: path.basename(trimGitSuffix(absolute)) };
}

/** Returns an error message for a malformed `github:` value, or undefined when it is valid. */
export function checkGithubName(value: string): string | undefined {
  if (value.endsWith('/*')) {
    return `"${value}": organisation wildcards (owner/*) need the GitHub collector, which is not available yet; list the repositories one by one`;
  }
  if (!GITHUB_NAME.test(value)) return `"${value}" is not a GitHub repository name of the form owner/name`;
  return undefined;
}

export function githubCloneUrl(fullName: string): string {
  return `https://github.com/${fullName}.git`;
}
