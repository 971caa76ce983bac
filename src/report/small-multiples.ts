/**
 * Small multiples: past about ten lines, one chart of coloured lines cannot be read (twenty
 * colours are not told apart, and the lines cross). Each line gets a small panel of its own
 * instead, on the same scales as the others so that heights compare, named above it, the panels
 * ordered by their latest value, as many side by side as the width holds. Pure; specs.ts decides
 * when (SMALL_MULTIPLES_ABOVE, or a chart's `panels`) and gives the mark and encodings.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from './model.js';

/** More lines than this and a line chart becomes small multiples (a report definition's `panels` changes it per chart). */
export const SMALL_MULTIPLES_ABOVE = 10;
/** The width a chart is drawn at when the caller does not know its container: `cdstats report --format`'s 720 pixels. */
export const DEFAULT_WIDTH = 720;
const PANEL_HEIGHT = 110;
/** Narrower than this and a panel's time axis has room for two labels. */
const PANEL_MIN_WIDTH = 120;
const SPACING = 16;
/** Between rows: room for a panel's name above it. */
const ROW_SPACING = 30;
/** Room for the value axis and its title left of the first column, and for Vega's padding. */
const AXIS_ROOM = 100;

/** A point of a line: its series, the period still running or not, and its value. */
export interface LinePoint {
  series: Cell;
  value: Cell;
  partial: boolean;
}

/**
 * The series, highest latest value first: each one's last value in a complete period (its
 * value in the running period when it has no other), no value last, ties in the given order.
 */
export function latestOrder(points: readonly LinePoint[], names: readonly string[]): string[] {
  const latest = new Map<string, { value: number; partial: boolean }>();
  for (const point of points) {
    if (typeof point.value !== 'number') continue;
    const name = String(point.series);
    const known = latest.get(name);
    // Points come in period order: a later one replaces an earlier, but a running period does not replace a complete one.
    if (known === undefined || known.partial || !point.partial) latest.set(name, { value: point.value, partial: point.partial });
  }
  const rank = (name: string) => latest.get(name)?.value ?? -Infinity;
  return names.map((name, i) => ({ name, i })).sort((a, b) => rank(b.name) - rank(a.name) || a.i - b.i).map((n) => n.name);
}

/** How many panels side by side, and how wide each is, in `width` pixels (the chart's container). */
export function panelLayout(count: number, width: number): { columns: number; panelWidth: number } {
  const room = Math.max(PANEL_MIN_WIDTH, width - AXIS_ROOM);
  const columns = Math.max(1, Math.min(count, Math.floor((room + SPACING) / (PANEL_MIN_WIDTH + SPACING))));
  return { columns, panelWidth: Math.floor((room + SPACING) / columns) - SPACING };
}

/**
 * The small multiples of a line chart: `top` is the chart's own top-level part ($schema,
 * description, title, config), `panel` the mark and encodings of one line (no colour legend:
 * the panel's name says whose line it is), `order` the series in panel order.
 */
export function smallMultiplesSpec(top: object, values: readonly Record<string, Cell>[], panel: { mark: object; encoding: object }, order: readonly string[], width: number): TopLevelSpec {
  const { columns, panelWidth } = panelLayout(order.length, width);
  return {
    ...top,
    data: { values },
    columns,
    spacing: { row: ROW_SPACING, column: SPACING },
    // Columns step by their plot's width, not by how far an axis label reaches out of it.
    bounds: 'flush',
    facet: { field: 'series', type: 'nominal', title: null, sort: order, header: { labelAnchor: 'start', labelFontSize: 12, labelLimit: panelWidth, labelPadding: 4 } },
    spec: { width: panelWidth, height: PANEL_HEIGHT, ...panel },
  } as TopLevelSpec;
}
