/**
 * What every Vega-Lite spec of the report shares: its look (config, colours), number formats,
 * and the top of a spec. Pure; specs.ts and group-specs.ts build on it.
 */
import type { Cell, ChartModel, Field, Format } from './model.js';

/** A horizontal bar's band, per category. */
export const BAR_HEIGHT = 22;
export const COLORS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d', '#ff9da6', '#bab0ac'];

/** The palette in order for `names`, but `special` (if one of them) in its own colour: an all-projects figure beside the others. */
export function paletteWith(names: readonly string[], special: string | undefined, specialColor: string): { domain: string[]; range: string[] } {
  let next = 0;
  return { domain: [...names], range: names.map((name) => (name === special ? specialColor : (COLORS[next++ % COLORS.length] ?? specialColor))) };
}

/** Slightly larger text than Vega's defaults, for phones; white so a downloaded image reads anywhere. */
const CONFIG = {
  background: 'white',
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  title: { fontSize: 14, anchor: 'start', offset: 8, subtitleColor: '#59636e' },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  axisX: { labelSeparation: 8 },
  legend: { labelFontSize: 12, titleFontSize: 12 },
  range: { category: COLORS },
} as const;

/** `commits` → `Commits`: the heading of a value axis. */
export function unitTitle(unit: string): string {
  return unit.charAt(0).toUpperCase() + unit.slice(1);
}

/** d3-format of a value axis or tooltip. */
export function numberFormat(format: Format): string {
  if (format === 'percent') return '.1~%';
  if (format === 'count') return ',d';
  return ',.2~f';
}

/**
 * Full width, and a band of `band` pixels (BAR_HEIGHT by default) per category down the side (a
 * numeric height: Vega-Lite warns about a step height next to a container width).
 */
export function fitWidth(categories: number, band = BAR_HEIGHT) {
  return { autosize: { type: 'fit-x', contains: 'padding' }, height: Math.max(1, categories) * band } as const;
}

export function valueAxis(format: Format) {
  return { format: numberFormat(format), ...(format === 'count' ? { tickMinStep: 1 } : {}) };
}

/** The chart's rows as objects named by field: what Vega-Lite reads. */
export function records(fields: readonly Field[], rows: readonly Cell[][]): Record<string, Cell>[] {
  return rows.map((row) => Object.fromEntries(fields.map((f, i) => [f.field, row[i] ?? null])));
}

export function base(chart: ChartModel, kind: string) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${kind}: ${chart.title}. ${chart.description}`,
    title: chart.title,
    width: 'container',
    config: CONFIG,
  } as const;
}
