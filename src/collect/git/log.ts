import { GitError, spawnGit } from '../../git.js';
import type { CommitRecord } from '../../store/rows.js';
import { GitLogParser, LOG_FORMAT } from './parse.js';

const LOG_ARGS = ['log', '--no-walk=unsorted', '--stdin', '--date=raw', '--no-color', '--no-ext-diff', '--no-textconv', '--no-show-signature', `--format=tformat:${LOG_FORMAT}`];

interface LogResult {
  records: CommitRecord[];
  ok: boolean;
  stderr: string;
  args: string[];
}

/** Runs `git log` over exactly the given commits, in that order, and parses its output as it streams. */
function runLog(gitDir: string, shas: readonly string[], withNumstat: boolean, signal: AbortSignal): Promise<LogResult> {
  const args = withNumstat ? [...LOG_ARGS, '--numstat'] : LOG_ARGS;
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, gitDir, signal);
    const parser = new GitLogParser(withNumstat);
    const records: CommitRecord[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      for (const record of parser.push(chunk)) records.push(record);
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => undefined); // git may exit before reading all of stdin
    child.on('error', reject);
    child.on('close', (code) => {
      if (signal.aborted) return reject(signal.reason);
      for (const record of parser.end()) records.push(record);
      resolve({ records, ok: code === 0, stderr: Buffer.concat(stderr).toString('utf8'), args });
    });
    child.stdin.end(shas.join('\n') + '\n');
  });
}

export interface CommitChunk {
  records: CommitRecord[];
  /** Commits whose line counts could not be computed (missing objects). */
  linesUnknown: number;
}

/**
 * Reads the commits named by `shas`. When git stops at a missing object (a damaged or
 * partial clone), the commit it stopped at is read again alone, without line counts if
 * need be, and the rest continues: every commit is kept, its counts marked unknown.
 */
export async function readCommits(gitDir: string, shas: readonly string[], signal: AbortSignal): Promise<CommitChunk> {
  const records: CommitRecord[] = [];
  let linesUnknown = 0;
  let rest = shas;
  const isolate = async (sha: string): Promise<void> => {
    const alone = await runLog(gitDir, [sha], true, signal);
    const only = alone.records[0];
    if (alone.ok && alone.records.length === 1 && only?.sha === sha) {
      records.push(only);
      return;
    }
    const bare = await runLog(gitDir, [sha], false, signal);
    const meta = bare.records[0];
    if (!bare.ok || meta?.sha !== sha) throw new GitError(bare.args, null, `commit ${sha} cannot be read: ${bare.stderr || alone.stderr}`);
    records.push(meta);
    linesUnknown++;
  };
  while (rest.length > 0) {
    const result = await runLog(gitDir, rest, true, signal);
    result.records.forEach((record, i) => {
      if (record.sha !== rest[i]) throw new Error(`git log returned ${record.sha} where ${rest[i] ?? 'nothing'} was expected`);
    });
    if (result.ok && result.records.length === rest.length) {
      records.push(...result.records);
      break;
    }
    // Records before the last one are complete: git began the next one after them.
    const complete = Math.max(0, result.records.length - 1);
    records.push(...result.records.slice(0, complete));
    const suspects = rest.slice(complete, complete + 2);
    for (const sha of suspects) await isolate(sha);
    rest = rest.slice(complete + suspects.length);
  }
  return { records, linesUnknown };
}
