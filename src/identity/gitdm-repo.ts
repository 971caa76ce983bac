/**
 * A gitdm repository read at its branch tip with git itself, never checked out: `git ls-tree`
 * lists the files, `git cat-file --batch` streams the chosen blobs one after the other into the
 * line readers, so memory holds one chunk at a time, not the repository's files.
 */
import { GitError, runGit, spawnGit } from '../git.js';
import type { LineReader } from './lines.js';
import { LineSplitter } from './lines.js';

/** The commit at the tip of `branch` (HEAD when undefined), or why there is none. */
export async function gitdmTip(gitDir: string, branch: string | undefined): Promise<{ tip: string } | { problem: string }> {
  const ref = branch === undefined ? 'HEAD' : `refs/heads/${branch}`;
  try {
    return { tip: (await runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], gitDir)).trim() };
  } catch (error) {
    const detail = error instanceof GitError ? error.stderr.trim().split('\n').at(-1) : undefined;
    return { problem: branch === undefined ? `has no commit at HEAD${detail ? ` (${detail})` : ''}` : `has no branch "${branch}"` };
  }
}

/** Every blob of the tree at `tip`: path → object id. */
export async function listBlobs(gitDir: string, tip: string): Promise<Map<string, string>> {
  const out = await runGit(['ls-tree', '-r', '-z', '--full-tree', tip], gitDir);
  const blobs = new Map<string, string>();
  for (const entry of out.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, sha] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && sha !== undefined) blobs.set(entry.slice(tab + 1), sha);
  }
  return blobs;
}

/** `developers_affiliations*.txt`: `*` and `?` within one path segment, the rest literal. */
export function matchesPathPattern(pattern: string, file: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${source}$`).test(file);
}

export interface BlobRead {
  path: string;
  sha: string;
  reader: LineReader;
}

/**
 * Streams the blobs in order into their readers. A blob the object store lacks (a damaged or
 * partial clone) is passed to `missing` and the next one is read. Throws when git fails.
 */
export async function readBlobs(gitDir: string, blobs: readonly BlobRead[], missing: (blob: BlobRead) => void): Promise<void> {
  if (blobs.length === 0) return;
  const child = spawnGit(['cat-file', '--batch'], gitDir);
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on('error', () => undefined);
  child.stdin.end(blobs.map((b) => `${b.sha}\n`).join(''));
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  let index = 0;
  let header: Buffer[] = [];
  /** Bytes of the current blob still to come; 0 between blobs. */
  let remaining = 0;
  let newline = false;
  let splitter: LineSplitter | undefined;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    let at = 0;
    while (at < chunk.length) {
      if (newline) {
        at++; // the line feed after each blob's content
        newline = false;
      } else if (remaining > 0) {
        const take = Math.min(remaining, chunk.length - at);
        splitter?.push(chunk.subarray(at, at + take));
        at += take;
        remaining -= take;
        if (remaining === 0) {
          splitter?.end();
          index++;
          newline = true;
        }
      } else {
        const end = chunk.indexOf(10, at);
        header.push(chunk.subarray(at, end < 0 ? chunk.length : end));
        at = end < 0 ? chunk.length : end + 1;
        if (end < 0) continue;
        const line = Buffer.concat(header).toString('utf8');
        header = [];
        const blob = blobs[index];
        if (blob === undefined) continue;
        const [, type, size] = line.split(' ');
        if (type === 'missing' || size === undefined) {
          missing(blob);
          index++;
          continue;
        }
        splitter = new LineSplitter(blob.reader);
        remaining = Number(size);
        if (remaining === 0) {
          splitter.end();
          index++;
          newline = true;
        }
      }
    }
  }
  const code = await closed;
  if (code !== 0) throw new GitError(['cat-file', '--batch'], code, Buffer.concat(stderr).toString('utf8'));
}
