import type { AsOf } from './as-of.js';
import { buildCharts, type BuiltChart } from './charts.js';
import type { Coverage, ReportData } from './data.js';
import type { PageDefinition, SectionDefinition } from './definitions.js';
import { externalLink, html, jsonForScript, renderPage, type SafeHtml } from './html.js';
import { coverageNotes, type CoverageOf, describeCoverage, MIN_COVERAGE } from './coverage.js';
import { type Cell, type ChartPayload, type Field, formatCell, MIN_SAMPLE, PERIOD_LABEL, type PeriodIndex, PERIODS } from './model.js';
import { SOURCE_LABEL, asOfBasis, assignSlugs, footer, latest } from './parts.js';
import type { IdentityQuality } from '../identity/quality.js';
import type { CaptionContext } from './caption.js';
import { aboutPage, type IndicatorUse } from './about.js';
import { NO_FACTS, type ProjectFacts } from './chart-base.js';
import { besideTable, groupsLead, projectLine } from './groups-page.js';
import { unitTitle } from './spec-base.js';

export interface SiteInput {
  title: string;
  /** The configured projects, in config order. */
  projects: readonly string[];
  asOf: AsOf;
  pages: readonly PageDefinition[];
  data: ReportData;
  /** When the site is built, for the about page. */
  builtAt: Date;
  /** What the about page says of identities left out or likely duplicated; nothing when not given. */
  identity?: IdentityQuality;
  /** Whether a URL in a table may be a link: only those the config names (see configuredUrls); without it, none. */
  links?: (url: string) => boolean;
  /** The config's groups of projects (a groups page compares them) and each project's maturity and joined day; none without it. */
  facts?: ProjectFacts;
}

/** What a table cell may link to: a project's page (on overviews), and the URLs the config names. */
interface CellLinks {
  /** A project's page (null for a name with none: the all-projects row); null on a project page. */
  project: ((project: string) => string | null) | null;
  url: (url: string) => boolean;
  /** A project's maturity, shown beside its name in tables; null for none. */
  maturity: (project: string) => string | null;
}

/** A page of the site: its path relative to the site root, and its HTML. */
export interface SitePage {
  path: string;
  content: string;
}

/** Where each page of the site lives, for links between them. */
interface SiteMap {
  /** Overview-scope pages, in navigation order, with their paths. */
  overviews: { definition: PageDefinition; path: string }[];
  projectPath: (definition: PageDefinition, project: string) => string;
  slugs: Map<string, string>;
  /** The sources collected for each project. */
  collected: (project: string) => ReadonlySet<string>;
}

function siteMap(input: SiteInput): SiteMap {
  const slugs = assignSlugs(input.projects);
  // A groups page only where the config has groups; it sits in the navigation with the overviews.
  const groups = (input.facts ?? NO_FACTS).groups.length > 0;
  const overviews = input.pages
    .filter((p) => p.scope === 'overview' || (p.scope === 'groups' && groups))
    .map((definition, i) => ({ definition, path: i === 0 ? 'index.html' : `${definition.id}.html` }));
  const projectPages = input.pages.filter((p) => p.scope === 'project');
  return {
    overviews,
    slugs,
    collected: collectedSources(input.data),
    projectPath: (definition, project) => `${definition.id === projectPages[0]?.id ? 'projects' : definition.id}/${slugs.get(project) ?? 'project'}.html`,
  };
}

/** The header navigation: the overview pages and the about page. */
function navigation(map: SiteMap, root: string, current: string): SafeHtml {
  const link = (path: string, label: string) => html`<a href="${root}${path}"${path === current ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<nav aria-label="Site">${map.overviews.map((o) => link(o.path, o.definition.title))}${link('about.html', 'About the numbers')}</nav>`;
}

const PROJECT_LINK = 'project';

/**
 * A table cell: formatted value; project names link to their page on overviews; a URL the
 * config names links out. Any other text stays text, whatever it looks like: an author named
 * `https://…` is not a link on a public site.
 */
function cellHtml(value: Cell, field: Field, links: CellLinks): SafeHtml {
  const text = formatCell(value, field.format);
  if (field.field === PROJECT_LINK && typeof value === 'string') {
    const maturity = links.maturity(value);
    const badge = maturity === null ? '' : html` <span class="maturity">${maturity}</span>`;
    const href = links.project?.(value) ?? null;
    return href === null ? html`${text}${badge}` : html`<a href="${href}">${text}</a>${badge}`;
  }
  if (field.format === 'trend' && typeof value === 'string') return html`<span class="trend trend-${value.toLowerCase()}">${text}</span>`;
  return field.format === 'text' && typeof value === 'string' && links.url(value) ? externalLink(value) : html`${text}`;
}

