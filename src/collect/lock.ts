import { link, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { UserError } from '../errors.js';
import { isRunning } from '../pid.js';
import { collectLockFile, readLock, type LockInfo } from '../store/lock.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One collect per database: a lock file next to it, created exclusively. A lock left by a
 * process that no longer runs (killed) is taken over. With `waitSeconds` > 0 a second run
 * waits that long for the first one, otherwise it stops at once with a clear message.
 */
export async function acquireCollectLock(database: string, waitSeconds: number): Promise<() => Promise<void>> {
  const file = collectLockFile(database);
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    // Written aside, then linked into place: the lock file exists only with its content.
    const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    const temp = `${file}.${process.pid}`;
    await writeFile(temp, JSON.stringify(info));
    try {
      await link(temp, file);
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(temp, { force: true });
    }
    const holder = await readLock(file);
    if (holder && holder.host === hostname() && !(await isRunning(holder.pid))) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.since}` : 'lock file being written';
      throw new UserError(
        `another cdstats collect is running on ${database} (${who}); this run stored nothing. ` +
          `Use --wait SECONDS to wait for it, or remove ${file} if that process is gone.`,
      );
    }
    await sleep(500);
  }
}
