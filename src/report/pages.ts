import type { AsOf } from './as-of.js';
import type { ProjectTotals, ReportData, RepoTotals, Series } from './data.js';
import { externalLink, html, renderPage, table, type Column, type SafeHtml } from './html.js';
import { assignSlugs, chartFigure, footer, formatCount, projectsTable, seriesTable } from './parts.js';
import { lineSpec, projectsLineSpec } from './specs.js';

export interface SiteInput {
  title: string;
  /** The configured projects, in config order. */
  projects: readonly string[];
  asOf: AsOf;
  data: ReportData;
}

/** A page of the site: its path relative to the site root, and its HTML. */
export interface SitePage {
  path: string;
  content: string;
}

interface ProjectRow {
  name: string;
  slug: string;
  /** Undefined until the project's first successful collect. */
  totals: ProjectTotals | undefined;
  collectedAt: Date | undefined;
}

const NOT_COLLECTED = 'not collected yet';

/** Both monthly series cover exactly the months from a project's first commit, so one check serves both. */
const hasCommits = (data: ReportData, row: ProjectRow) => row.totals !== undefined && data.commits.points.some((p) => p.project === row.name);

const count = (pick: (t: ProjectTotals) => number | null) => (row: ProjectRow) => (row.totals === undefined ? '—' : formatCount(pick(row.totals)));
const date = (pick: (t: ProjectTotals) => string | null) => (row: ProjectRow) => (row.totals === undefined ? '—' : (pick(row.totals) ?? '—'));

const TOTALS: readonly Column<ProjectRow>[] = [
  { label: 'Repositories', numeric: true, cell: count((t) => t.repos) },
  { label: 'Commits', numeric: true, cell: count((t) => t.commits) },
  { label: 'Commit authors', numeric: true, cell: count((t) => t.authors) },
  { label: 'First commit', cell: date((t) => t.firstCommit) },
  { label: 'Last commit', cell: date((t) => t.lastCommit) },
  { label: 'Lines added', numeric: true, cell: count((t) => t.linesAdded) },
  { label: 'Lines deleted', numeric: true, cell: count((t) => t.linesDeleted) },
];

const REPOS: readonly Column<RepoTotals>[] = [
  { label: 'Repository', cell: (r) => r.name },
  { label: 'URL', cell: (r) => externalLink(r.url) },
  { label: 'Branch', cell: (r) => r.defaultBranch ?? '—' },
  { label: 'Commits', numeric: true, cell: (r) => formatCount(r.commits) },
  { label: 'Last commit', cell: (r) => r.lastCommit ?? '—' },
];

function noCommits(series: Series, asOf: AsOf): SafeHtml {
  return html`<p class="empty">${series.indicator.title}: no commits up to ${asOf.label}.</p>`;
}

function overviewChart(series: Series, rows: readonly ProjectRow[], asOf: AsOf): SafeHtml {
  const names = rows.filter((r) => r.totals !== undefined).map((r) => r.name);
  const points = series.points.filter((p) => names.includes(p.project));
  if (points.length === 0) return noCommits(series, asOf);
  const drawn = names.filter((name) => points.some((p) => p.project === name));
  const spec = projectsLineSpec(series.indicator, drawn, points);
  return chartFigure(series.indicator.id, spec, series, projectsTable({ ...series, points }, drawn));
}

function projectChart(series: Series, row: ProjectRow, asOf: AsOf): SafeHtml {
  const points = series.points.filter((p) => p.project === row.name);
  if (points.length === 0) return noCommits(series, asOf);
  return chartFigure(series.indicator.id, lineSpec(series.indicator, points), series, seriesTable(series, row.name));
}

function renderOverview(input: SiteInput, rows: readonly ProjectRow[]): string {
  const { data, asOf } = input;
  const projectColumn: Column<ProjectRow> = {
    label: 'Project',
    cell: (r) => html`<a href="projects/${r.slug}.html">${r.name}</a>${r.totals === undefined ? html` <span class="note">${NOT_COLLECTED}</span>` : ''}`,
  };
  const main = html`<h1>${input.title}</h1>
<p class="lead">${rows.length} project${rows.length === 1 ? '' : 's'}, data up to ${asOf.label}.</p>
<section>
<h2>Activity</h2>
${overviewChart(data.commits, rows, asOf)}
${overviewChart(data.authors, rows, asOf)}
</section>
<section>
<h2>Projects</h2>
${table([projectColumn, ...TOTALS], rows, 'Totals per project')}
</section>`;
  const collected = rows.flatMap((r) => r.collectedAt ?? []).reduce<Date | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
  return renderPage({ title: input.title, siteTitle: input.title, root: '', charts: rows.some((r) => hasCommits(data, r)), main, footer: footer(asOf, collected) });
}

function renderProject(input: SiteInput, row: ProjectRow): string {
  const { data, asOf } = input;
  const body =
    row.totals === undefined
      ? html`<p class="empty">This project is ${NOT_COLLECTED}: run <code>cdstats collect</code>, then build the report again.</p>`
      : html`<dl class="facts">${TOTALS.map((c) => html`<div><dt>${c.label}</dt><dd>${c.cell(row)}</dd></div>`)}</dl>
<section>
<h2>Activity</h2>
${projectChart(data.commits, row, asOf)}
${projectChart(data.authors, row, asOf)}
</section>
<section>
<h2>Repositories</h2>
${table(
  REPOS,
  data.repos.filter((r) => r.project === row.name),
  'Repositories of the project',
)}
</section>`;
  const main = html`<p class="crumbs"><a href="../index.html">Overview</a></p>
<h1>${row.name}</h1>
${body}`;
  return renderPage({
    title: `${row.name} · ${input.title}`,
    siteTitle: input.title,
    root: '../',
    charts: hasCommits(data, row),
    main,
    footer: footer(asOf, row.collectedAt),
  });
}

/** Renders every page of the site: index.html and projects/<slug>.html per configured project. Pure. */
export function renderSite(input: SiteInput): SitePage[] {
  const slugs = assignSlugs(input.projects);
  const rows: ProjectRow[] = input.projects.map((name) => {
    const collectedAt = input.data.collectedAt.get(name);
    return { name, slug: slugs.get(name) ?? '', totals: collectedAt === undefined ? undefined : input.data.totals.get(name), collectedAt };
  });
  return [
    { path: 'index.html', content: renderOverview(input, rows) },
    ...rows.map((row) => ({ path: `projects/${row.slug}.html`, content: renderProject(input, row) })),
  ];
}
