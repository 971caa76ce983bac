import { EXIT_USAGE, UserError } from '../errors.js';

/** The instant a report is computed for: data after it does not count. */
export interface AsOf {
  at: Date;
  /** How the report shows it: the date as given, or the instant in UTC. */
  label: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
  if (value === undefined) return { at: now, label: formatInstant(now) };
  const date = DATE.exec(value);
  if (date && isCalendarDate(Number(date[1]), Number(date[2]), Number(date[3]))) {
    return { at: new Date(`${value}T23:59:59.999Z`), label: value };
  }
  const instant = INSTANT.exec(value);
  if (instant) {
    const [, year, month, day, hour, minute, second = '0'] = instant;
    const at = new Date(value);
    if (isCalendarDate(Number(year), Number(month), Number(day)) && Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60 && !Number.isNaN(at.getTime())) {
      return { at, label: formatInstant(at) };
    }
  }
  throw new UserError(`--as-of "${value}" is not a date: use YYYY-MM-DD or an ISO instant such as 2024-06-30T12:00:00Z`, EXIT_USAGE);
}
