/**
 * Groups of projects side by side: the spread of a group's projects (median, middle half,
 * lowest and highest) beside the group's own figure. Pure, shared by the page's tables (Node)
 * and its charts (Node and the browser), so the table and the chart say the same numbers.
 */
import type { Cell, DistributionChart, Field } from './model.js';

/** The spread of some values: quartiles by linear interpolation between the sorted values (R's type 7, d3.quantile). */
export interface Spread {
  count: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

/** The p-quantile (0 ≤ p ≤ 1) of sorted values, interpolated between the two nearest. */
function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const lower = sorted[low] ?? 0;
  const upper = sorted[Math.min(low + 1, sorted.length - 1)] ?? lower;
  return lower + (upper - lower) * (at - low);
}

/** Rounded as the indicators round (2 decimals), so that 2.675 and its float neighbour read alike. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The spread of the values (nulls left out); undefined for none. */
export function spreadOf(values: readonly Cell[]): Spread | undefined {
  const sorted = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  return {
    count: sorted.length,
    min: sorted[0] ?? 0,
    q1: round(quantile(sorted, 0.25)),
    median: round(quantile(sorted, 0.5)),
    q3: round(quantile(sorted, 0.75)),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/** One group of a distribution chart: its projects' values and spread, and its own figure with its n. */
export interface GroupSummary {
  group: string;
  projects: { project: string; value: Cell; n: Cell }[];
  spread: Spread | undefined;
  own: { value: Cell; n: Cell };
}

/** The groups of a distribution chart's rows (as `chartTable` gives them), in the chart's order. */
export function summarise(chart: DistributionChart, fields: readonly Field[], rows: readonly Cell[][]): GroupSummary[] {
  const column = (field: Field | null) => (field === null ? -1 : fields.findIndex((f) => f.field === field.field));
  const [group, project, value, n] = [column(chart.group), column(chart.project), column(chart.value), column(chart.n)];
  const cellAt = (row: readonly Cell[], i: number): Cell => (i < 0 ? null : (row[i] ?? null));
  return chart.groups.map((name) => {
    const mine = rows.filter((r) => cellAt(r, group) === name);
    const projects = mine.filter((r) => cellAt(r, project) !== null).map((r) => ({ project: String(cellAt(r, project)), value: cellAt(r, value), n: cellAt(r, n) }));
    const own = mine.find((r) => cellAt(r, project) === null);
    return { group: name, projects, spread: spreadOf(projects.map((p) => p.value)), own: { value: own === undefined ? null : cellAt(own, value), n: own === undefined ? null : cellAt(own, n) } };
  });
}
