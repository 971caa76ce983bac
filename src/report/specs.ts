import type { TopLevelSpec } from 'vega-lite';

/**
 * Pure Vega-Lite spec builders. Data from the database only ever appears as inline data
 * values (and the colour domain): never in expressions, field names or URLs, so names
 * from git are drawn as text and nothing in them is evaluated.
 */

/** What a chart says about itself: the indicator's title and unit. */
export interface ChartText {
  title: string;
  /** Plural noun of the values, e.g. `commits`. */
  unit: string;
}

/** One month of one project's series; `period` is the month's first day, `YYYY-MM-DD`. */
export interface ProjectPoint {
  project: string;
  period: string;
  value: number;
}

export type Point = Omit<ProjectPoint, 'project'>;

const HEIGHT = 240;
/** Months are UTC dates: a local time unit would shift them a month back west of Greenwich. */
const MONTH = { field: 'period', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month' } as const;
const POINT = { filled: true, size: 24 } as const;
/** Slightly larger text than Vega's defaults, for phones. */
const CONFIG = {
  title: { fontSize: 14 },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  axisX: { labelSeparation: 8 },
  legend: { labelFontSize: 12, titleFontSize: 12 },
} as const;

/** `commits` → `Commits`: the heading of a value axis or column. */
export function unitTitle(unit: string): string {
  return unit.charAt(0).toUpperCase() + unit.slice(1);
}

function valueEncoding(unit: string) {
  const title = unitTitle(unit);
  return {
    axis: { field: 'value', type: 'quantitative', title, axis: { tickMinStep: 1, format: ',d' } },
    tooltip: { field: 'value', type: 'quantitative', title, format: ',d' },
  } as const;
}

/** Monthly series of several projects: one line per project, coloured in the given order. */
export function projectsLineSpec(text: ChartText, projects: readonly string[], points: readonly ProjectPoint[]): TopLevelSpec {
  const value = valueEncoding(text.unit);
  return {
    description: `Line chart: ${text.title}, one line per project`,
    title: text.title,
    width: 'container',
    height: HEIGHT,
    config: CONFIG,
    data: { values: points.map((p) => ({ project: p.project, period: p.period, value: p.value })) },
    mark: { type: 'line', point: POINT },
    encoding: {
      x: MONTH,
      y: value.axis,
      color: {
        field: 'project',
        type: 'nominal',
        title: 'Project',
        scale: { domain: [...projects] },
        legend: { orient: 'bottom', direction: 'horizontal', columns: 2, labelLimit: 130 },
      },
      tooltip: [{ field: 'project', type: 'nominal', title: 'Project' }, MONTH, value.tooltip],
    },
  };
}

/** Monthly series of one project: a single line. */
export function lineSpec(text: ChartText, points: readonly Point[]): TopLevelSpec {
  const value = valueEncoding(text.unit);
  return {
    description: `Line chart: ${text.title}`,
    title: text.title,
    width: 'container',
    height: HEIGHT,
    config: CONFIG,
    data: { values: points.map((p) => ({ period: p.period, value: p.value })) },
    mark: { type: 'line', point: POINT },
    encoding: {
      x: MONTH,
      y: value.axis,
      tooltip: [MONTH, value.tooltip],
    },
  };
}
