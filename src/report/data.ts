import { UserError, errorMessage } from '../errors.js';
import { runSinceJoined } from '../indicators/joined.js';
import { runIndicatorTable, type ParamValue } from '../indicators/load.js';
import type { Database } from '../store/db.js';
import type { Row } from '../store/values.js';
import { utcTimestamp } from './as-of.js';
import { latest } from './parts.js';
import { NO_FACTS, chartUnits, type ProjectFacts, type ProjectMeta } from './chart-base.js';
import { neededPeriods, type Result, type ResultLookup } from './charts.js';
import type { ChartDefinition, PageDefinition } from './definitions.js';
import type { Period } from './model.js';

/** One repository and source as the `coverage` view reports it. */
export interface Coverage {
  project: string;
  repo: string;
  source: string;
  status: string;
  coveredFrom: string | null;
  coveredUntil: string | null;
  /** The latest item of the source: a commit's author date for git, a tag's date for tags, else coveredUntil. */
  dataUntil: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
}

/** Everything the report shows, read in one go before anything is written. */
export interface ReportData {
  lookup: ResultLookup;
  coverage: Coverage[];
  /** The latest successful collect of each project; a project missing here was never collected. */
  collectedAt: Map<string, Date>;
}

const optional = (row: Row, key: string): string | null => (row[key] === null || row[key] === undefined ? null : String(row[key]));

/**
 * Results are shared by every chart (and page) that runs the same indicator with the same
 * parameters: one run counts the units all of them need (projects, groups, all), each chart
 * keeping the rows of its own (charts.ts, pageRows). One run of several units reads each
 * contribution once per unit it counts in, cheaper than a run per chart.
 */
function resultKey(chart: ChartDefinition, period: Period | null): string {
  return JSON.stringify([chart.indicator.id, period, Object.entries(chart.params).sort(), chart.since ?? null]);
}



async function readCoverage(db: Database): Promise<Coverage[]> {
  // git and tags are read up to the collect run, but their data ends at the last commit or tag:
  // that is the "data until" a reader needs (a mirror of August read in December ends in August).
  const rows = await db.all(`
    SELECT c.*, CASE c.source
        WHEN 'git' THEN least((SELECT max(authored_at) FROM commits m WHERE m.repo_id = c.repo_id), c.covered_until)
        WHEN 'git_tags' THEN least((SELECT max(tagged_at) FROM tags t WHERE t.repo_id = c.repo_id), c.covered_until)
        ELSE c.covered_until END AS data_until
    FROM coverage c ORDER BY project, repo, source`);
  return rows.map((r) => ({
    project: String(r.project),
    repo: String(r.repo),
    source: String(r.source),
    status: String(r.status),
    coveredFrom: optional(r, 'covered_from'),
    coveredUntil: optional(r, 'covered_until'),
    dataUntil: optional(r, 'data_until'),
    lastSuccessAt: optional(r, 'last_success_at'),
    lastError: optional(r, 'last_error'),
  }));
}

/**
 * The end of the collected data, a report's default as-of: the latest contribution (any kind,
 * bots included) to the given projects, not after the latest collect run (a commit dated in
 * the future by a wrong clock does not move it); null when there is none.
 */
export async function readDataEnd(db: Database, projects: readonly string[]): Promise<Date | null> {
  const rows = await db.all(`
    SELECT project, CAST(max(contributed_at) AS VARCHAR) AS at FROM contributions
    WHERE contributed_at <= (SELECT max(last_success_at) FROM sync_state)
    GROUP BY project`);
  return latest(rows.filter((r) => projects.includes(String(r.project)) && typeof r.at === 'string').map((r) => utcTimestamp(String(r.at)))) ?? null;
}

/**
 * Runs every indicator the pages need, once per parameter set and period, for all the
 * configured projects at once; only data up to `asOf` counts.
 */
export async function readReportData(db: Database, pages: readonly PageDefinition[], projects: readonly string[], asOf: Date, facts: ProjectFacts = NO_FACTS): Promise<ReportData> {
  const runs = new Map<string, { chart: ChartDefinition; period: Period | null; units: Set<string> }>();
  for (const page of pages) {
    // A groups page is left out of a site whose config has no groups: nothing to run for it.
    if (page.scope === 'groups' && facts.groups.length === 0) continue;
    for (const chart of page.sections.flatMap((s) => s.charts)) {
      const units = chartUnits(chart, page.scope, projects, facts.groups, facts.meta);
      for (const period of neededPeriods(chart)) {
        const key = resultKey(chart, period);
        const run = runs.get(key) ?? { chart, period, units: new Set<string>() };
        runs.set(key, run);
        for (const unit of units) run.units.add(unit);
      }
    }
  }
  // Most indicators read the contributions view, which resolves identities and companies on
  // every read; for a whole site it is computed once into a temporary table of this session
  // that takes the place of the session's view (half the build time on a million contributions).
  if (runs.size > 1) {
    const materialise = 'CREATE TEMP TABLE contributions_once AS SELECT * FROM temp.contributions; DROP VIEW temp.contributions; ALTER TABLE temp.contributions_once RENAME TO contributions';
    await db.run(materialise).catch((error: unknown) => {
      throw error instanceof UserError ? error : new UserError(`reading the contributions view failed: ${errorMessage(error)}`);
    });
  }
  const results = new Map<string, Result>();
  for (const [key, { chart, period, units }] of runs) {
    const values: Record<string, ParamValue> = { ...chart.params, as_of: asOf, projects: [...units] };
    if (period !== null) values.period = period;
    results.set(key, chart.since === 'joined' ? await runSinceJoined(db, chart.indicator, values, joinedDays([...units], facts.meta)) : await runIndicatorTable(db, chart.indicator, values));
  }
  const coverage = await readCoverage(db);
  const collectedAt = new Map<string, Date>();
  for (const c of coverage) {
    if (c.lastSuccessAt === null) continue;
    const at = utcTimestamp(c.lastSuccessAt);
    const previous = collectedAt.get(c.project);
    if (previous === undefined || at > previous) collectedAt.set(c.project, at);
  }
  return {
    lookup: (chart, period) => {
      const result = results.get(resultKey(chart, period));
      if (result === undefined) throw new Error(`no result read for ${chart.indicator.id} at ${period ?? 'no period'}`);
      return result;
    },
    coverage,
    collectedAt,
  };
}

/** The joined day of each project, as the start of its run since joining (the day's first instant, UTC). */
function joinedDays(projects: readonly string[], meta: ReadonlyMap<string, ProjectMeta>): Map<string, Date> {
  return new Map(projects.flatMap((p) => {
    const day = meta.get(p)?.joined ?? null;
    return day === null ? [] : [[p, new Date(`${day}T00:00:00Z`)] as const];
  }));
}