function dataTable(payload: ChartPayload, given: CellLinks): SafeHtml {
  let links = given;
  if (payload.data.kind !== 'table') return html``;
  const { table } = payload.data;
  const fields = payload.chart.type === 'table' || payload.chart.type === 'facts' ? payload.chart.columns : [];
  // Maturity beside a project's name, unless the table has a column of it.
  if (fields.some((f) => f.field === 'maturity')) links = { ...links, maturity: () => null };
  const numeric = (f: Field, i: number) => table.rows.some((r) => typeof r[i] === 'number') && f.format !== 'weekday';
  const cls = (f: Field, i: number) => (numeric(f, i) ? html` class="num"` : '');
  return html`<div class="table-wrap"><table><caption>${payload.chart.title}</caption>
<thead><tr>${fields.map((f, i) => html`<th scope="col"${cls(f, i)}>${f.label}</th>`)}</tr></thead>
<tbody>${table.rows.map((row) => html`
<tr>${fields.map((f, i) => html`<td${cls(f, i)}>${cellHtml(row[i] ?? null, f, links)}</td>`)}</tr>`)}
</tbody></table></div>`;
}

function facts(payload: ChartPayload, links: CellLinks): SafeHtml {
  if (payload.data.kind !== 'table' || payload.chart.type !== 'facts') return html``;
  const row = payload.data.table.rows[0] ?? [];
  return html`<dl class="facts">${payload.chart.columns.map((f, i) => html`<div><dt>${f.label}</dt><dd>${cellHtml(row[i] ?? null, f, { ...links, project: null })}</dd></div>`)}</dl>`;
}

function downloads(kinds: readonly [string, string][]): SafeHtml {
  return html`<p class="downloads" hidden>Download ${kinds.map(([kind, label]) => html`<button type="button" data-download="${kind}">${label}</button>`)}</p>`;
}

const IMAGE_DOWNLOADS: [string, string][] = [
  ['svg', 'SVG'],
  ['png', 'PNG'],
  ['spec', 'Vega-Lite spec'],
  ['csv', 'CSV'],
];

/** Why a company figure is left out, and what adds companies. */
const NOT_REPRESENTATIVE = html`Under ${formatCell(MIN_COVERAGE, 'percent')} of these contributions have an author with a known company or Independent at that date (or there are under ${MIN_SAMPLE}), so companies are not ranked. Companies come from gitdm files (<code>identity.gitdm</code>), affiliations of people (<code>identity.people</code>) and an email domain map (<code>identity.domains</code>) in cdstats.yaml; <code>cdstats people --unaffiliated --top 50 --gitdm to-fill.txt</code> lists whom to fill in.`;

/** `Alpha (12% of 500 contributions by people)`, or the coverage alone on a project page. */
function coverageList(list: readonly CoverageOf[]): string {
  return list.map((c) => (c.key === null ? describeCoverage(c) : `${c.key} (${describeCoverage(c)})`)).join(', ');
}

/** One chart: drawn by the page script from its inert JSON, with its definition, downloads and table alternative. */
function figure(built: BuiltChart, links: CellLinks, beside: SafeHtml | null): SafeHtml {
  const { chart } = built.payload;
  const data = html`<script type="application/json" class="chart-data">${jsonForScript(built.payload)}</script>`;
  const left =
    built.notCollected.length === 0
      ? ''
      : built.missing === null
        ? html`<p class="note">Not collected for ${built.notCollected.join(', ')}.</p>`
        : html`<p class="note">No value for ${built.notCollected.join(', ')}: ${built.missing}</p>`;
  const unrepresentative =
    built.unrepresentative.length === 0 ? '' : html`<p class="note" data-status="not-representative">Not representative, so not shown: ${coverageList(built.unrepresentative)}. ${NOT_REPRESENTATIVE}</p>`;
  if (chart.type === 'table' || chart.type === 'facts') {
    // Drawn charts carry their coverage in the subtitle; a table says it under itself.
    const notes = coverageNotes(built.coverage.filter((c) => !built.unrepresentative.some((u) => u.key === c.key)));
    const coverage = notes.length === 0 ? '' : html`<p class="note" data-coverage>${notes.join(' ')}</p>`;
    return html`<figure class="data-table" id="chart-${chart.id}" data-chart="${chart.id}">
${chart.type === 'facts' ? html`<h3>${chart.title}</h3>${facts(built.payload, links)}` : dataTable(built.payload, links)}
${data}
<figcaption>${chart.description}</figcaption>
${coverage}${left}${unrepresentative}${downloads([['csv', 'CSV']])}
</figure>`;
  }
  // A groups page's chart has its table beside it, with the n and the window of its figures.
  const drawn = html`<div class="vega" role="img" aria-label="${chart.title}: ${chart.description}"></div>`;
  if (beside !== null) {
    return html`<figure class="chart" id="chart-${chart.id}" data-chart="${chart.id}" aria-label="${chart.title}">
<div class="beside">${drawn}${beside}</div>
${data}
<figcaption>${chart.description}</figcaption>
${left}${unrepresentative}${downloads(IMAGE_DOWNLOADS)}
</figure>`;
  }
  return html`<figure class="chart" id="chart-${chart.id}" data-chart="${chart.id}" aria-label="${chart.title}">
${drawn}
${data}
<figcaption>${chart.description}</figcaption>
${left}${unrepresentative}${downloads(IMAGE_DOWNLOADS)}
<details><summary>${chart.title} as a table</summary><div class="table-wrap"><table><caption>${chart.title}</caption></table></div></details>
</figure>`;
}

