import { GitError, spawnGit } from '../../git.js';

/** Lists commits reachable from `tip` and not from `exclude` (newest first), streaming git's output. */
export function listCommits(gitDir: string, tip: string, exclude: string | undefined, signal: AbortSignal): Promise<string[]> {
  const args = ['rev-list', tip, ...(exclude ? [`^${exclude}`] : [])];
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, gitDir, signal);
    const shas: string[] = [];
    let rest = '';
    const stderr: Buffer[] = [];
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line !== '') shas.push(line);
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => undefined);
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (code) => {
      if (rest !== '') shas.push(rest);
      if (signal.aborted) reject(signal.reason);
      else if (code === 0) resolve(shas);
      else reject(new GitError(args, code, Buffer.concat(stderr).toString('utf8')));
    });
  });
}

/** True when `ancestor` exists and is reachable from `tip`. */
export function isAncestor(gitDir: string, ancestor: string, tip: string, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(['merge-base', '--is-ancestor', ancestor, tip], gitDir, signal);
    child.stdin.on('error', () => undefined);
    child.stdin.end();
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => (signal.aborted ? reject(signal.reason) : resolve(code === 0)));
  });
}
