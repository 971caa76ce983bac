// Per-function entry points: the package index loads every function, some 0.1 s of every command.
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const INSTANT = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * True for a real calendar day written YYYY-MM-DD: 2024-02-29 is one, 2023-02-29 is not.
 * Counted by hand (gitdm files hold half a million dates; parseISO took a second of them).
 */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
  return day >= 1 && day <= days;
}

/**
 * An ISO 8601 instant that names its zone (`Z` or an offset: without one it would depend on
 * the machine's time zone), such as 2024-06-30T12:00:00Z; undefined for anything else,
 * including impossible days and times (2024-02-30, 12:61, 24:00).
 */
export function parseInstant(text: string): Date | undefined {
  if (!INSTANT.test(text)) return undefined;
  const at = parseISO(text);
  return isValid(at) ? at : undefined;
}
