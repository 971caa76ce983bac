import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * Flags that keep git's output independent of the user's configuration: no pager, no
 * colour, no locale-specific text, no prompts for credentials, no remote helpers.
 */
const GIT_ENV: NodeJS.ProcessEnv = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  LC_ALL: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
  // Only the transports a config may name (src/config/repo.ts ALLOWED_TRANSPORTS): a remote
  // helper reached otherwise (a stored remote, a redirect, a submodule) runs commands or hangs.
  GIT_ALLOW_PROTOCOL: 'https:http:ssh:git:file',
};

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''} failed: ${stderr.trim().split('\n').slice(-3).join(' | ') || `exit ${code}`}`);
    this.name = 'GitError';
  }
}

/**
 * An http(s) transfer slower than 1000 bytes/s for 60 s fails, so a server that accepts and
 * then stalls cannot hold the collect lock for ever. The user's own values, if set, win.
 */
function lowSpeedEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { GIT_HTTP_LOW_SPEED_LIMIT: env.GIT_HTTP_LOW_SPEED_LIMIT ?? '1000', GIT_HTTP_LOW_SPEED_TIME: env.GIT_HTTP_LOW_SPEED_TIME ?? '60' };
}

/** Starts git with a stable environment; the caller owns the streams. */
export function spawnGit(args: readonly string[], cwd: string): ChildProcessWithoutNullStreams {
  return spawn('git', args, { cwd, env: { ...process.env, ...lowSpeedEnv(process.env), ...GIT_ENV } });
}

/** Runs a git command with small output and returns its stdout; throws GitError on failure. */
export function runGit(args: readonly string[], cwd: string, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, cwd);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.stdin.on('error', () => undefined); // git may exit before reading its input
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new GitError(args, code, Buffer.concat(err).toString('utf8')));
    });
    child.stdin.end(input ?? '');
  });
}
