import { statSync } from 'node:fs';

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * The one error type a user is meant to read: it says what is wrong and where, and the
 * top level prints its message without a stack (unless --debug) and exits with its code.
 */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_FAILED) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Why a write failed when the machine is the cause, by errno (Node) or by the operating
 * system's words (DuckDB and git give only those): what a user fixes, not a bug.
 */
const WRITE_PROBLEMS: { code: string; text: RegExp; says: string; full?: true }[] = [
  { code: 'ENOSPC', text: /no space left on device/i, says: 'the disk is full', full: true },
  { code: 'EDQUOT', text: /disk quota exceeded/i, says: 'the disk quota is used up', full: true },
  { code: 'EROFS', text: /read-only file system/i, says: 'the file system is read-only' },
  // DuckDB's words only: from git, "Permission denied" is often an ssh server's refusal.
  { code: 'EACCES', text: /^IO Error: .*permission denied/i, says: 'permission denied' },
  { code: 'EPERM', text: /^IO Error: .*operation not permitted/i, says: 'operation not permitted' },
  { code: 'EISDIR', text: /is a directory/i, says: 'a folder is where a file should be' },
  { code: 'ENOTDIR', text: /not a directory/i, says: 'a file is where a folder should be' },
];

/** The nearest file (not a folder) on the way to `target`, which keeps a folder from being made. */
function fileInTheWay(target: string): string | undefined {
  const parts = target.split('/');
  for (let i = 2; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    let stat;
    try {
      stat = statSync(prefix, { throwIfNoEntry: false });
    } catch {
      return undefined; // not readable: the error itself says more
    }
    if (stat === undefined) return undefined;
    if (!stat.isDirectory()) return prefix;
  }
  return undefined;
}

/**
 * A write of `what` at `file` (the database, a mirror) that failed for a reason of the machine
 * — a full disk, a read-only file system, no permission, a file where a folder should be — as
 * an error that names the path and what to do: free space, or give `setting` (the config key of
 * the path) another place; `after` ends the line. Undefined for any other error.
 */
export function writeError(what: string, file: string, error: unknown, setting: string, after = ''): UserError | undefined {
  if (error instanceof UserError) return undefined;
  const cannot = `cannot write ${what} ${file}`;
  const blocker = fileInTheWay(file);
  if (blocker !== undefined) return new UserError(`${cannot}: ${blocker} is a file, not a folder; move it, or set ${setting} to another place${after}`);
  const code = (error as { code?: unknown } | undefined)?.code;
  const text = errorMessage(error);
  const problem = WRITE_PROBLEMS.find((p) => p.code === code || p.text.test(text));
  if (problem === undefined) return undefined;
  const todo = problem.full ? `free some space, or set ${setting} to another place` : `set ${setting} to a place that can be written`;
  return new UserError(`${cannot}: ${problem.says} (${text.trim().split('\n').at(-1) ?? ''}); ${todo}${after}`);
}
