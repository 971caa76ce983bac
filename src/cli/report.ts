import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { EXIT_USAGE, UserError } from '../errors.js';
import { identityQuality } from '../identity/quality.js';
import { openWithPeople } from '../identity/session.js';
import type { Database } from '../store/db.js';
import { isIndicatorId, readIndicator } from '../indicators/load.js';
import { streamLog, type Log } from '../log.js';
import { reportAsOf, type AsOf } from '../report/as-of.js';
import { projectFacts, type ProjectFacts } from '../report/chart-base.js';
import { buildCharts, chartPeriods, chartWindow } from '../report/charts.js';
import { readDataEnd, readReportData, type ReportData } from '../report/data.js';
import { displayPath, loadDefinitions, type ChartDefinition, type PageDefinition } from '../report/definitions.js';
import { MIN_SAMPLE, chartTable, type Period } from '../report/model.js';
import { configuredUrls } from '../report/links.js';
import { collectedSources, renderSite } from '../report/pages.js';
import { assignSlugs } from '../report/parts.js';
import { renderChart, type ImageFormat } from '../report/render.js';
import { writeError } from '../report/publish.js';
import { writeSite } from '../report/site.js';
import { chartSpec } from '../report/specs.js';
import type { CliIo } from './io.js';

export interface ReportOptions {
  out?: string;
  asOf?: string;
  format: 'html' | ImageFormat;
  indicator?: string;
  project?: string;
  period?: Period;
}

/** `--out` is relative to the current directory; the default is report/ next to the config file. */
function outFolder(out: string | undefined, configFile: string | undefined, cwd: string): string {
  if (out !== undefined) return path.resolve(cwd, out);
  return path.resolve(cwd, configFile === undefined ? '.' : path.dirname(configFile), 'report');
}

/** `cdstats report`: reads the database as of a date and publishes the static site, or draws one chart. */
export async function runReport(configFile: string | undefined, options: ReportOptions, io: CliIo): Promise<void> {
  if (options.format === 'html') {
    for (const flag of ['indicator', 'project', 'period'] as const) {
      if (options[flag] !== undefined) throw new UserError(`--${flag} applies to one chart: add --format svg or --format png`, EXIT_USAGE);
    }
  } else if (options.indicator === undefined) {
    throw new UserError(`--format ${options.format} draws one chart: name it with --indicator <id> (cdstats query --list shows them)`, EXIT_USAGE);
  }
  const log = streamLog(io.stderr);
  const config = await loadConfig(configFile, log, io.cwd);
  const pages = await loadDefinitions(config.reports, io.cwd);
  if (options.format !== 'html') return renderOne(config, pages, { ...options, format: options.format, indicator: options.indicator ?? '' }, io, log);
  const out = outFolder(options.out, config.file, io.cwd);
  const projects = config.projects.map((p) => p.name);
  const db = await openWithPeople(config, log);
  const facts = projectFacts(config);
  const { asOf, data, identity } = await readAsOfAndData(db, options.asOf, pages, projects, io.now(), facts)
    .then(async (read) => ({ ...read, identity: await identityQuality(db) }))
    .finally(() => db.close());
  if (!projects.some((p) => data.collectedAt.has(p))) {
    throw new UserError(`nothing is collected yet for the projects of the config in ${config.database}, so there is nothing to report: run \`cdstats collect\` (its summary says why a repository failed), then \`cdstats report\` again`);
  }
  const site = renderSite({ title: config.title, projects, asOf, pages, data, builtAt: io.now(), identity, links: configuredUrls(config), facts });
  await writeSite(out, site, log);
  log.info(`wrote the report (${site.length} page${site.length === 1 ? '' : 's'}) to ${displayPath(out, io.cwd)}; open ${displayPath(path.join(out, 'index.html'), io.cwd)}`);
}

/**
 * The chart the report draws for an indicator: on the project page with --project, on the
 * overview without; else a plain line chart for a time-series indicator.
 */
async function findChart(pages: readonly PageDefinition[], id: string, project: string | undefined): Promise<ChartDefinition> {
  if (!isIndicatorId(id)) throw new UserError(`--indicator ${id}: no such indicator (cdstats query --list shows them)`, EXIT_USAGE);
  const scope = project === undefined ? 'overview' : 'project';
  const charts = pages.filter((p) => p.scope === scope).flatMap((p) => p.sections.flatMap((s) => s.charts));
  const drawn = charts.find((c) => c.indicator.id === id && c.type !== 'table' && c.type !== 'facts');
  if (drawn !== undefined) return drawn;
  const indicator = await readIndicator(id);
  if (!indicator.params.some((p) => p.name === 'period')) {
    throw new UserError(`--indicator ${id}: the report shows it as a table, not a chart; \`cdstats query ${id}\` prints it`, EXIT_USAGE);
  }
  const origin = { file: `(default chart of ${id})`, line: 1 };
  return { indicator, type: 'line', title: undefined, description: undefined, params: {}, fields: [], band: undefined, period: undefined, panels: undefined, category: undefined, x: undefined, y: undefined, value: undefined, limit: undefined, sort: undefined, origin };
}

