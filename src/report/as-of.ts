import { isCalendarDay, parseInstant } from '../dates.js';
import { EXIT_USAGE, UserError } from '../errors.js';

/** The instant a report is computed for: data after it does not count. */
export interface AsOf {
  at: Date;
  /** How the report shows it: the date as given, or the instant in UTC. */
  label: string;
  /** Where it comes from: `--as-of`, the end of the collected data (a report's default), or the clock. */
  basis: 'given' | 'data' | 'now';
}

/** A DuckDB TIMESTAMP as text (`2024-06-30 14:05:00.123`, UTC) as an instant. */
export function utcTimestamp(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

/** `2024-06-30 14:05 UTC`: minutes are enough for a report footer. */
export function formatInstant(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Reads `--as-of`: a date (`2024-06-30` means the end of that day, UTC, so the whole day
 * counts) or an ISO instant with `Z` or an offset; `now` when absent.
 */
export function parseAsOf(value: string | undefined, now: Date): AsOf {
  if (value === undefined) return { at: now, label: formatInstant(now), basis: 'now' };
  if (isCalendarDay(value)) return { at: new Date(`${value}T23:59:59.999Z`), label: value, basis: 'given' };
  const at = parseInstant(value);
  if (at) return { at, label: formatInstant(at), basis: 'given' };
  throw new UserError(`--as-of "${value}" is not a date: use YYYY-MM-DD or an ISO instant such as 2024-06-30T12:00:00Z`, EXIT_USAGE);
}

/**
 * A report's as-of: `--as-of` when given, else the end of the collected data (`dataEnd`, see
 * readDataEnd), so that data which ends in August is not shown as a collapse in December;
 * the clock only when nothing was collected.
 */
export function reportAsOf(value: string | undefined, dataEnd: Date | null, now: Date): AsOf {
  if (value !== undefined || dataEnd === null) return parseAsOf(value, now);
  return { at: dataEnd, label: formatInstant(dataEnd), basis: 'data' };
}
