import { open } from 'node:fs/promises';
import { UserError, errorMessage } from '../errors.js';

/** What to do with a damaged database: collect builds it again from the mirrors, which it reads again. */
export const REBUILD = 'restore it from a backup, or move it aside and run `cdstats collect` to build it again from the mirrors';

/** DuckDB's words for blocks of a file that cannot be read back: cut short, or overwritten. */
const CORRUPT = /Corrupt database file|Could not read enough bytes from file|does not match stored checksum/i;

export function damagedDatabase(file: string, what: string): UserError {
  return new UserError(`database ${file} is damaged (${what}): ${REBUILD}`);
}

/** DuckDB's message when it says the file's blocks cannot be read, without the file's name (said anyway); otherwise undefined. */
export function corruption(error: unknown): string | undefined {
  const first = errorMessage(error).split('\n')[0] ?? '';
  return CORRUPT.test(first) ? first.replace(/^IO Error: /, '').replace(/ from file "[^"]*"/, '') : undefined;
}

/** Whether the file starts as every DuckDB database does: "DUCK" after the header's 8-byte checksum. True when it cannot be read. */
async function hasDuckdbHeader(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (handle === undefined) return true;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(12), 0, 12, 0);
    return bytesRead === 12 && buffer.toString('latin1', 8, 12) === 'DUCK';
  } finally {
    await handle.close();
  }
}

/** The error to show when DuckDB cannot open `file`: damaged (with what to do) when it is, else DuckDB's own message. */
export async function openProblem(file: string, error: unknown): Promise<UserError> {
  if (!(await hasDuckdbHeader(file))) return damagedDatabase(file, 'it does not start as a DuckDB database file: overwritten, emptied, or `database:` in the config names another file');
  const corrupt = corruption(error);
  return corrupt === undefined ? new UserError(`cannot open database ${file}: ${errorMessage(error)}`) : damagedDatabase(file, corrupt);
}
