import type { Json } from '@duckdb/node-api';
import { formatCsv, type CsvCell } from '../csv.js';
import type { Row } from '../store/values.js';

export type Format = 'table' | 'csv' | 'json' | 'ndjson';

function text(value: Json | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Values as CSV cells: JSON text for lists and structs, so they stay one field each. */
function toCsv(columns: string[], rows: Row[]): string {
  const cell = (value: Json | undefined): CsvCell => (value === undefined ? null : value !== null && typeof value === 'object' ? JSON.stringify(value) : value);
  return formatCsv([columns, ...rows.map((row) => columns.map((c) => cell(row[c])))], '\n');
}

export function toJson(rows: Row[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

export function toNdjson(rows: Row[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

/** A plain aligned table for terminals; numbers right-aligned, control characters made visible. */
export function toTable(columns: string[], rows: Row[]): string {
  // eslint-disable-next-line no-control-regex -- control characters from the data are exactly what must not reach the terminal
  const clean = (value: string) => value.replace(/[\x00-\x1f\x7f]/g, (ch) => (ch === '\n' ? '↵' : '·'));
  const cells = rows.map((row) => columns.map((c) => clean(text(row[c]))));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((row) => row[c] === null || typeof row[c] === 'number'));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => [...(r[i] ?? '')].length)));
  const pad = (value: string, i: number) => {
    const gap = ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...value].length));
    return numeric[i] ? gap + value : value + gap;
  };
  const lines = [columns.map(pad).join('  '), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of cells) lines.push(row.map(pad).join('  '));
  lines.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return `${lines.join('\n')}\n`;
}

/** Each line cut to `width` characters, with … where it was cut (padding is not cut): one line per row on a terminal. */
export function fitWidth(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const chars = [...line.trimEnd()];
      return chars.length <= width ? chars.join('') : `${chars.slice(0, Math.max(1, width - 1)).join('')}…`;
    })
    .join('\n');
}

export function formatRows(format: Format, columns: string[], rows: Row[]): string {
  switch (format) {
    case 'table':
      return toTable(columns, rows);
    case 'csv':
      return toCsv(columns, rows);
    case 'json':
      return toJson(rows);
    case 'ndjson':
      return toNdjson(rows);
  }
}
