import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError, errorMessage } from '../errors.js';

/** The package's queries/staging/ folder: two levels up from src/store/ and from dist/store/. */
export const STAGING_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../queries/staging');

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
      throw new UserError(
        `database ${db.file} lacks part of the schema the indicators are written over (${path.basename(file)}: ${errorMessage(error).split('\n')[0]}): it may be damaged; restore it from a backup, or move it aside and run \`cdstats collect\` to build it again from the mirrors`,
      );
    }
  }
}
