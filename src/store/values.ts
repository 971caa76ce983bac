import type { DuckDBTypeId, DuckDBValueConverter, Json } from '@duckdb/node-api';
import { duckdb } from './duckdb.js';

let integerTypes: Set<DuckDBTypeId> | undefined;

/**
 * DuckDB values as plain JSON: like the client's JSON converter, but 64-bit and larger
 * integers become numbers when they fit exactly (counts are BIGINT in DuckDB).
 */
export const plainValue: DuckDBValueConverter<Json> = (value, type, converter) => {
  const { DuckDBTypeId: TypeId, JsonDuckDBValueConverter } = duckdb();
  integerTypes ??= new Set<DuckDBTypeId>([TypeId.BIGINT, TypeId.UBIGINT, TypeId.HUGEINT, TypeId.UHUGEINT]);
  if (integerTypes.has(type.typeId) && typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (type.typeId === TypeId.DECIMAL && value !== null) {
    return Number(String(value));
  }
  return JsonDuckDBValueConverter(value, type, converter);
};

export type Row = Record<string, Json>;
