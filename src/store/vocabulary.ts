import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '../errors.js';

/** The package's queries/staging/ folder: two levels up from src/store/ and from dist/store/. */
export const STAGING_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../queries/staging');

interface Runner {
  run(sql: string): Promise<void>;
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
      throw new Error(`${file}: ${errorMessage(error)}`);
    }
  }
}
