import { describe, expect, it } from 'vitest';
import { chartTable, formatCell, inferFormat, runningPeriods, toCsv, type ChartPayload, type Field } from '../../src/report/model.js';

const field = (name: string, label: string, format: Field['format']): Field => ({ field: name, label, format });

describe('formatCell', () => {
  it.each([
    [1234567, 'count', '1,234,567'],
    [12.345, 'number', '12.35'],
    [0.1234, 'percent', '12.3%'],
    [1, 'weekday', 'Mon'],
    [7, 'weekday', 'Sun'],
    ['2024-05-01', 'month', 'May 2024'],
    ['2024-05-01', 'quarter', '2024 Q2'],
    ['2024-05-01', 'year', '2024'],
    ['2024-05-06 00:00:00', 'date', '2024-05-06'],
    ['Up', 'trend', '▲ Up'],
    ['Down', 'trend', '▼ Down'],
    ['<b>x</b>', 'text', '<b>x</b>'],
    [null, 'count', '—'],
    [true, 'text', 'yes'],
  ] as const)('%s as %s is %s', (value, format, text) => {
    expect(formatCell(value, format)).toBe(text);
  });
});

describe('inferFormat', () => {
  it('reads shares as percentages, whole numbers as counts, dates as dates and the rest as text', () => {
    expect(inferFormat('top10_share', 'people', [0.5])).toBe('percent');
    expect(inferFormat('value', 'ratio', [0.5])).toBe('percent');
    expect(inferFormat('value', 'hours', [1, 2.5, null])).toBe('number');
    expect(inferFormat('commits', 'commits', [1, 2, null])).toBe('count');
    expect(inferFormat('last_commit', 'x', ['2024-01-02', null])).toBe('date');
    expect(inferFormat('person', 'x', ['Ada'])).toBe('text');
    expect(inferFormat('person', 'x', [])).toBe('text');
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting, leaves nulls empty and keeps spreadsheet formulas from running', () => {
    const csv = toCsv([field('name', 'Name, full', 'text'), field('value', 'Value', 'count')], [
      ['Ada "the first"', 1],
      ['=HYPERLINK("http://x")', -2],
      ['line\nbreak', null],
    ]);
    expect(csv).toBe('"Name, full",Value\r\n"Ada ""the first""",1\r\n"\'=HYPERLINK(""http://x"")",-2\r\n"line\nbreak",\r\n');
  });
});

describe('chartTable', () => {
  it('unpacks a line chart’s series into rows at the chosen period, project and period first', () => {
    const payload: ChartPayload = {
      chart: { type: 'line', id: 'c', indicator: 'c', title: 'C', description: '', unit: 'x', series: 'project', fields: [field('value', 'V', 'count')], band: null, sample: null, periods: ['month', 'year'], period: 'month' },
      data: {
        kind: 'series',
        byPeriod: {
          month: [
            { key: 'a', from: 0, values: { value: [1, 2] } },
            { key: 'b', from: 1, values: { value: [5] } },
          ],
          year: [{ key: 'a', from: 0, values: { value: [3] } }],
        },
        running: { month: '2024-02-01' },
      },
    };
    const periods = { month: ['2024-01-01', '2024-02-01'], year: ['2024-01-01'] };
    expect(chartTable(payload, periods, 'month')).toEqual({
      fields: [field('project', 'Project', 'text'), field('period', 'Month', 'month'), field('value', 'V', 'count'), field('partial', 'Partial period', 'text')],
      rows: [
        ['a', '2024-01-01', 1, false],
        ['a', '2024-02-01', 2, true],
        ['b', '2024-02-01', 5, true],
      ],
    });
    expect(chartTable(payload, periods, 'year').rows).toEqual([['a', '2024-01-01', 3, false]]);
  });
});

describe('runningPeriods', () => {
  it('names the periods still running at an instant: the week from Monday, the month, quarter and year', () => {
    expect(runningPeriods(new Date('2024-08-22T02:34:19Z'))).toEqual({ week: '2024-08-19', month: '2024-08-01', quarter: '2024-07-01', year: '2024-01-01' });
  });

  it('takes the last second of a period as its end: a date as-of closes its month', () => {
    // A Sunday: its week ends with it.
    expect(runningPeriods(new Date('2024-06-30T23:59:59.999Z'))).toEqual({ year: '2024-01-01' });
    // A Tuesday: its week runs on into 2025.
    expect(runningPeriods(new Date('2024-12-31T23:59:59Z'))).toEqual({ week: '2024-12-30' });
    expect(runningPeriods(new Date('2024-12-31T23:59:58Z'))).toEqual({ week: '2024-12-30', month: '2024-12-01', quarter: '2024-10-01', year: '2024-01-01' });
  });
});
