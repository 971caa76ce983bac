import type { Config } from '../config/types.js';
import { UserError, errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import { openForRead, type Database } from '../store/db.js';
import { writeScopeTables } from '../store/scope.js';
import { loadIdentity } from './load.js';

/**
 * Opens the database read-only with people resolved from the identity files as they are now
 * (temporary tables in place of the stored ones), and the config's groups, project metadata
 * and repository groups in the session's tables: what `query`, `report` and `people` read.
 */
export async function openWithPeople(config: Config, log: Log, options: { allWarnings?: boolean } = {}): Promise<Database> {
  const db = await openForRead(config.database, log);
  try {
    await loadIdentity(db, config.identity, log, options);
    await writeScopeTables(db, config);
    return db;
  } catch (error) {
    db.close();
    throw error instanceof UserError ? error : new UserError(`cannot resolve people in ${config.database}: ${errorMessage(error)}`);
  }
}
