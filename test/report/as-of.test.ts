import { describe, expect, it } from 'vitest';
import { EXIT_USAGE, UserError } from '../../src/errors.js';
import { formatInstant, parseAsOf, reportAsOf } from '../../src/report/as-of.js';

const NOW = new Date('2025-02-03T04:05:06.789Z');

describe('parseAsOf', () => {
  it('is now when absent', () => {
    expect(parseAsOf(undefined, NOW)).toEqual({ at: NOW, label: '2025-02-03 04:05 UTC', basis: 'now' });
  });

  it('reads a date as the end of that day in UTC, so the whole day counts', () => {
    expect(parseAsOf('2024-02-29', NOW)).toEqual({ at: new Date('2024-02-29T23:59:59.999Z'), label: '2024-02-29', basis: 'given' });
  });

  it('reads ISO instants with Z or an offset', () => {
    expect(parseAsOf('2024-06-30T12:00:00Z', NOW).at).toEqual(new Date('2024-06-30T12:00:00Z'));
    expect(parseAsOf('2024-06-30T12:00+02:00', NOW)).toEqual({ at: new Date('2024-06-30T10:00:00Z'), label: '2024-06-30 10:00 UTC', basis: 'given' });
    expect(parseAsOf('2024-06-30T12:00:00.5-0130', NOW).at).toEqual(new Date('2024-06-30T13:30:00.5Z'));
  });

  it.each(['2023-02-29', '2024-13-01', '2024-6-30', '30/06/2024', 'yesterday', '', '2024-06-30T12:00:00', '2024-06-30T24:00:00Z', '2024-06-31T00:00Z'])(
    'rejects %j as a usage error that names the value',
    (value) => {
      let error: unknown;
      try {
        parseAsOf(value, NOW);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).exitCode).toBe(EXIT_USAGE);
      expect((error as UserError).message).toContain(`--as-of "${value}"`);
    },
  );
});

describe('reportAsOf', () => {
  const END = new Date('2024-08-22T02:34:19Z');

  it('is the end of the collected data by default, not the clock', () => {
    expect(reportAsOf(undefined, END, NOW)).toEqual({ at: END, label: '2024-08-22 02:34 UTC', basis: 'data' });
  });

  it('is --as-of when given, whatever the data', () => {
    expect(reportAsOf('2024-06-30', END, NOW)).toEqual({ at: new Date('2024-06-30T23:59:59.999Z'), label: '2024-06-30', basis: 'given' });
  });

  it('is the clock when nothing was collected', () => {
    expect(reportAsOf(undefined, null, NOW)).toEqual({ at: NOW, label: '2025-02-03 04:05 UTC', basis: 'now' });
  });
});

describe('formatInstant', () => {
  it('shows minutes in UTC', () => {
    expect(formatInstant(new Date('2024-01-02T03:04:59Z'))).toBe('2024-01-02 03:04 UTC');
  });
});
