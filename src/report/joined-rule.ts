/**
 * The day a project joined the foundation (`joined:` in cdstats.yaml), drawn on its time series
 * as a vertical rule with a label: on its project page, on an overview chart that shows that
 * project alone, and in its panel of small multiples. Pure; the day is a value of the rule's
 * inline data, never an expression.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Cell, Field, LineChart } from './model.js';

const RULE_COLOR = '#59636e';
/** The exact day, in UTC as the series are: a rule inside the period it joined in. */
const JOINED_X = { field: 'joined', type: 'temporal', timeUnit: 'utcyearmonthdate', title: null };
const RULE_MARK = { type: 'rule', color: RULE_COLOR, strokeDash: [4, 2], strokeWidth: 1.5 };

/** The project whose joined day a chart's rows call for: the one project it shows, if it has one. */
function joinedShown(chart: LineChart, fields: readonly Field[], rows: readonly Cell[][]): { project: string; day: string } | undefined {
  const joined = chart.joined;
  if (joined === undefined) return undefined;
  if (chart.series === 'field') {
    const [project, day] = Object.entries(joined)[0] ?? [];
    return project === undefined || day === undefined ? undefined : { project, day };
  }
  const column = fields.findIndex((f) => f.field === 'project');
  const shown = new Set(rows.map((r) => String(r[column] ?? '')).filter((p) => p !== chart.total));
  const [only] = shown;
  const day = only === undefined ? undefined : joined[only];
  return shown.size === 1 && only !== undefined && day !== undefined ? { project: only, day } : undefined;
}

/** The rule and its label, as layers over a chart's time axis. */
function joinedLayers(day: string, label: string): object[] {
  const x = JOINED_X;
  const data = { values: [{ joined: day, label }] };
  return [
    { data, mark: RULE_MARK, encoding: { x } },
    { data, mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 2, fontSize: 11, color: RULE_COLOR }, encoding: { x, text: { field: 'label', type: 'nominal' } } },
  ];
}

/**
 * Small multiples (one panel per project): a rule in the panel of each project that has a joined
 * day. The rules' rows join the panels' data, named by their panel (`series`) and without a
 * `period`, which the lines keep to themselves.
 */
function panelRules(top: Record<string, unknown>, chart: LineChart): TopLevelSpec | undefined {
  const panel = top.spec as Record<string, unknown> | undefined;
  const values = (top.data as { values?: Record<string, Cell>[] } | undefined)?.values;
  if (panel === undefined || values === undefined || panel.mark === undefined || chart.series !== 'project' || chart.joined === undefined) return undefined;
  const panels = new Set(values.map((v) => v.series));
  const joined = Object.entries(chart.joined).filter(([project]) => panels.has(project));
  if (joined.length === 0) return undefined;
  const x = JOINED_X;
  const only = (field: string) => [{ filter: { field, valid: true } }];
  const { mark, encoding, ...size } = panel;
  return {
    ...top,
    description: `${String(top.description ?? '')} A dashed rule marks the day each project joined the foundation, where the config gives it.`,
    data: { values: [...values, ...joined.map(([project, day]) => ({ series: project, joined: day, label: `joined ${day}` }))] },
    spec: {
      ...size,
      layer: [
        { transform: only('period'), mark, encoding },
        { transform: only('joined'), mark: RULE_MARK, encoding: { x } },
        { transform: only('joined'), mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, y: 2, fontSize: 10, color: RULE_COLOR }, encoding: { x, text: { field: 'label', type: 'nominal' } } },
      ],
    },
  } as unknown as TopLevelSpec;
}

/**
 * A line chart's spec with the rule of the day its one project joined (see joinedShown), as a
 * layer over it, or in small multiples a rule in each project's panel; the spec as it is when
 * there is none to draw. The caller's spec is left alone.
 */
export function withJoinedRule(spec: TopLevelSpec, chart: LineChart, fields: readonly Field[], rows: readonly Cell[][]): TopLevelSpec {
  if ('facet' in spec) return panelRules(spec as unknown as Record<string, unknown>, chart) ?? spec;
  const shown = joinedShown(chart, fields, rows);
  if (shown === undefined) return spec;
  const label = `${chart.series === 'project' ? `${shown.project} joined` : 'Joined'} ${shown.day}`;
  const rules = joinedLayers(shown.day, label);
  const top = spec as unknown as Record<string, unknown>;
  const description = `${String(top.description ?? '')} A dashed rule marks the day ${shown.project} joined the foundation, ${shown.day}.`;
  if (Array.isArray(top.layer)) return { ...top, description, layer: [...(top.layer as object[]), ...rules] } as unknown as TopLevelSpec;
  if (top.mark === undefined) return spec;
  // One view (a mark and its encoding, with the legend's selection) becomes the first layer.
  const { mark, encoding, params, ...rest } = top;
  return { ...rest, description, layer: [{ ...(params === undefined ? {} : { params }), mark, encoding }, ...rules] } as unknown as TopLevelSpec;
}
