import type { Database } from '../store/db.js';
import { bindParams, type Indicator, type Param, type ParamValue } from './load.js';

/** One project's affiliation coverage over what a company figure counted. */
export interface ProjectCoverage {
  project: string;
  known: number;
  n: number;
}

/**
 * Per project of the query's scope whose company figures are not representative (the
 * vocabulary's is_representative): its contributions by people over the same time as the
 * indicator (its `window` days up to as_of, else `--from`/`--to`) and how many had an author
 * with a known affiliation. A project with no contribution by people there has n 0.
 */
const UNREPRESENTATIVE = `
  SELECT p.name AS project, coalesce(c.known, 0) AS known, coalesce(c.n, 0) AS n
  FROM (SELECT DISTINCT unit AS name FROM scope_units($projects)) p
  LEFT JOIN affiliation_coverage($projects, $repos, least($as_of, CAST($to AS TIMESTAMP) - INTERVAL 1 MICROSECOND),
    after_ts := coalesce($as_of - to_days(CAST($window AS INTEGER)), CAST($from AS TIMESTAMP) - INTERVAL 1 MICROSECOND), of_kind := coalesce($kind, 'all')) c ON c.project = p.name
  WHERE NOT coalesce(c.representative, false)
  ORDER BY p.name`;

/** The parameters of UNREPRESENTATIVE besides the indicator's own `window` and `kind` (when it has them). */
const STANDARD: Param[] = ['projects', 'repos', 'from', 'to', 'as_of'].map((name) => ({ name, type: name === 'projects' || name === 'repos' ? 'VARCHAR[]' : 'TIMESTAMP', default: undefined }));

/** The projects for which a company figure (an indicator with `-- coverage:`) is not representative; none for other indicators. */
export async function unrepresentedProjects(db: Database, indicator: Indicator, values: Record<string, ParamValue>): Promise<ProjectCoverage[]> {
  if (indicator.coverage === null) return [];
  // The indicator's own window and kind, given or by default.
  const own = (name: string, type: Param['type']): Param => indicator.params.find((p) => p.name === name) ?? { name, type, default: undefined };
  const rows = await db.all(UNREPRESENTATIVE, bindParams([...STANDARD, own('window', 'INTEGER'), own('kind', 'VARCHAR')], values));
  return rows.map((r) => ({ project: String(r.project), known: Number(r.known), n: Number(r.n) }));
}

/** `in the 365 days up to 2024-06-30 23:59 UTC`, `from 2024-01-01 00:00 UTC up to …`: the time the coverage is of. */
export function coverageSpan(indicator: Indicator, values: Record<string, ParamValue>): string {
  const at = (value: ParamValue) => (value instanceof Date ? `${value.toISOString().slice(0, 16).replace('T', ' ')} UTC` : null);
  const window = values.window ?? indicator.params.find((p) => p.name === 'window')?.default;
  const asOf = at(values.as_of ?? null) ?? 'now';
  if (window !== undefined && window !== null) return `in the ${String(window)} days up to ${asOf}`;
  const from = at(values.from ?? null);
  const to = at(values.to ?? null);
  return `${from === null ? 'from the first contribution' : `from ${from}`} up to ${to === null ? asOf : `${to} (exclusive)`}`;
}

/** `62.5%`: a share as the report writes it. */
function percent(known: number, n: number): string {
  return `${(Math.round((known / n) * 1000) / 10).toLocaleString('en-US')}%`;
}

/**
 * What `cdstats query` says on standard error after a company figure that is not representative
 * for some projects: their coverage, and the config keys that add companies.
 */
export function describeUnrepresented(indicator: Indicator, projects: readonly ProjectCoverage[], span: string): string[] {
  if (projects.length === 0) return [];
  const each = projects.map((p) =>
    p.n === 0 ? `${p.project}: no contributions by people` : `${p.project}: ${percent(p.known, p.n)} of ${p.n.toLocaleString('en-US')} contributions by people have an author with a known company or Independent`,
  );
  return [
    `${indicator.id} is not representative (company figures need 50% affiliation coverage and 10 contributions; under it they are NULL, and the report ranks no company) ${span} for ${each.join('; ')}.`,
    'Companies come from identity.gitdm (gitdm affiliation files), identity.people (affiliations of people) and identity.domains (email domain → company) in cdstats.yaml; `cdstats people --unaffiliated --top 50 --gitdm to-fill.txt` lists the most active people with no known company, to fill in.',
  ];
}
