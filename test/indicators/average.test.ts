import { describe, expect, it } from 'vitest';
import { movingAverage } from '../../src/indicators/average.js';

describe('movingAverage', () => {
  it('averages each day with the days before it, per project; too few days or a missing one give null', () => {
    const rows = [1, 2, 3, 4].map((value, i) => ({ project: 'a', period: `2024-01-0${i + 1}`, value }));
    rows.push({ project: 'b', period: '2024-01-01', value: 10 }, { project: 'b', period: '2024-01-02', value: 20 });
    expect(movingAverage(rows, 3).map((r) => [r.project, r.value_avg])).toEqual([
      ['a', null],
      ['a', null],
      ['a', 2],
      ['a', 3],
      ['b', null],
      ['b', null],
    ]);
    const gap = [{ project: 'a', value: 1 }, { project: 'a', value: null }, { project: 'a', value: 3 }, { project: 'a', value: 5 }];
    expect(movingAverage(gap, 2).map((r) => r.value_avg)).toEqual([null, null, null, 4]);
  });
});
