/** Pieces shared by the overview and the project pages. Pure. */
import type { TopLevelSpec } from 'vega-lite';
import { formatInstant, type AsOf } from './as-of.js';
import { html, jsonForScript, table, type SafeHtml } from './html.js';
import type { Series } from './data.js';
import { unitTitle } from './specs.js';

const RESERVED_FILE_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)$/;

function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  if (slug === '') return 'project';
  return RESERVED_FILE_NAMES.test(slug) ? `${slug}-project` : slug;
}

/** A file name for each project, safe on any file system; names that slug alike get -2, -3… in order. */
export function assignSlugs(names: readonly string[]): Map<string, string> {
  const used = new Set<string>();
  const slugs = new Map<string, string>();
  for (const name of names) {
    const base = slugify(name);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    slugs.set(name, slug);
  }
  return slugs;
}

export function formatCount(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('en-US');
}

const month = (period: string) => period.slice(0, 7);

/**
 * A chart with its caption and a data table for readers who cannot see it. The spec is
 * embedded as inert JSON that assets/report.js hands to vega-embed.
 */
export function chartFigure(id: string, spec: TopLevelSpec, series: Series, alternative: SafeHtml): SafeHtml {
  return html`<figure class="chart">
<div class="vega" id="chart-${id}" data-spec="spec-${id}"></div>
<script type="application/json" id="spec-${id}">${jsonForScript(spec)}</script>
<figcaption>${series.indicator.description}</figcaption>
<details><summary>${series.indicator.title} as a table</summary>${alternative}</details>
</figure>`;
}

/** Months down, one column per project; empty where a project has no history yet. */
export function projectsTable(series: Series, projects: readonly string[]): SafeHtml {
  const byMonth = new Map<string, Map<string, number>>();
  for (const p of [...series.points].sort((a, b) => a.period.localeCompare(b.period))) {
    const row = byMonth.get(p.period) ?? new Map<string, number>();
    row.set(p.project, p.value);
    byMonth.set(p.period, row);
  }
  return table(
    [
      { label: 'Month', cell: ([period]: [string, Map<string, number>]) => month(period) },
      ...projects.map((project) => ({
        label: project,
        numeric: true,
        cell: ([, values]: [string, Map<string, number>]) => {
          const value = values.get(project);
          return value === undefined ? '' : formatCount(value);
        },
      })),
    ],
    [...byMonth],
    series.indicator.title,
  );
}

/** Months down, one value per month. */
export function seriesTable(series: Series, project: string): SafeHtml {
  return table(
    [
      { label: 'Month', cell: (p) => month(p.period) },
      { label: unitTitle(series.indicator.unit), numeric: true, cell: (p) => formatCount(p.value) },
    ],
    series.points.filter((p) => p.project === project),
    `${series.indicator.title}: ${project}`,
  );
}

export function footer(asOf: AsOf, collectedAt: Date | undefined): SafeHtml {
  const collected = collectedAt === undefined ? 'not collected yet' : `collected ${formatInstant(collectedAt)}`;
  return html`<p>Data up to ${asOf.label} · ${collected} · built with cdstats</p>`;
}