function section(definition: SectionDefinition, anchor: string, built: readonly BuiltChart[], asOf: AsOf, links: CellLinks, projectHref: ((project: string) => string) | null): SafeHtml {
  const titles = (status: BuiltChart['status']) => built.filter((b) => b.status === status && b.missing === null).map((b) => b.payload.chart.title);
  const missing = titles('not collected');
  // Charts whose values are missing for a reason of their own (no affiliation data…): that reason, not "GitHub".
  const explained = built.filter((b) => b.status === 'not collected' && b.missing !== null);
  const empty = titles('empty');
  const few = titles('too few');
  const whose = links.project === null ? 'this project' : 'these projects';
  return html`<section id="${anchor}">
<h2>${definition.title}</h2>
${definition.intro === undefined ? '' : html`<p class="intro">${definition.intro}</p>`}
${built.filter((b) => b.status === 'shown').map((b) => figure(b, links, besideTable(b.payload, asOf, projectHref)))}
${missing.length === 0 ? '' : html`<p class="empty" data-status="not-collected">Not collected: <strong>${missing.join(', ')}</strong>. Their data comes from GitHub, which was not collected for ${whose} (see About the numbers).</p>`}
${explained.map((b) => html`<p class="empty" data-status="missing"><strong>${b.payload.chart.title}</strong>: ${b.missing ?? ''}</p>`)}
${built.filter((b) => b.status === 'not representative').map((b) => html`<p class="empty" data-status="not-representative"><strong>${b.payload.chart.title}</strong>: not representative: ${coverageList(b.unrepresentative)}. ${NOT_REPRESENTATIVE}</p>`)}
${few.length === 0 ? '' : html`<p class="empty" data-status="too-few">Too few to give a share: <strong>${few.join(', ')}</strong> (under ${MIN_SAMPLE} people or items in every period; see About the numbers).</p>`}
${empty.length === 0 ? '' : html`<p class="empty" data-status="empty">No data up to ${asOf.label}: ${empty.join(', ')}.</p>`}
</section>`;
}

/** The period switch of a page whose time series can change period; shown by the page script. */
function periodSwitch(built: readonly BuiltChart[]): SafeHtml {
  const switchable = built.some((b) => b.status === 'shown' && b.payload.chart.type === 'line' && b.payload.chart.periods.length > 0);
  if (!switchable) return html``;
  return html`<form class="period-switch" data-view hidden><fieldset><legend>Period of the time series</legend>
${PERIODS.map((p) => html`<label><input type="radio" name="period" value="${p}"${p === 'month' ? ' checked' : ''}> ${PERIOD_LABEL[p]}</label>`)}
</fieldset></form>`;
}

/** Whether a chart shows several projects: one line each, or a row each. */
function byProject(built: BuiltChart): boolean {
  const { chart, data } = built.payload;
  return data.kind === 'series' ? chart.type === 'line' && chart.series === 'project' : data.table.columns.includes('project');
}

/**
 * The project filter of a page comparing projects: the projects checked are the only ones its
 * charts and tables show, none checked shows them all; shown by the page script, which keeps the
 * choice in the URL (`?project=A&project=B`).
 */
function projectFilter(built: readonly BuiltChart[], projects: readonly string[]): SafeHtml {
  if (projects.length < 2 || !built.some((b) => b.status === 'shown' && byProject(b))) return html``;
  return checkFilter('project', projects, ['project', 'projects']);
}

