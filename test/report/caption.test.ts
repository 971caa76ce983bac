import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { fitLines, chartCaption, withCaption, type CaptionContext } from '../../src/report/caption.js';
import type { BarChart, HeatmapChart, LineChart } from '../../src/report/model.js';
import { renderChart } from '../../src/report/render.js';
import { chartSpec } from '../../src/report/specs.js';
import { field, inkUnder } from '../helpers/vega.js';

const common = { indicator: 'x', description: 'About it.', id: 'x' };
const line: LineChart = { ...common, type: 'line', title: 'Commits', unit: 'commits', series: 'project', fields: [field('value', 'Commits', 'count')], band: null, sample: null, periods: ['month'], period: 'month' };
const bar: BarChart = { ...common, type: 'bar', title: 'Bus factor', unit: 'people', category: field('project', 'Project', 'text'), value: field('value', 'Bus factor', 'count'), window: 365 };
const heatmap: HeatmapChart = { ...common, type: 'heatmap', title: 'Activity', unit: 'commits', x: field('hour', 'Hour', 'count'), y: field('weekday', 'Weekday', 'weekday'), value: field('value', 'Commits', 'count') };
const CDF: CaptionContext = { source: 'CD Foundation', asOf: '2026-06-30', subject: null };

describe('chartCaption', () => {
  it('says the period of a time series, the window of a windowed figure, the as-of date and the report as the source', () => {
    expect(chartCaption(line, 'quarter', CDF)).toBe('Per quarter · Source: CD Foundation, cdstats · data to 2026-06-30');
    expect(chartCaption(bar, 'month', CDF)).toBe('365 days to 2026-06-30 · Source: CD Foundation, cdstats');
    expect(chartCaption(heatmap, 'month', CDF)).toBe('Source: CD Foundation, cdstats · data to 2026-06-30');
  });

  it('names the project of a project page, and no source twice when the report has no title of its own', () => {
    expect(chartCaption({ ...bar, window: 90 }, 'month', { source: 'cdstats', asOf: '2026-06-30 14:05 UTC', subject: 'Tekton' })).toBe('Tekton · 90 days to 2026-06-30 14:05 UTC · Source: cdstats');
    expect(chartCaption(line, 'week', { ...CDF, subject: '<img src=x onerror=alert(1)>' })).toBe('<img src=x onerror=alert(1)> · Per week · Source: CD Foundation, cdstats · data to 2026-06-30');
  });
});

describe('fitLines', () => {
  it('keeps a line where it fits, else breaks it between its parts, and a part too long between words', () => {
    const caption = 'Tekton · Per month · Source: CD Foundation, cdstats · data to 2026-06-30';
    expect(fitLines(caption, 720)).toEqual([caption]);
    // About 6.6 pixels a character: 54 fit in 358 pixels, 45 in 300, 30 in 200.
    expect(fitLines(caption, 358)).toEqual(['Tekton · Per month · Source: CD Foundation, cdstats', 'data to 2026-06-30']);
    expect(fitLines(caption, 300)).toEqual(['Tekton · Per month', 'Source: CD Foundation, cdstats', 'data to 2026-06-30']);
    expect(fitLines(`Source: ${'word '.repeat(20).trim()}`, 200)).toEqual(['Source: word word word word', 'word word word word word word', 'word word word word word word', 'word word word word']);
  });
});

describe('withCaption', () => {
  it('adds the caption after the notes of the subtitle and in usermeta, leaving the given spec alone', () => {
    const spec = { title: { text: 'Commits', subtitle: 'Dashed: the last period is partial.' }, mark: 'line' } as TopLevelSpec;
    const before = structuredClone(spec);
    expect(withCaption(spec, 'Per month · Source: X, cdstats', 720)).toEqual({
      title: { text: 'Commits', subtitle: ['Dashed: the last period is partial.', 'Per month · Source: X, cdstats'] },
      mark: 'line',
      usermeta: { caption: 'Per month · Source: X, cdstats' },
    });
    expect(spec).toEqual(before);
    expect(withCaption({ title: 'Bus factor', mark: 'bar' } as TopLevelSpec, 'c', 720)).toEqual({ title: { text: 'Bus factor', subtitle: ['c'] }, mark: 'bar', usermeta: { caption: 'c' } });
  });

  it('breaks a note too wide for a phone, with or without a caption', () => {
    const note = 'No point where n is under 10: too few to give a share. n is in the tooltip.';
    const spec = { title: { text: 'Retention', subtitle: note }, mark: 'line' } as TopLevelSpec;
    expect(withCaption(spec, null, 720)).toEqual({ title: { text: 'Retention', subtitle: [note] }, mark: 'line' });
    expect((withCaption(spec, null, 300) as { title: { subtitle: string[] } }).title.subtitle).toEqual(['No point where n is under 10: too few to give', 'a share. n is in the tooltip.']);
  });
});

describe('chartSpec with a caption', () => {
  const lineFields = [field('project', 'Project', 'text'), field('period', 'Month', 'month'), field('value', 'Commits', 'count')];

  it('puts the same caption line into every kind of chart', () => {
    const caption = (spec: TopLevelSpec | null) => (spec as { usermeta: { caption: string }; title: { subtitle: string[] } } | null);
    const drawn = [
      caption(chartSpec(line, lineFields, [['a', '2024-01-01', 1]], 'year', { caption: CDF })),
      caption(chartSpec(bar, [bar.category, bar.value], [['a', 2]], 'month', { caption: CDF })),
      caption(chartSpec(heatmap, [heatmap.y, heatmap.x, heatmap.value], [[1, 9, 2]], 'month', { caption: CDF })),
    ];
    expect(drawn.map((s) => s?.usermeta.caption)).toEqual([
      'Per year · Source: CD Foundation, cdstats · data to 2026-06-30',
      '365 days to 2026-06-30 · Source: CD Foundation, cdstats',
      'Source: CD Foundation, cdstats · data to 2026-06-30',
    ]);
    for (const spec of drawn) expect(spec?.title.subtitle.at(-1)).toBe(spec?.usermeta.caption);
    expect(chartSpec({ ...common, type: 'table', title: 'T', unit: 'x', columns: [] }, [], [], 'month', { caption: CDF })).toBeNull();
  });

  it('draws it into the SVG and PNG images, under the title', async () => {
    const spec = chartSpec(bar, [bar.category, bar.value], [['<b>a</b>', 2]], 'month', { caption: { ...CDF, subject: 'Tekton & co' } }) as TopLevelSpec;
    const svg = (await renderChart(spec, 'svg')).toString('utf8');
    const caption = 'Tekton &amp; co · 365 days to 2026-06-30 · Source: CD Foundation, cdstats';
    expect(svg).toContain(`>${caption}</text>`);
    expect(inkUnder(await renderChart(spec, 'png'), svg, caption, 300, 2)).toBeGreaterThan(200);
    // The same chart with its caption in white: no ink in that place, so the ink above is the caption's.
    const white = { ...spec, config: { ...(spec as { config: { title: object } }).config, title: { ...(spec as { config: { title: object } }).config.title, subtitleColor: 'white' } } } as TopLevelSpec;
    const whiteSvg = (await renderChart(white, 'svg')).toString('utf8');
    expect(inkUnder(await renderChart(white, 'png'), whiteSvg, caption, 300, 2)).toBe(0);
  });
});
