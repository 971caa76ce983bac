import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError, errorMessage } from '../errors.js';
import { REBUILD } from './damage.js';

/**
 * The package's queries/staging/ folder: the nearest one up from this module, which is two
 * levels up from src/store/ and dist/store/, three from the bench's dist-bench/src/store/.
 */
function findStagingDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'queries', 'staging');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no queries/staging folder above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
export const STAGING_DIR = findStagingDir();

interface Runner {
  run(sql: string): Promise<void>;
  readonly file: string;
}

/** The staging files, in name order (a file may use what an earlier one defines); read once. */
let files: { file: string; sql: string }[] | undefined;
export function stagingFiles(): { file: string; sql: string }[] {
  files ??= readdirSync(STAGING_DIR)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ file: path.join(STAGING_DIR, name), sql: readFileSync(path.join(STAGING_DIR, name), 'utf8') }));
  return files;
}

/**
 * Defines the SQL vocabulary the indicators are written in (queries/staging/*.sql: scope and
 * window macros, coverage, period buckets, staged pull request and issue events) as temporary
 * macros and views of this connection. Defined at every open rather than by a migration, so
 * a new release changes them without rewriting anyone's database, and read-only connections
 * get them too.
 */
export async function defineVocabulary(db: Runner): Promise<void> {
  for (const { file, sql } of stagingFiles()) {
    try {
      await db.run(sql);
    } catch (error) {
      // The tests define these files on the current schema: what fails here is the database.
      if (error instanceof UserError) throw error;
      throw new UserError(
        `database ${db.file} lacks part of the schema the indicators are written over (${path.basename(file)}: ${errorMessage(error).split('\n')[0]}): it may be damaged; ${REBUILD}`,
      );
    }
  }
}