/**
 * The group filter of a groups page: the groups checked are the only ones its charts and tables
 * show (All projects stays), none checked shows them all; kept in the URL (`?group=A`).
 */
function groupFilter(built: readonly BuiltChart[], groups: readonly string[]): SafeHtml {
  if (groups.length < 2 || !built.some((b) => b.status === 'shown')) return html``;
  return checkFilter('group', groups, ['group', 'groups']);
}

/** Checkboxes of one view key (`project`, `group`), read and kept in the URL by the page script. */
function checkFilter(key: string, names: readonly string[], [one, many]: [string, string]): SafeHtml {
  return html`<form class="project-filter" data-view hidden><details><summary>${unitTitle(many)} shown: <span data-shown>all ${names.length}</span></summary><fieldset><legend>Check ${many} to show only them; none checked shows every ${one}.</legend>
${names.map((p) => html`<label><input type="checkbox" name="${key}" value="${p}"> ${p}</label>`)}
<button type="button" data-all>Show every ${one}</button>
</fieldset></details></form>`;
}

function pageBody(definition: PageDefinition, input: SiteInput, map: SiteMap, project: string | null, projectHref: ((project: string) => string) | null) {
  const facts = input.facts ?? NO_FACTS;
  const links: CellLinks = {
    project: projectHref === null ? null : (name) => (input.projects.includes(name) ? projectHref(name) : null),
    url: input.links ?? (() => false),
    maturity: (name) => facts.meta.get(name)?.maturity ?? null,
  };
  const charts = definition.sections.flatMap((s) => s.charts);
  const { built, periods } = buildCharts(charts, { scope: definition.scope, project, projects: input.projects, lookup: input.data.lookup, asOf: input.asOf.at, collected: map.collected, groups: facts.groups, meta: facts.meta });
  const anchors = assignSlugs(definition.sections.map((s) => s.title));
  let at = 0;
  const sections = definition.sections.map((s) => {
    const own = built.slice(at, at + s.charts.length);
    at += s.charts.length;
    return section(s, `s-${anchors.get(s.title) ?? ''}`, own, input.asOf, links, projectHref);
  });
  const toc =
    definition.sections.length > 2
      ? html`<nav class="toc" aria-label="Sections of this page">${definition.sections.map((s) => html`<a href="#s-${anchors.get(s.title) ?? ''}">${s.title}</a>`)}</nav>`
      : '';
  const hasCharts = built.some((b) => b.status === 'shown');
  const filter = project !== null ? '' : definition.scope === 'groups' ? groupFilter(built, facts.groups.map((g) => g.name)) : projectFilter(built, input.projects);
  return { built, periods, hasCharts, content: html`${toc}${periodSwitch(built)}${filter}${sections}` };
}

/** The sources collected for each project, from the coverage view. */
export function collectedSources(data: ReportData): (project: string) => ReadonlySet<string> {
  const sources = new Map<string, Set<string>>();
  for (const c of data.coverage) if (c.status === 'collected') sources.set(c.project, (sources.get(c.project) ?? new Set()).add(c.source));
  return (project) => sources.get(project) ?? new Set();
}

/** The page's period starts, and what the captions of its charts say besides the chart (see caption.ts). */
function pageScripts(periods: PeriodIndex, input: SiteInput, subject: string | null): SafeHtml {
  const context: CaptionContext = { source: input.title, asOf: input.asOf.label, subject };
  return html`<script type="application/json" id="page-periods">${jsonForScript(periods)}</script>
<script type="application/json" id="page-context">${jsonForScript(context)}</script>`;
}

function renderOverview(input: SiteInput, map: SiteMap, definition: PageDefinition, path: string, uses: Uses): string {
  const root = path.includes('/') ? '../' : '';
  const projectPage = input.pages.find((p) => p.scope === 'project');
  const href = projectPage === undefined ? null : (project: string) => `${root}${map.projectPath(projectPage, project)}`;
  const body = pageBody(definition, input, map, null, href);
  record(uses, definition, path, body.built);
  const never = input.projects.filter((p) => !input.data.collectedAt.has(p));
  const main = html`<h1>${definition.id === map.overviews[0]?.definition.id ? input.title : definition.title}</h1>
${definition.scope === 'groups' ? groupsLead(input.facts ?? NO_FACTS, input.projects, input.asOf) : html`<p class="lead">${input.projects.length} project${input.projects.length === 1 ? '' : 's'}, data up to ${input.asOf.label}, ${asOfBasis(input.asOf)}.${never.length > 0 ? html` Not collected yet: ${never.map((p, i) => html`${i > 0 ? ', ' : ''}${href === null ? p : html`<a href="${href(p)}">${p}</a>`}`)}.` : ''}</p>`}
${definition.intro === undefined ? '' : html`<p class="intro">${definition.intro}</p>`}
${body.content}
${pageScripts(body.periods, input, null)}`;
  return renderPage({
    title: definition.id === map.overviews[0]?.definition.id ? input.title : `${definition.title} · ${input.title}`,
    siteTitle: input.title,
    root,
    charts: body.hasCharts,
    name: definition.id,
    nav: navigation(map, root, path),
    main,
    footer: footer(input.asOf, latest(input.data.collectedAt.values())),
  });
}

