import type { Database } from '../store/db.js';
import type { Row } from '../store/values.js';
import { runIndicatorTable, type Indicator, type ParamValue } from './load.js';

/**
 * Runs an indicator "since joining": once per project, from that project's joined day (as
 * `from`), the rows one after the other in project name order, as one run's `ORDER BY project`
 * gives them. `joined` maps each project to its day; `values` are the other parameters. With no
 * joined day at all there are no rows, but the indicator's columns all the same (one run of it),
 * so that what shows them finds the columns it names.
 */
export async function runSinceJoined(db: Database, indicator: Indicator, values: Record<string, ParamValue>, joined: ReadonlyMap<string, Date>): Promise<{ columns: string[]; rows: Row[] }> {
  if (joined.size === 0) return { columns: (await runIndicatorTable(db, indicator, values)).columns, rows: [] };
  let columns: string[] = [];
  const rows: Row[] = [];
  for (const project of [...joined.keys()].sort()) {
    const result = await runIndicatorTable(db, indicator, { ...values, projects: [project], from: joined.get(project) ?? null });
    columns = result.columns;
    rows.push(...result.rows);
  }
  return { columns, rows };
}
