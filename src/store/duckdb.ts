import type * as DuckDB from '@duckdb/node-api';
import { requireBundled } from '../vendor.js';

let client: typeof DuckDB | undefined;

/**
 * The DuckDB client, loaded on first use: loading it lets `collect` start its git processes
 * first, so they run while the 70 MB native library loads; and it comes from a one-file
 * bundle of its JavaScript (src/vendor.ts), not an ES import of its hundred-odd files.
 */
export function duckdb(): typeof DuckDB {
  client ??= requireBundled<typeof DuckDB>('@duckdb/node-api', 'duckdb.cjs');
  return client;
}