function sources(coverage: readonly Coverage[], project: string): SafeHtml {
  const mine = coverage.filter((c) => c.project === project);
  const bySource = new Map<string, string[]>();
  for (const c of mine) bySource.set(c.source, [...(bySource.get(c.source) ?? []), c.status]);
  const summary = [...bySource].map(([source, statuses]) => {
    const collected = statuses.filter((s) => s === 'collected').length;
    return `${SOURCE_LABEL[source] ?? source}: ${collected === statuses.length ? 'collected' : collected === 0 ? [...new Set(statuses)].join(', ') : `${collected} of ${statuses.length} repositories collected`}`;
  });
  return summary.length === 0 ? html`` : html`<p class="sources">Sources — ${summary.join(' · ')}.</p>`;
}


function renderProject(input: SiteInput, map: SiteMap, definition: PageDefinition, project: string, uses: Uses): string {
  const path = map.projectPath(definition, project);
  const collectedAt = input.data.collectedAt.get(project);
  const siblings = input.pages.filter((p) => p.scope === 'project');
  const others = siblings.length > 1 ? html`<nav class="tabs" aria-label="Pages of this project">${siblings.map((p) => html`<a href="../${map.projectPath(p, project)}"${p === definition ? html` aria-current="page"` : ''}>${p.title}</a>`)}</nav>` : '';
  let content: SafeHtml;
  let hasCharts = false;
  let periods: PeriodIndex = {};
  if (collectedAt === undefined) {
    content = html`<p class="empty">This project is not collected yet: run <code>cdstats collect</code>, then build the report again.</p>`;
  } else {
    const body = pageBody(definition, input, map, project, null);
    record(uses, definition, path, body.built);
    ({ hasCharts, periods } = body);
    content = html`${sources(input.data.coverage, project)}${body.content}`;
  }
  const main = html`<p class="crumbs"><a href="../index.html">${map.overviews[0]?.definition.title ?? 'Overview'}</a> › ${project}</p>
<h1>${project}</h1>
${projectLine(project, input.facts ?? NO_FACTS)}${others}
${content}
${pageScripts(periods, input, project)}`;
  return renderPage({
    title: `${project} · ${input.title}`,
    siteTitle: input.title,
    root: '../',
    charts: hasCharts,
    name: `${map.slugs.get(project) ?? 'project'}${siblings.length > 1 ? `-${definition.id}` : ''}`,
    nav: navigation(map, '../', path),
    main,
    footer: footer(input.asOf, collectedAt),
  });
}

/** Notes which indicators a page shows, for the definitions on the about page. */
function record(uses: Uses, definition: PageDefinition, path: string, built: readonly BuiltChart[]): void {
  const charts = definition.sections.flatMap((s) => s.charts);
  charts.forEach((chart, i) => {
    if (built[i]?.status !== 'shown') return;
    const use = uses.get(chart.indicator.id) ?? { indicator: chart.indicator, pages: new Map<string, string>() };
    uses.set(chart.indicator.id, use);
    use.pages.set(definition.scope === 'overview' ? path : definition.title, definition.scope === 'overview' ? definition.title : `${definition.title} pages`);
  });
}

/** The indicators the site shows, by id. */
type Uses = Map<string, IndicatorUse>;

/** Renders every page of the site: the overview pages, each project page, and about.html. Pure. */
export function renderSite(input: SiteInput): SitePage[] {
  const map = siteMap(input);
  const uses: Uses = new Map();
  const pages: SitePage[] = map.overviews.map(({ definition, path }) => ({ path, content: renderOverview(input, map, definition, path, uses) }));
  for (const definition of input.pages.filter((p) => p.scope === 'project')) {
    for (const project of input.projects) pages.push({ path: map.projectPath(definition, project), content: renderProject(input, map, definition, project, uses) });
  }
  pages.push({ path: 'about.html', content: aboutPage({ ...input, uses: uses.values(), nav: navigation(map, '', 'about.html') }) });
  return pages;
}