/** The report's as-of (see reportAsOf) and the data as of it. */
async function readAsOfAndData(db: Database, given: string | undefined, pages: readonly PageDefinition[], projects: readonly string[], now: Date, facts: ProjectFacts): Promise<{ asOf: AsOf; data: ReportData }> {
  const asOf = reportAsOf(given, given === undefined ? await readDataEnd(db, projects) : null, now);
  return { asOf, data: await readReportData(db, pages, projects, asOf.at, facts) };
}

/** The command that shows the coverage view (docs/schema.md). */
const COVERAGE = 'cdstats query "SELECT project, repo, source, status, last_error FROM coverage ORDER BY ALL"';

/** Why a chart takes no --period: a window up to the as-of date, a period its definition fixes, or no time at all. */
function fixedPeriod(chart: ChartDefinition, initial: Period): string {
  if (chart.type === 'line') return chart.period === undefined ? 'has the periods its indicator fixes' : `has a fixed period (${initial}) in its report definition`;
  const window = chartWindow(chart);
  if (window === undefined) return 'is not a time series: it takes no --period';
  return `covers one window, the ${String(window)} days up to the as-of date, not periods: it takes no --period (\`cdstats query ${chart.indicator.id} --param window=N\` computes another window)`;
}

async function renderOne(config: Config, pages: readonly PageDefinition[], options: ReportOptions & { format: ImageFormat; indicator: string }, io: CliIo, log: Log): Promise<void> {
  const projects = config.projects.map((p) => p.name);
  if (options.project !== undefined && !projects.includes(options.project)) {
    throw new UserError(`--project ${options.project}: no such project in the config (${projects.join(', ')})`, EXIT_USAGE);
  }
  const chart = await findChart(pages, options.indicator, options.project);
  const { periods, initial } = chartPeriods(chart);
  if (options.period !== undefined && !periods.includes(options.period)) {
    throw new UserError(`--period ${options.period}: the ${chart.indicator.id} chart ${periods.length === 0 ? fixedPeriod(chart, initial) : `takes ${periods.join(', ')}`}`, EXIT_USAGE);
  }
  const period = options.period ?? initial;
  const page: PageDefinition = { id: 'chart', title: 'chart', scope: options.project === undefined ? 'overview' : 'project', order: 0, intro: undefined, sections: [{ title: '', intro: undefined, charts: [chart] }], file: '' };
  const db = await openWithPeople(config, log);
  const facts = projectFacts(config);
  const { asOf, data } = await readAsOfAndData(db, options.asOf, [page], projects, io.now(), facts).finally(() => db.close());
  const { built, periods: index } = buildCharts([chart], { scope: page.scope, project: options.project ?? null, projects, lookup: data.lookup, asOf: asOf.at, collected: collectedSources(data), groups: facts.groups, meta: facts.meta });
  const [one] = built;
  const where = options.project ?? 'any project';
  if (one === undefined || one.status === 'empty') throw new UserError(`${chart.indicator.id}: no data for ${where} up to ${asOf.label}`);
  if (one.status === 'too few') throw new UserError(`${chart.indicator.id}: too few for a value anywhere for ${where} up to ${asOf.label} (every n is under ${MIN_SAMPLE}; see README, "Small samples")`);
  if (one.status === 'not collected') {
    const why = one.missing ?? 'its data comes from GitHub, which is collected for `github:` repositories when a token is set';
    throw new UserError(`${chart.indicator.id}: not collected for ${where} (${why}). What was collected, per repository and source: ${COVERAGE}, or the report's About the numbers page`);
  }
  const { fields, rows } = chartTable(one.payload, index, period);
  // The image says what it shows, as the page's downloads do: whose, which window or period, up to when, from which report.
  const spec = chartSpec(one.payload.chart, fields, rows, period, { caption: { source: config.title, asOf: asOf.label, subject: options.project ?? null } });
  if (spec === null) throw new UserError(`${chart.indicator.id} is a table, not a chart`, EXIT_USAGE);
  const image = await renderChart(spec, options.format);
  if (options.out === '-') {
    io.stdout.write(image);
    return;
  }
  const slug = options.project === undefined ? '' : `-${assignSlugs([options.project]).get(options.project) ?? 'project'}`;
  const file = path.resolve(io.cwd, options.out ?? `${chart.indicator.id}${slug}${periods.length > 0 ? `-${period}` : ''}.${options.format}`);
  await writeFile(file, image).catch(async (error: unknown) => {
    throw await writeError('write the chart to', file, error);
  });
  log.info(`wrote ${chart.indicator.id} (${one.payload.chart.title}${chart.type === 'line' ? `, ${period}` : ''}) to ${displayPath(file, io.cwd)}`);
}
