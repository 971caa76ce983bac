import type { Config, ConfigProblem } from '../config/types.js';
import { UserError, errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import { Database, openForRead } from '../store/db.js';
import { collectRunning } from '../store/lock.js';
import { writeScopeTables } from '../store/scope.js';
import { cacheHit, identityCacheKey, readCacheState, useStoredResolution, writeCacheState, type CacheKey } from './cache.js';
import { reportWarnings, resolveFromDatabase, writeResolution } from './load.js';
import type { Resolution } from './resolve.js';

/** How the people of a session were found, for tests and the bench: the cache counts its builds by this. */
export type IdentitySource = 'cache' | 'built and stored' | 'built';
let lastSource: IdentitySource | undefined;
/** How the last `openWithPeople` of this process got its people. */
export const lastIdentitySource = (): IdentitySource | undefined => lastSource;

/**
 * Stores a resolution as the identity cache, if the database can be opened for writing at once
 * (no other process has it open) and no collect run started since the resolution read the data.
 */
async function tryStore(file: string, key: CacheKey, runId: number | null, resolution: Resolution, warnings: readonly ConfigProblem[]): Promise<boolean> {
  let db: Database;
  try {
    db = await Database.open(file, false);
  } catch {
    return false; // another process has it open: this session resolves alone, the next one tries again
  }
  try {
    return await db.transaction(async () => {
      const [row] = await db.all('SELECT max(run_id) AS run FROM runs');
      if ((row?.run ?? null) !== runId) return false;
      await writeResolution(db, resolution, 'main');
      await writeCacheState(db, key, runId, warnings);
      return true;
    });
  } finally {
    db.close();
  }
}

/**
 * Opens the database read-only with people resolved from the identity files as they are now:
 * what `query`, `report` and `people` read. While the config, files, gitdm tips and data are
 * those the stored resolution was built from, the stored tables are read as they are (cache.ts);
 * otherwise people are resolved again, stored for the next commands when the database can be
 * written for a moment, else put in temporary tables that take the stored ones' place.
 */
export async function openWithPeople(config: Config, log: Log, options: { allWarnings?: boolean } = {}): Promise<Database> {
  const most = options.allWarnings ? Infinity : 10;
  const keyed = identityCacheKey(config.identity);
  keyed.catch(() => undefined); // awaited below, once the database is open
  let db: Database | undefined = await openForRead(config.database, log);
  try {
    const key = await keyed;
    const state = await readCacheState(db);
    if (cacheHit(state, key)) {
      await useStoredResolution(db);
      reportWarnings(state.stored?.warnings ?? [], log, most);
      lastSource = 'cache';
      await writeScopeTables(db, config);
      return db;
    }
    const { resolution, warnings } = await resolveFromDatabase(db, config.identity, key.found);
    reportWarnings(warnings, log, most);
    // A collect that is writing may change the data under this resolution: then it is not kept.
    if (!(state.latest.running && (await collectRunning(config.database)))) {
      db.close();
      db = undefined;
      const stored = await tryStore(config.database, key, state.latest.runId, resolution, warnings);
      db = await openForRead(config.database, log);
      if (stored) {
        await useStoredResolution(db);
        lastSource = 'built and stored';
        await writeScopeTables(db, config);
        return db;
      }
    }
    await writeResolution(db, resolution, 'temp');
    lastSource = 'built';
    await writeScopeTables(db, config);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot resolve people in ${config.database}: ${errorMessage(error)}`);
  }
}
