import type { Row } from '../store/values.js';

/**
 * Adds `value_avg` to each row of a daily series: the mean of `value` over that day and the
 * days before it, `days` in all, per project (rows are continuous and ordered by project and
 * period, as every series indicator returns them). Days before there are `days` of them, and
 * windows holding a missing value, get NULL: an average of fewer days would not be comparable.
 */
export function movingAverage(rows: readonly Row[], days: number): Row[] {
  const out: Row[] = [];
  let window: (number | null)[] = [];
  let project: unknown;
  for (const row of rows) {
    if (row.project !== project) {
      project = row.project;
      window = [];
    }
    window.push(typeof row.value === 'number' ? row.value : null);
    if (window.length > days) window.shift();
    const complete = window.length === days && window.every((v) => v !== null);
    const sum = window.reduce<number>((total, v) => total + (v ?? 0), 0);
    out.push({ ...row, value_avg: complete ? Math.round((sum / days) * 100) / 100 : null });
  }
  return out;
}
