import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';

/** What the collect lock file next to a database holds. */
export interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

/** The lock file a collect holds while it runs (src/collect/lock.ts). */
export const collectLockFile = (database: string): string => `${database}.collect.lock`;

/** Whether a process runs: signal 0 reaches it, and on Linux it is not a zombie (killed, not yet reaped). */
export async function alive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return !/^\d+ \(.*\) Z /.test(stat);
}

export async function readLock(file: string): Promise<LockInfo | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Whether a collect holds the database's lock now (one on another host is taken to run). */
export async function collectRunning(database: string): Promise<boolean> {
  const holder = await readLock(collectLockFile(database));
  if (holder === undefined) return false;
  return holder.host !== hostname() || (await alive(holder.pid));
}
