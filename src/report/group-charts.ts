/**
 * The charts of a groups page (`scope: groups`): groups side by side with the spread of their
 * projects and their own figure, and one bar per project coloured by its group. Pure, like
 * charts.ts: from the indicator's result for every project, every group and `all` at once.
 */
import { ALL_UNIT, cell, chartCommon, resolveField, totalKey, type BuiltChart, type Context, type Result } from './chart-base.js';
import type { ChartDefinition } from './definitions.js';
import type { Cell, ChartModel, Field, Table } from './model.js';

const GROUP: Field = { field: 'group', label: 'Group', format: 'text' };
const PROJECT: Field = { field: 'project', label: 'Project', format: 'text' };
const MATURITY: Field = { field: 'maturity', label: 'Maturity', format: 'text' };

/**
 * A unit's value and n. A collected project with no row had nothing in the window: 0 people or
 * items (a count), and no value for anything else (a ratio of nothing).
 */
function unitValues(result: Result, ctx: Context, value: Field, n: Field | null): (unit: string) => [Cell, Cell] {
  const rows = new Map(result.rows.map((r) => [String(r.project), r]));
  const none = (field: Field | null, unit: string): Cell => (field !== null && field.format === 'count' && ctx.collected(unit).size > 0 ? 0 : null);
  return (unit) => {
    const row = rows.get(unit);
    if (row === undefined) return [none(value, unit), none(n, unit)];
    return [cell(row[value.field]), n === null ? null : cell(row[n.field])];
  };
}

function built(model: ChartModel, table: Table, valueAt: number, chart: ChartDefinition): BuiltChart {
  const shown = table.rows.some((r) => r[valueAt] !== null);
  return {
    status: shown ? 'shown' : table.rows.length === 0 ? 'empty' : 'not collected',
    payload: { chart: model, data: { kind: 'table', table } },
    notCollected: [],
    missing: chart.indicator.missing,
    coverage: [],
    unrepresentative: [],
  };
}

/**
 * Groups side by side: for each group (and all projects, last), a row per project of it with its
 * value, and the group's own row (project null) with the group's value, counted as one unit.
 */
export function buildDistribution(chart: ChartDefinition, id: string, ctx: Context): BuiltChart {
  const result = ctx.lookup(chart, null);
  const value = resolveField(chart, result, chart.value, 'value');
  const n = chart.n === undefined ? null : resolveField(chart, result, chart.n, '');
  const of = unitValues(result, ctx, value, n);
  const all = totalKey('All projects', [...ctx.projects, ...ctx.groups.map((g) => g.name)]);
  const units = [...ctx.groups.map((g) => ({ name: g.name, unit: g.name, projects: g.projects })), { name: all, unit: ALL_UNIT, projects: ctx.projects }];
  const rows: Cell[][] = units.flatMap((u) => [...u.projects.map((p) => [u.name, p, ...of(p)]), [u.name, null, ...of(u.unit)]]);
  const fields = [GROUP, PROJECT, value, ...(n === null ? [] : [n])];
  const model: ChartModel = { ...chartCommon(chart, id), type: 'distribution', group: GROUP, project: PROJECT, value, n, groups: units.map((u) => u.name), total: all };
  return built(model, { columns: fields.map((f) => f.field), rows: rows.map((r) => r.slice(0, fields.length)) }, 2, chart);
}

/** One bar per project of a group, with its maturity, for each group it is in (config order), coloured by that group. */
export function buildGroupBar(chart: ChartDefinition, id: string, ctx: Context): BuiltChart {
  const result = ctx.lookup(chart, null);
  const value = resolveField(chart, result, chart.value, 'value');
  const n = chart.n === undefined ? undefined : resolveField(chart, result, chart.n, '');
  const of = unitValues(result, ctx, value, n ?? null);
  const maturity = (project: string): Cell => ctx.meta.get(project)?.maturity ?? null;
  const rows = ctx.projects.flatMap((p) =>
    ctx.groups.filter((g) => g.projects.includes(p)).map((g) => {
      const [v, count] = of(p);
      return [p, maturity(p), g.name, v, ...(n === undefined ? [] : [count])];
    }),
  );
  const model: ChartModel = {
    ...chartCommon(chart, id),
    type: 'bar',
    category: PROJECT,
    value,
    details: [MATURITY],
    color: { field: GROUP, domain: ctx.groups.map((g) => g.name) },
    ...(n === undefined ? {} : { n }),
  };
  const fields = [PROJECT, MATURITY, GROUP, value, ...(n === undefined ? [] : [n])];
  return built(model, { columns: fields.map((f) => f.field), rows }, 3, chart);
}
