import { access, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { duckdb } from './duckdb.js';
import { EXIT_FAILED, UserError, errorMessage } from '../errors.js';
import { corruption, damagedDatabase, openProblem } from './damage.js';
import type { Log } from '../log.js';
import { LATEST_VERSION, migrate, readSchemaVersion } from './migrations.js';
import { plainValue, type Row } from './values.js';
import { defineVocabulary } from './vocabulary.js';

export type Params = Record<string, DuckDBValue>;

/**
 * Every connection: DuckDB never downloads or loads an extension by itself (a query naming
 * one fails instead of reaching the network).
 */
const SETTINGS = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', allow_community_extensions: 'false' };

/**
 * What `query`, `report` and `people` open: the database file and nothing else. No file of
 * the machine can be read or written through SQL (COPY, EXPORT, ATTACH, read_csv, glob,
 * INSTALL, LOAD all fail), and no setting can be changed (SET fails), so ad hoc SQL can only
 * read the database; temporary tables and macros of the session still work.
 */
const READ_ONLY = { access_mode: 'READ_ONLY', enable_external_access: 'false' };

/** A thin adapter over one DuckDB connection: named parameters, plain JSON rows. */
export class Database {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly file: string,
  ) {}

  static async open(file: string, readOnly: boolean): Promise<Database> {
    const instance = await duckdb().DuckDBInstance.create(file, readOnly ? { ...SETTINGS, ...READ_ONLY } : SETTINGS);
    try {
      const connection = await instance.connect();
      await connection.run("SET TimeZone = 'UTC'");
      // Locked once the time zone is set: no SET of a reader's SQL changes anything after this.
      if (readOnly) await connection.run('SET lock_configuration = true');
      return new Database(instance, connection, file);
    } catch (error) {
      instance.closeSync();
      throw error;
    }
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.connection.run(sql, params).catch((error: unknown) => this.fail(error));
  }

  async all(sql: string, params?: Params): Promise<Row[]> {
    return (await this.table(sql, params)).rows;
  }

  /** Rows with the column names, which an empty result still has. */
  async table(sql: string, params?: Params): Promise<{ columns: string[]; rows: Row[] }> {
    try {
      const reader = await this.connection.runAndReadAll(sql, params);
      return { columns: reader.columnNames(), rows: (await reader.convertRowObjects(plainValue)) as Row[] };
    } catch (error) {
      return this.fail(error);
    }
  }

  /** DuckDB's error, or when it says the file's blocks cannot be read, that the database is damaged and what to do. */
  private fail(error: unknown): never {
    const corrupt = corruption(error);
    throw corrupt === undefined ? error : damagedDatabase(this.file, corrupt);
  }

  /** Runs `work` in one transaction: all of it is stored, or none of it. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.connection.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.connection.run('COMMIT');
      return result;
    } catch (error) {
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function isLockConflict(error: unknown): boolean {
  return /Could not set lock|Conflicting lock/i.test(errorMessage(error));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens the database, waiting while another process holds DuckDB's file lock (a collect
 * writing a batch, or a long query while collect wants to write).
 */
async function openWaiting(file: string, readOnly: boolean, waitMs: number, log: Log): Promise<Database> {
  const deadline = Date.now() + waitMs;
  let delay = 50;
  let told = false;
  for (;;) {
    try {
      return await Database.open(file, readOnly);
    } catch (error) {
      if (!isLockConflict(error)) throw await openProblem(file, error);
      if (Date.now() >= deadline) {
        const who = readOnly ? 'a cdstats collect is writing to it' : 'another process has it open';
        throw new UserError(`database ${file} is busy: ${who} (${errorMessage(error).replace(/^IO Error: /, '')}); try again in a moment`, EXIT_FAILED);
      }
      if (!told && delay >= 800) {
        log.info(`waiting for ${file}: another process has it open`);
        told = true;
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 2000);
    }
  }
}

/**
 * Creates a new database aside and renames it into place once its schema is written: a run
 * killed while DuckDB writes a new file leaves no half-written file behind, which DuckDB would
 * refuse to open ever after. Leftovers of such runs are removed here.
 */
async function createDatabase(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.new-`;
  for (const name of await readdir(dir)) if (name.startsWith(prefix)) await rm(path.join(dir, name), { force: true });
  const temp = `${file}.new-${process.pid}`;
  const db = await Database.open(temp, false);
  try {
    await migrate(db);
  } finally {
    db.close();
  }
  await rename(temp, file);
}

/**
 * For `collect`: creates the file and folders if needed and applies pending migrations. The
 * indicators' vocabulary is left out (collect runs none; 20 ms of every no-op run).
 */
export async function openForWrite(file: string, log: Log, waitMs = 300_000): Promise<Database> {
  await mkdir(path.dirname(file), { recursive: true });
  if (!(await exists(file))) await createDatabase(file);
  const db = await openWaiting(file, false, waitMs, log);
  try {
    await migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** For `report` and `query`: never writes; waits briefly if a collect is writing a batch. */
export async function openForRead(file: string, log: Log, waitMs = 30_000): Promise<Database> {
  if (!(await exists(file))) throw new UserError(`no database at ${file}: run \`cdstats collect\` first`);
  const db = await openWaiting(file, true, waitMs, log);
  const version = await readSchemaVersion(db);
  if (version < LATEST_VERSION) {
    db.close();
    throw new UserError(`database ${file} has schema version ${version}, this cdstats needs ${LATEST_VERSION}: run \`cdstats collect\` to upgrade it`);
  }
  if (version > LATEST_VERSION) {
    db.close();
    throw new UserError(`database ${file} was written by a newer cdstats (schema ${version} > ${LATEST_VERSION}); upgrade cdstats`);
  }
  try {
    await defineVocabulary(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
