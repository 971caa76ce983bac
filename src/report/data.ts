import { readIndicator, runIndicator, type Indicator } from '../indicators/load.js';
import type { Database } from '../store/db.js';
import type { Row } from '../store/values.js';
import type { ProjectPoint } from './specs.js';

/** A monthly indicator and its rows for every project. */
export interface Series {
  indicator: Indicator;
  points: ProjectPoint[];
}

export interface ProjectTotals {
  repos: number;
  commits: number;
  authors: number;
  /** `YYYY-MM-DD`, null without commits. */
  firstCommit: string | null;
  lastCommit: string | null;
  /** Null when no line counts are known. */
  linesAdded: number | null;
  linesDeleted: number | null;
}

export interface RepoTotals {
  project: string;
  name: string;
  url: string;
  defaultBranch: string | null;
  commits: number;
  lastCommit: string | null;
}

/** Everything the report shows, read in one go before anything is written. */
export interface ReportData {
  commits: Series;
  authors: Series;
  totals: Map<string, ProjectTotals>;
  repos: RepoTotals[];
  /** The latest successful collect of each project; a project missing here was never collected. */
  collectedAt: Map<string, Date>;
}

const text = (row: Row, key: string): string => String(row[key]);
const count = (row: Row, key: string): number => Number(row[key] ?? 0);
const optional = (row: Row, key: string): string | null => (row[key] === null || row[key] === undefined ? null : String(row[key]));
const optionalCount = (row: Row, key: string): number | null => (row[key] === null || row[key] === undefined ? null : Number(row[key]));

async function readSeries(db: Database, id: string, asOf: Date): Promise<Series> {
  const indicator = await readIndicator(id);
  const rows = await runIndicator(db, indicator, { as_of: asOf });
  return { indicator, points: rows.map((r) => ({ project: text(r, 'project'), period: text(r, 'period'), value: count(r, 'value') })) };
}

async function readTotals(db: Database, asOf: Date): Promise<Map<string, ProjectTotals>> {
  const rows = await runIndicator(db, await readIndicator('project_totals'), { as_of: asOf });
  return new Map(
    rows.map((r) => [
      text(r, 'project'),
      {
        repos: count(r, 'repos'),
        commits: count(r, 'commits'),
        authors: count(r, 'authors'),
        firstCommit: optional(r, 'first_commit'),
        lastCommit: optional(r, 'last_commit'),
        linesAdded: optionalCount(r, 'lines_added'),
        linesDeleted: optionalCount(r, 'lines_deleted'),
      },
    ]),
  );
}

async function readRepos(db: Database, asOf: Date): Promise<RepoTotals[]> {
  const rows = await runIndicator(db, await readIndicator('repo_totals'), { as_of: asOf });
  return rows.map((r) => ({
    project: text(r, 'project'),
    name: text(r, 'name'),
    url: text(r, 'url'),
    defaultBranch: optional(r, 'default_branch'),
    commits: count(r, 'commits'),
    lastCommit: optional(r, 'last_commit'),
  }));
}

async function readCollectedAt(db: Database): Promise<Map<string, Date>> {
  const rows = await db.all(
    `SELECT r.project, max(s.last_success_at) AS collected_at
     FROM sync_state s JOIN repos r ON r.repo_id = s.repo_id
     WHERE s.last_success_at IS NOT NULL
     GROUP BY r.project`,
  );
  return new Map(rows.map((r) => [text(r, 'project'), new Date(`${text(r, 'collected_at').replace(' ', 'T')}Z`)]));
}

/** Runs the report's queries; only data up to `asOf` counts. */
export async function readReportData(db: Database, asOf: Date): Promise<ReportData> {
  return {
    commits: await readSeries(db, 'commits', asOf),
    authors: await readSeries(db, 'commit_authors', asOf),
    totals: await readTotals(db, asOf),
    repos: await readRepos(db, asOf),
    collectedAt: await readCollectedAt(db),
  };
}
