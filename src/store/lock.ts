import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isRunning } from '../pid.js';

/** What the collect lock file next to a database holds. */
export interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

/** The lock file a collect holds while it runs (src/collect/lock.ts). */
export const collectLockFile = (database: string): string => `${database}.collect.lock`;

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
  return holder.host !== hostname() || (await isRunning(holder.pid));
}
