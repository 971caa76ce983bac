import { writeError } from '../errors.js';
import type { Log } from '../log.js';
import { openForWrite, type Database } from './db.js';

/** A write of the database that failed for a reason of the machine (a full disk, a file in the way), naming it. */
export function databaseWriteError(file: string, error: unknown): Error | undefined {
  return writeError('the database', file, error, '`database:`', '; what is stored stays, and the next collect goes on from there');
}

/**
 * Serialises every write of a collect run through one connection that is open only while
 * writes are queued (and a few milliseconds after, so back-to-back writes share it): between
 * batches the database file is free for `query` and `report`.
 */
export class Writer {
  private db: Database | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly log: Log,
    private readonly lingerMs = 50,
  ) {}

  /** Runs `work` with the open database once the writes queued before it are done. */
  use<T>(work: (db: Database) => Promise<T>): Promise<T> {
    this.pending++;
    clearTimeout(this.idle);
    const result = this.queue.then(async () => {
      try {
        this.db ??= await openForWrite(this.file, this.log);
        return await work(this.db);
      } catch (error) {
        throw databaseWriteError(this.file, error) ?? error;
      } finally {
        this.pending--;
        if (this.pending === 0) this.idle = setTimeout(() => this.release(), this.lingerMs);
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private release(): void {
    clearTimeout(this.idle);
    if (this.pending > 0) return;
    this.db?.close();
    this.db = undefined;
  }

  /** Waits for queued writes and closes the database. */
  async close(): Promise<void> {
    await this.queue;
    this.release();
  }
}
