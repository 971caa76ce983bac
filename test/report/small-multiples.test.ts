import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { Field, LineChart } from '../../src/report/model.js';
import { renderChart } from '../../src/report/render.js';
import { SMALL_MULTIPLES_ABOVE, latestOrder, panelLayout } from '../../src/report/small-multiples.js';
import { chartSpec, lineSpec } from '../../src/report/specs.js';
import { XSS, field, keys, warnings } from '../helpers/vega.js';

/** Golden tests of the small multiples: past ten lines, one panel per line. */

const chart: LineChart = { indicator: 'x', description: 'About it.', id: 'x', type: 'line', title: 'Commits', unit: 'commits', series: 'project', fields: [field('value', 'Commits', 'count')], band: null, sample: null, periods: ['month'], period: 'month' };
const fields = [field('project', 'Project', 'text'), field('period', 'Month', 'month'), field('value', 'Commits', 'count'), field('partial', 'Partial period', 'text')];

/** `count` projects over three months, the third still running; project i has i commits a month. */
function projects(count: number): (string | number | boolean | null)[][] {
  return Array.from({ length: count }, (_, p) => ['2024-04-01', '2024-05-01', '2024-06-01'].map((month, m) => [p === 0 ? XSS : `p${p}`, month, p, m === 2])).flat();
}

describe('the small multiples rule', () => {
  it('draws ten projects as one chart of coloured lines, eleven as one panel each', () => {
    expect(SMALL_MULTIPLES_ABOVE).toBe(10);
    expect(lineSpec(chart, fields, projects(10), 'month')).toHaveProperty('mark');
    expect(lineSpec(chart, fields, projects(10), 'month')).not.toHaveProperty('facet');
    expect(lineSpec(chart, fields, projects(11), 'month')).toHaveProperty('facet');
  });

  it("follows a definition's `panels`: 0 always panels, more lines than projects never", () => {
    expect(lineSpec({ ...chart, panels: 0 }, fields, projects(2), 'month')).toHaveProperty('facet');
    expect(lineSpec({ ...chart, panels: 30 }, fields, projects(20), 'month')).not.toHaveProperty('facet');
  });

  it('never splits a line with its band', () => {
    const band: LineChart = { ...chart, series: 'field', band: [field('p15', '15th percentile', 'number'), field('p85', '85th percentile', 'number')], panels: 0 };
    const spec = lineSpec(band, [field('period', 'Month', 'month'), field('value', 'Commits', 'count'), band.band?.[0] as Field, band.band?.[1] as Field], [['2024-01-01', 1, 0, 2]], 'month');
    expect(spec).toHaveProperty('layer');
  });
});

describe('latestOrder', () => {
  it('ranks by the last complete period, the running one only for a line with no other, no value last, ties in the given order', () => {
    const points = [
      { series: 'a', value: 1, partial: false },
      { series: 'a', value: 50, partial: true },
      { series: 'b', value: 4, partial: false },
      { series: 'b', value: 2, partial: false },
      { series: 'c', value: 3, partial: true },
      { series: 'd', value: null, partial: false },
      { series: 'e', value: 2, partial: false },
    ];
    expect(latestOrder(points, ['a', 'b', 'c', 'd', 'e'])).toEqual(['c', 'b', 'e', 'a', 'd']);
  });
});

describe('panelLayout', () => {
  it('puts as many panels side by side as the width holds, at least 120 pixels each', () => {
    expect(panelLayout(12, 720)).toEqual({ columns: 4, panelWidth: 143 });
    expect(panelLayout(12, 968)).toEqual({ columns: 6, panelWidth: 131 });
    expect(panelLayout(12, 358)).toEqual({ columns: 2, panelWidth: 121 });
    expect(panelLayout(12, 200)).toEqual({ columns: 1, panelWidth: 120 });
    expect(panelLayout(3, 2000)).toEqual({ columns: 3, panelWidth: 622 });
  });
});

