import { describe, expect, it } from 'vitest';
import { parseBound } from '../src/cli/indicator.js';
import { isCalendarDay, parseInstant } from '../src/dates.js';

describe('isCalendarDay', () => {
  it('takes real days written YYYY-MM-DD only', () => {
    expect(['2024-02-29', '2000-01-01', '1999-12-31'].map(isCalendarDay)).toEqual([true, true, true]);
    expect(['2023-02-29', '2024-02-30', '2024-13-01', '2024-6-1', '2024-06-01T00:00:00Z', ''].map(isCalendarDay)).toEqual([false, false, false, false, false, false]);
  });
});

describe('parseInstant', () => {
  it('reads ISO instants with Z or an offset', () => {
    expect(parseInstant('2024-06-30T12:00:00Z')?.toISOString()).toBe('2024-06-30T12:00:00.000Z');
    expect(parseInstant('2024-06-30T12:00+05:30')?.toISOString()).toBe('2024-06-30T06:30:00.000Z');
    expect(parseInstant('2024-06-30T12:00:00.123456789-0100')?.toISOString()).toBe('2024-06-30T13:00:00.123Z');
  });

  it('refuses instants without a zone, impossible days and times', () => {
    for (const text of ['2024-06-30T12:00:00', '2024-02-30T12:00:00Z', '2024-06-30T12:61:00Z', '2024-06-30T24:00:00Z', '2024-06-30', 'yesterday']) {
      expect(parseInstant(text), text).toBeUndefined();
    }
  });
});

describe('--from and --to', () => {
  it('take a day as its start in UTC, and refuse a day that does not exist (2024-02-30 once became March 1)', () => {
    expect(parseBound('--from', '2024-02-29').toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(() => parseBound('--from', '2024-02-30')).toThrow('--from "2024-02-30" is not a date');
    expect(() => parseBound('--to', '2024-06-30T12:00:00')).toThrow('--to "2024-06-30T12:00:00" is not a date');
  });
});
