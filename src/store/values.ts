import { DuckDBTypeId, JsonDuckDBValueConverter, type DuckDBValueConverter, type Json } from '@duckdb/node-api';

const INTEGER_TYPES = new Set<DuckDBTypeId>([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);

/**
 * DuckDB values as plain JSON: like the client's JSON converter, but 64-bit and larger
 * integers become numbers when they fit exactly (counts are BIGINT in DuckDB).
 */
export const plainValue: DuckDBValueConverter<Json> = (value, type, converter) => {
  if (INTEGER_TYPES.has(type.typeId) && typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (type.typeId === DuckDBTypeId.DECIMAL && value !== null) {
    return Number(String(value));
  }
  return JsonDuckDBValueConverter(value, type, converter);
};

export type Row = Record<string, Json>;
