import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { BarChart, Field, HeatmapChart, LineChart } from '../../src/report/model.js';
import { barSpec, heatmapSpec, lineSpec } from '../../src/report/specs.js';
import { CONFIG, SCHEMA, XSS, field, keys, warnings } from '../helpers/vega.js';

/** Golden tests: the exact Vega-Lite the report (and `cdstats report --format`) draws. */

const common = { indicator: 'x', description: 'About it.', id: 'x' };

describe('lineSpec, one line per project (overview)', () => {
  const chart: LineChart = { ...common, type: 'line', title: 'Commits', unit: 'commits', series: 'project', fields: [field('value', 'Commits', 'count')], band: null, sample: null, periods: ['week', 'month', 'quarter', 'year'], period: 'month' };
  const fields = [field('project', 'Project', 'text'), field('period', 'Month', 'month'), field('value', 'Commits', 'count')];
  const rows = [
    ['beta', '2024-01-01', 3],
    [XSS, '2024-01-01', 1],
    ['beta', '2024-02-01', 0],
  ];
  const spec = lineSpec(chart, fields, rows, 'month');

  it('draws each project in its colour with a legend that highlights a line, titled axes and tooltips', () => {
    const x = { field: 'period', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month', axis: { format: '%b %Y', labelOverlap: true } };
    const y = { field: 'value', type: 'quantitative', title: 'Commits', axis: { format: ',d', tickMinStep: 1 } };
    expect(spec).toEqual({
      $schema: SCHEMA,
      description: 'Line chart, one line per project: Commits. About it.',
      title: 'Commits',
      width: 'container',
      config: CONFIG,
      height: 260,
      data: {
        values: [
          { period: '2024-01-01', series: 'beta', value: 3 },
          { period: '2024-01-01', series: XSS, value: 1 },
          { period: '2024-02-01', series: 'beta', value: 0 },
        ],
      },
      params: [{ name: 'pick', select: { type: 'point', fields: ['series'] }, bind: 'legend' }],
      mark: { type: 'line', point: { filled: true, size: 20 } },
      encoding: {
        x,
        y,
        color: {
          field: 'series',
          type: 'nominal',
          title: 'Project',
          scale: { domain: ['beta', XSS] },
          legend: { orient: 'bottom', direction: 'horizontal', columns: 2, labelLimit: 160, symbolType: 'stroke' },
        },
        tooltip: [
          { field: 'series', type: 'nominal', title: 'Project' },
          { field: 'period', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month', format: '%b %Y' },
          { field: 'value', type: 'quantitative', title: 'Commits', format: ',d' },
        ],
        opacity: { condition: { param: 'pick', value: 1 }, value: 0.15 },
      },
    });
    expect(warnings(spec)).toEqual([]);
  });

  it('follows the period: time unit, axis title and format', () => {
    const yearly = lineSpec(chart, [fields[0] as Field, field('period', 'Year', 'year'), fields[2] as Field], rows, 'year') as { encoding: { x: unknown } };
    expect(yearly.encoding.x).toEqual({ field: 'period', type: 'temporal', timeUnit: 'utcyear', title: 'Year', axis: { format: '%Y', labelOverlap: true } });
    const weekly = lineSpec(chart, fields, rows, 'week') as { encoding: { x: unknown } };
    expect(weekly.encoding.x).toEqual({ field: 'period', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Week', axis: { format: '%Y-%m-%d', labelOverlap: true } });
  });

  it('tells more than ten projects apart with a twenty-colour scheme when a definition asks for one chart, and drops the dots from long series', () => {
    const many = Array.from({ length: 11 }, (_, p) => Array.from({ length: 7 }, (_, m) => [`p${p}`, `2024-0${m + 1}-01`, m])).flat();
    const wide = lineSpec({ ...chart, panels: 20 }, fields, many, 'month') as { encoding: { color: { scale: unknown } }; mark: unknown };
    expect(wide.encoding.color.scale).toEqual({ domain: Array.from({ length: 11 }, (_, p) => `p${p}`), scheme: 'tableau20' });
    expect(wide.mark).toEqual({ type: 'line', point: { filled: true, size: 20 } });
    const long = Array.from({ length: 61 }, (_, i) => ['p', `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, i]);
    expect((lineSpec(chart, fields, long, 'week') as { mark: unknown }).mark).toEqual({ type: 'line', point: false });
  });

  it('carries names from the data only as values, never as expressions, fields or URLs', () => {
    expect(keys(spec).filter((k) => ['expr', 'signal', 'url', 'calculate', 'filter', 'href'].includes(k))).toEqual([]);
    expect(new Set(JSON.stringify(spec).match(/"field":"[^"]*"/g))).toEqual(new Set(['"field":"period"', '"field":"value"', '"field":"series"']));
  });
});

describe('lineSpec, a period still running at as-of', () => {
  const chart: LineChart = { ...common, type: 'line', title: 'Commits', unit: 'commits', series: 'project', fields: [field('value', 'Commits', 'count')], band: null, sample: null, periods: ['month'], period: 'month' };
  const fields = [field('project', 'Project', 'text'), field('period', 'Month', 'month'), field('value', 'Commits', 'count'), field('partial', 'Partial period', 'text')];
  const rows = [
    ['a', '2024-07-01', 30, false],
    ['a', '2024-08-01', 9, true],
    ['b', '2024-07-01', 4, false],
    ['b', '2024-08-01', 1, true],
  ];
  const spec = lineSpec(chart, fields, rows, 'month') as unknown as { title: unknown; data: { values: unknown[] }; encoding: { strokeDash: unknown; tooltip: unknown[] } };

  it('dashes the last segment: the last complete point starts the dashed piece, the partial point says so', () => {
    const note = 'partial period: still running at the as-of date';
    const complete = 'complete period';
    expect(spec.data.values).toEqual([
      { period: '2024-07-01', series: 'a', value: 30, part: 'complete', note: complete },
      { period: '2024-07-01', series: 'a', value: 30, part: 'partial', note: complete },
      { period: '2024-08-01', series: 'a', value: 9, part: 'partial', note },
      { period: '2024-07-01', series: 'b', value: 4, part: 'complete', note: complete },
      { period: '2024-07-01', series: 'b', value: 4, part: 'partial', note: complete },
      { period: '2024-08-01', series: 'b', value: 1, part: 'partial', note },
    ]);
    expect(spec.encoding.strokeDash).toEqual({ field: 'part', type: 'nominal', scale: { domain: ['complete', 'partial'], range: [[1, 0], [4, 3]] }, legend: null });
    expect(spec.encoding.tooltip).toContainEqual({ field: 'note', type: 'nominal', title: 'Data' });
    expect(spec.title).toEqual({ text: 'Commits', subtitle: 'Dashed: the last period is partial, still running at the as-of date.' });
    expect(warnings(spec as unknown as TopLevelSpec)).toEqual([]);
  });
});

describe('lineSpec, a field its source did not collect (git-only project page)', () => {
  const chart: LineChart = { ...common, type: 'line', title: 'Active contributors', unit: 'people', series: 'field', fields: [field('value', 'All', 'count'), field('code_authors', 'Code authors', 'count'), field('pr_authors', 'PR authors', 'count')], band: null, sample: null, periods: ['month'], period: 'month' };
  const fields = [field('period', 'Month', 'month'), ...chart.fields, field('partial', 'Partial period', 'text')];
  const spec = lineSpec(chart, fields, [['2024-01-01', 2, 2, null, false], ['2024-02-01', 0, 0, null, false]], 'month') as unknown as { title: unknown; data: { values: { series: string }[] }; encoding: { color: { scale: unknown } } };

  it('draws no line at 0 for it, leaves it out of the legend and names it in the subtitle', () => {
    expect(spec.data.values.map((v) => v.series)).toEqual(['All', 'Code authors', 'All', 'Code authors']);
    expect(spec.encoding.color.scale).toEqual({ domain: ['All', 'Code authors'] });
    expect(spec.title).toEqual({ text: 'Active contributors', subtitle: 'Not collected, so not drawn: PR authors.' });
  });
});

describe('lineSpec, a ratio with its n', () => {
  const chart: LineChart = { ...common, type: 'line', title: 'Retention', unit: 'share', series: 'field', fields: [field('value', 'Retained', 'percent')], band: null, sample: field('active', 'n (active)', 'count'), periods: [], period: 'quarter' };
  const fields = [field('period', 'Quarter', 'quarter'), field('value', 'Retained', 'percent'), field('active', 'n (active)', 'count'), field('partial', 'Partial period', 'text')];
  const spec = lineSpec(chart, fields, [['2024-01-01', 0.5, 12, false], ['2024-04-01', null, 2, false]], 'quarter') as unknown as { title: unknown; data: { values: unknown[] }; encoding: { tooltip: unknown[] } };

  it('carries n on every point, shows it in the tooltip, and says that points under the minimum are not drawn', () => {
    expect(spec.data.values).toEqual([
      { period: '2024-01-01', series: 'Retained', value: 0.5, n: 12 },
      { period: '2024-04-01', series: 'Retained', value: null, n: 2 },
    ]);
    expect(spec.encoding.tooltip).toContainEqual({ field: 'n', type: 'quantitative', title: 'n (active)', format: ',d' });
    expect(spec.title).toEqual({ text: 'Retention', subtitle: 'No point where n is under 10: too few to give a share. n is in the tooltip.' });
  });
});

describe('lineSpec, one line per field with a band (project page)', () => {
  const chart: LineChart = {
    ...common,
    type: 'line',
    title: 'Pull request time to merge',
    unit: 'hours',
    series: 'field',
    fields: [field('value', 'Median', 'number')],
    band: [field('p15', '15th percentile', 'number'), field('p85', '85th percentile', 'number')],
    sample: null,
    periods: [],
    period: 'quarter',
  };
  const fields = [field('period', 'Quarter', 'quarter'), field('value', 'Median', 'number'), field('p15', '15th percentile', 'number'), field('p85', '85th percentile', 'number')];
  const spec = lineSpec(chart, fields, [['2024-01-01', 10.5, 2, 30], ['2024-04-01', null, null, null]], 'quarter');

  it('layers the band under the line, says what it shades, and keeps a missing period missing', () => {
    const x = { field: 'period', type: 'temporal', timeUnit: 'utcyearquarter', title: 'Quarter', axis: { format: '%Y Q%q', labelOverlap: true } };
    const y = { field: 'value', type: 'quantitative', title: 'Hours', axis: { format: ',.2~f' } };
    const color = { field: 'series', type: 'nominal', title: null, scale: { domain: ['Median'] }, legend: null };
    expect(spec).toEqual({
      $schema: SCHEMA,
      description: 'Line chart with a band: Pull request time to merge. About it.',
      title: { text: 'Pull request time to merge', subtitle: 'Median, shaded from the 15th percentile to the 85th percentile' },
      width: 'container',
      config: CONFIG,
      height: 260,
      data: {
        values: [
          { period: '2024-01-01', series: 'Median', value: 10.5, low: 2, high: 30 },
          { period: '2024-04-01', series: 'Median', value: null, low: null, high: null },
        ],
      },
      layer: [
        { mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: { field: 'low', type: 'quantitative', title: 'Hours' }, y2: { field: 'high' }, color } },
        {
          mark: { type: 'line', point: { filled: true, size: 20 } },
          encoding: {
            x,
            y,
            color,
            tooltip: [
              { field: 'series', type: 'nominal', title: 'Series' },
              { field: 'period', type: 'temporal', timeUnit: 'utcyearquarter', title: 'Quarter', format: '%Y Q%q' },
              { field: 'value', type: 'quantitative', title: 'Hours', format: ',.2~f' },
              { field: 'low', type: 'quantitative', title: '15th percentile', format: ',.2~f' },
              { field: 'high', type: 'quantitative', title: '85th percentile', format: ',.2~f' },
            ],
          },
        },
      ],
    });
    expect(warnings(spec)).toEqual([]);
  });

  it('draws a share from 0 to 100%', () => {
    const ratio: LineChart = { ...chart, unit: 'ratio', band: null, fields: [field('value', 'Merged', 'percent')] };
    const out = lineSpec(ratio, [field('period', 'Month', 'month'), field('value', 'Merged', 'percent')], [['2024-01-01', 0.5]], 'month') as { encoding: { y: unknown } };
    expect(out.encoding.y).toEqual({ field: 'value', type: 'quantitative', title: 'Ratio', axis: { format: '.1~%' }, scale: { domain: [0, 1] } });
  });
});

describe('barSpec', () => {
  const chart: BarChart = { ...common, type: 'bar', title: 'Bus factor', unit: 'people', category: field('project', 'Project', 'text'), value: field('value', 'Bus factor', 'count') };
  const fields = [chart.category, chart.value];

  it('draws one labelled bar per project, longest first, leaving out projects without a value', () => {
    const spec = barSpec(chart, fields, [['alpha', 2], [XSS, 5], ['gamma', null]]);
    const format = ',d';
    expect(spec).toEqual({
      $schema: SCHEMA,
      description: 'Bar chart: Bus factor. About it.',
      title: 'Bus factor',
      width: 'container',
      config: CONFIG,
      autosize: { type: 'fit-x', contains: 'padding' },
      height: 44,
      data: { values: [{ project: XSS, value: 5 }, { project: 'alpha', value: 2 }] },
      encoding: {
        y: { field: 'project', type: 'nominal', title: null, sort: null, axis: { labelLimit: 160 } },
        x: { field: 'value', type: 'quantitative', title: 'Bus factor (people)', axis: { format, tickMinStep: 1 } },
        tooltip: [
          { field: 'project', type: 'nominal', title: 'Project' },
          { field: 'value', type: 'quantitative', title: 'Bus factor', format },
        ],
      },
      layer: [
        { mark: { type: 'bar', cornerRadiusEnd: 2, color: '#4c78a8' } },
        { mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 }, encoding: { text: { field: 'value', type: 'quantitative', format } } },
      ],
    });
    expect(warnings(spec)).toEqual([]);
  });
});

describe('heatmapSpec', () => {
  const chart: HeatmapChart = { ...common, type: 'heatmap', title: 'Activity heatmap', unit: 'commits', x: field('hour', 'Hour', 'count'), y: field('weekday', 'Weekday', 'weekday'), value: field('value', 'Commits', 'count') };
  const fields = [chart.y, chart.x, chart.value];

  it('shows weekdays by name in calendar order, hours in order, and sums what several projects share', () => {
    const spec = heatmapSpec(chart, fields, [[7, 10, 1], [1, 9, 2], [1, 10, 4], [1, 9, 3]]);
    expect(spec).toEqual({
      $schema: SCHEMA,
      description: 'Heat map: Activity heatmap. About it.',
      title: 'Activity heatmap',
      width: 'container',
      config: CONFIG,
      autosize: { type: 'fit-x', contains: 'padding' },
      height: 44,
      data: {
        values: [
          { x: '10', y: 'Sun', value: 1 },
          { x: '9', y: 'Mon', value: 2 },
          { x: '10', y: 'Mon', value: 4 },
          { x: '9', y: 'Mon', value: 3 },
        ],
      },
      mark: { type: 'rect' },
      encoding: {
        x: { field: 'x', type: 'ordinal', title: 'Hour', sort: ['9', '10'], axis: { labelAngle: 0 } },
        y: { field: 'y', type: 'ordinal', title: 'Weekday', sort: ['Mon', 'Sun'] },
        color: { aggregate: 'sum', field: 'value', type: 'quantitative', title: 'Commits', scale: { scheme: 'blues' }, legend: { format: ',d', orient: 'bottom', direction: 'horizontal' } },
        tooltip: [
          { field: 'y', type: 'ordinal', title: 'Weekday' },
          { field: 'x', type: 'ordinal', title: 'Hour' },
          { aggregate: 'sum', field: 'value', type: 'quantitative', title: 'Commits', format: ',d' },
        ],
      },
    });
    expect(warnings(spec)).toEqual([]);
  });
});
