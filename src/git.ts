import { execFileSync, spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { homedir } from 'node:os';

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

/**
 * ssh as cdstats runs it, where git would run plain `ssh`: no prompt (a passphrase or host key
 * question waits for ever in cron) and 30 s at most to connect.
 */
export const SSH_COMMAND = 'ssh -o BatchMode=yes -o ConnectTimeout=30';

/** The ssh command for git, unless the user chose theirs (GIT_SSH_COMMAND, GIT_SSH or core.sshCommand, which `configured` tells). */
export function sshEnv(env: NodeJS.ProcessEnv, configured: () => boolean): NodeJS.ProcessEnv {
  return env.GIT_SSH_COMMAND !== undefined || env.GIT_SSH !== undefined || configured() ? {} : { GIT_SSH_COMMAND: SSH_COMMAND };
}

/** The git commands that may reach a remote, and so run ssh. */
const REMOTE_COMMANDS = ['clone', 'fetch', 'ls-remote'];

let userSshCommand: boolean | undefined;
/** Whether the user's git configuration sets core.sshCommand; asked once per process, at the first remote command. */
function hasUserSshCommand(): boolean {
  userSshCommand ??= (() => {
    try {
      const options = { cwd: homedir(), env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'ignore'] as ('ignore' | 'pipe')[] };
      return execFileSync('git', ['config', '--get', 'core.sshCommand'], options).trim() !== '';
    } catch {
      return false; // not set (git exits 1)
    }
  })();
  return userSshCommand;
}

/** Kills git and whatever it started (git-remote-http, ssh): spawned detached, git leads a process group of its own. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

/**
 * Starts git with a stable environment; the caller owns the streams. When `signal` aborts
 * (a repository's deadline), git and its helpers are killed; once it has aborted, no git starts.
 * A caller's `close` handler tells such an end by `signal.aborted`.
 */
export function spawnGit(args: readonly string[], cwd: string, signal?: AbortSignal): ChildProcessWithoutNullStreams {
  signal?.throwIfAborted();
  const ssh = REMOTE_COMMANDS.includes(args[0] ?? '') ? sshEnv(process.env, hasUserSshCommand) : {};
  const child = spawn('git', args, { cwd, env: { ...process.env, ...lowSpeedEnv(process.env), ...ssh, ...GIT_ENV }, detached: true });
  if (signal !== undefined) {
    const stop = () => killGroup(child);
    signal.addEventListener('abort', stop, { once: true });
    child.once('close', () => signal.removeEventListener('abort', stop));
  }
  return child;
}

/** Runs a git command with small output and returns its stdout; throws GitError on failure, or the signal's reason. */
export function runGit(args: readonly string[], cwd: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, cwd, signal);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.stdin.on('error', () => undefined); // git may exit before reading its input
    child.on('close', (code) => {
      if (signal?.aborted) reject(signal.reason);
      else if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new GitError(args, code, Buffer.concat(err).toString('utf8')));
    });
    child.stdin.end();
  });
}