describe('lineSpec as small multiples', () => {
  const rows = [
    ['a', '2024-05-01', 1, false],
    ['a', '2024-06-01', 2, true],
    [XSS, '2024-05-01', 5, false],
    [XSS, '2024-06-01', 0, true],
    ['c', '2024-05-01', 3, false],
    ['c', '2024-06-01', null, true],
  ];
  const spec = lineSpec({ ...chart, panels: 2 }, fields, rows, 'month', 500);

  it('wraps one panel per project, highest latest complete value first, on shared scales, with the dashed running period', () => {
    const complete = 'complete period';
    const note = 'partial period: still running at the as-of date';
    expect(spec).toEqual({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      description: 'Small multiples, one line chart per project: Commits. About it.',
      title: {
        text: 'Commits',
        subtitle: ['One panel per project, highest latest value first, all on the same scales.', 'Dashed: the last period is partial, still running at the as-of date.'],
      },
      config: (lineSpec(chart, fields, rows, 'month') as { config: unknown }).config,
      data: {
        values: [
          { period: '2024-05-01', series: 'a', value: 1, part: 'complete', note: complete },
          { period: '2024-05-01', series: 'a', value: 1, part: 'partial', note: complete },
          { period: '2024-06-01', series: 'a', value: 2, part: 'partial', note },
          { period: '2024-05-01', series: XSS, value: 5, part: 'complete', note: complete },
          { period: '2024-05-01', series: XSS, value: 5, part: 'partial', note: complete },
          { period: '2024-06-01', series: XSS, value: 0, part: 'partial', note },
          { period: '2024-05-01', series: 'c', value: 3, part: 'complete', note: complete },
          { period: '2024-05-01', series: 'c', value: 3, part: 'partial', note: complete },
          { period: '2024-06-01', series: 'c', value: null, part: 'partial', note },
        ],
      },
      columns: 3,
      spacing: { row: 30, column: 16 },
      bounds: 'flush',
      facet: { field: 'series', type: 'nominal', title: null, sort: [XSS, 'c', 'a'], header: { labelAnchor: 'start', labelFontSize: 12, labelLimit: 122, labelPadding: 4 } },
      spec: {
        width: 122,
        height: 110,
        mark: { type: 'line', point: { filled: true, size: 12 } },
        encoding: {
          x: { field: 'period', type: 'temporal', timeUnit: 'utcyearmonth', title: null, axis: { format: '%b %Y', labelOverlap: true, labelFlush: true } },
          y: { field: 'value', type: 'quantitative', title: 'Commits', axis: { format: ',d', tickMinStep: 1 } },
          color: { value: '#4c78a8' },
          tooltip: [
            { field: 'series', type: 'nominal', title: 'Project' },
            { field: 'period', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month', format: '%b %Y' },
            { field: 'value', type: 'quantitative', title: 'Commits', format: ',d' },
            { field: 'note', type: 'nominal', title: 'Data' },
          ],
          strokeDash: { field: 'part', type: 'nominal', scale: { domain: ['complete', 'partial'], range: [[1, 0], [4, 3]] }, legend: null },
        },
      },
    });
    expect(warnings(spec)).toEqual([]);
  });

  it('carries names from the data only as values, never as expressions, fields or URLs', () => {
    expect(keys(spec).filter((k) => ['expr', 'signal', 'url', 'calculate', 'filter', 'href'].includes(k))).toEqual([]);
  });

  it('draws twelve panels, each named, in an image no wider than the width it was given', async () => {
    const many = chartSpec(chart, fields, projects(12), 'month', { width: 720 }) as TopLevelSpec;
    expect(warnings(many)).toEqual([]);
    const svg = (await renderChart(many, 'svg')).toString('utf8');
    expect(svg.match(/aria-roledescription="line mark"/g)?.length).toBeGreaterThanOrEqual(12);
    for (let p = 1; p < 12; p++) expect(svg).toContain(`>p${p}</text>`);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(Number(/^<svg [^>]*width="([\d.]+)"/.exec(svg)?.[1])).toBeLessThanOrEqual(720);
  });
});
