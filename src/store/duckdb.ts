import { createRequire } from 'node:module';
import type * as DuckDB from '@duckdb/node-api';

let client: typeof DuckDB | undefined;

/**
 * The DuckDB client, loaded on first use with require(): it is a CommonJS package of about a
 * hundred files around a 70 MB native library. An ES `import` would make Node lex every file
 * for exports (about 60 ms), and loading it lazily lets `collect` start its git processes
 * first, so they run while the library loads.
 */
export function duckdb(): typeof DuckDB {
  client ??= createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDB;
  return client;
}
