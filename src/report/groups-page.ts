/**
 * The parts of a groups page (`scope: groups`) beyond those of any page: what it compares, and
 * the tables beside its charts, with each figure's n and window. Pure; HTML escaped by `html`.
 */
import type { AsOf } from './as-of.js';
import type { ProjectFacts } from './chart-base.js';
import { summarise } from './distribution.js';
import { html, type SafeHtml } from './html.js';
import { chartTable, formatCell, type BarChart, type Cell, type ChartModel, type ChartPayload, type DistributionChart, type Field } from './model.js';

/** `the 365 days to 2024-06-30`, or nothing for a chart over no window. */
function windowText(chart: ChartModel, asOf: AsOf): string | null {
  return chart.window === undefined ? null : `the ${formatCell(chart.window, 'count')} days to ${asOf.label}`;
}

function caption(chart: ChartModel, asOf: AsOf): SafeHtml {
  const window = windowText(chart, asOf);
  return html`<caption>${chart.title}${window === null ? '' : html`<span class="window">Window: ${window}</span>`}</caption>`;
}

const num = html` class="num"`;

/** A group's row: its projects, their median, middle half and range, and the group's own figure with its n. */
function distributionTable(chart: DistributionChart, payload: ChartPayload, asOf: AsOf): SafeHtml {
  const { fields, rows } = chartTable(payload, {}, 'month');
  const groups = summarise(chart, fields, rows);
  const f = (value: Cell) => formatCell(value, chart.value.format);
  const n = chart.n;
  return html`<div class="table-wrap"><table>${caption(chart, asOf)}
<thead><tr><th scope="col">Group</th><th scope="col"${num}>Projects</th><th scope="col"${num}>Median of its projects</th><th scope="col"${num}>Middle half</th><th scope="col"${num}>Lowest – highest</th><th scope="col"${num}>The group as a whole</th>${n === null ? '' : html`<th scope="col"${num}>${n.label} in the group, each once</th>`}</tr></thead>
<tbody>${groups.map((g) => {
    const s = g.spread;
    return html`
<tr${g.group === chart.total ? '' : html` data-group="${g.group}"`}><th scope="row">${g.group}</th><td${num}>${formatCell(g.projects.length, 'count')}${s !== undefined && s.count < g.projects.length ? html` (${formatCell(s.count, 'count')} with a value)` : ''}</td><td${num}>${s === undefined ? '—' : f(s.median)}</td><td${num}>${s === undefined ? '—' : `${f(s.q1)} – ${f(s.q3)}`}</td><td${num}>${s === undefined ? '—' : `${f(s.min)} – ${f(s.max)}`}</td><td${num}>${f(g.own.value)}</td>${n === null ? '' : html`<td${num}>${formatCell(g.own.n, n.format)}</td>`}</tr>`;
  })}
</tbody></table></div>`;
}

/** The bars as a table, highest first: each project with its maturity, group, value and n. */
function barTable(chart: BarChart, payload: ChartPayload, asOf: AsOf, projectHref: ((project: string) => string) | null): SafeHtml {
  const { fields, rows } = chartTable(payload, {}, 'month');
  const valueAt = fields.findIndex((f) => f.field === chart.value.field);
  const sorted = [...rows].sort((a, b) => Number(b[valueAt] ?? -Infinity) - Number(a[valueAt] ?? -Infinity));
  const numeric = (field: Field) => field.format !== 'text';
  const groupAt = chart.color === undefined ? -1 : fields.findIndex((f) => f.field === chart.color?.field.field);
  const text = (value: Cell, field: Field): SafeHtml | string => {
    const shown = formatCell(value, field.format);
    return field.field === chart.category.field && projectHref !== null && typeof value === 'string' ? html`<a href="${projectHref(value)}">${shown}</a>` : shown;
  };
  return html`<div class="table-wrap"><table>${caption(chart, asOf)}
<thead><tr>${fields.map((f) => html`<th scope="col"${numeric(f) ? num : ''}>${f.label}</th>`)}</tr></thead>
<tbody>${sorted.map((row) => html`
<tr${groupAt < 0 ? '' : html` data-group="${String(row[groupAt] ?? '')}"`}>${fields.map((f, i) => html`<td${numeric(f) ? num : ''}>${text(row[i] ?? null, f)}</td>`)}</tr>`)}
</tbody></table></div>`;
}

/** The table a groups page shows beside a chart (its numbers, n and window); null for a chart that has its table folded away. */
export function besideTable(payload: ChartPayload, asOf: AsOf, projectHref: ((project: string) => string) | null): SafeHtml | null {
  const { chart } = payload;
  if (chart.type === 'distribution') return distributionTable(chart, payload, asOf);
  if (chart.type === 'bar' && chart.color !== undefined) return barTable(chart, payload, asOf, projectHref);
  return null;
}

/** What a groups page compares: each group with its projects, how a group counts, and the projects in none. */
export function groupsLead(facts: ProjectFacts, projects: readonly string[], asOf: AsOf): SafeHtml {
  const grouped = new Set(facts.groups.flatMap((g) => g.projects));
  const outside = projects.filter((p) => !grouped.has(p));
  const maturity = (p: string) => facts.meta.get(p)?.maturity ?? null;
  return html`<p class="lead">${facts.groups.length} group${facts.groups.length === 1 ? '' : 's'} of projects, data up to ${asOf.label}. A group's figure counts each person once, however many of its projects they contributed to: it is counted anew, not added up nor averaged from its projects'. All projects counts every project of the config so.</p>
<ul class="groups">${facts.groups.map((g) => html`<li><strong>${g.name}</strong>: ${g.projects.map((p, i) => html`${i > 0 ? ', ' : ''}${p}${maturity(p) === null ? '' : html` <span class="maturity">${maturity(p) ?? ''}</span>`}`)}</li>`)}</ul>
${outside.length === 0 ? '' : html`<p class="note">In no group (only in All projects): ${outside.join(', ')}.</p>`}`;
}

/** What the config says of a project, under its name on its page: maturity, joined day, groups; nothing when it says none. */
export function projectLine(project: string, facts: ProjectFacts): SafeHtml | '' {
  const meta = facts.meta.get(project);
  const groups = facts.groups.filter((g) => g.projects.includes(project)).map((g) => g.name);
  const parts = [
    ...(meta?.maturity ? [html`<span class="maturity">${meta.maturity}</span>`] : []),
    ...(meta?.joined ? [html`joined the foundation on ${meta.joined}`] : []),
    ...(groups.length > 0 ? [html`in ${groups.join(', ')}`] : []),
  ];
  return parts.length === 0 ? '' : html`<p class="project-facts">${parts.map((p, i) => html`${i > 0 ? ' · ' : ''}${p}`)}</p>`;
}
