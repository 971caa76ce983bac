import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { Log } from '../log.js';
import { parseAsOf } from '../report/as-of.js';
import { readReportData } from '../report/data.js';
import { renderSite } from '../report/pages.js';
import { writeSite } from '../report/site.js';
import { openWithPeople } from '../identity/session.js';

/** `--out` is relative to the current directory; the default is report/ next to the config file. */
function outFolder(out: string | undefined, configFile: string | undefined): string {
  if (out !== undefined) return path.resolve(out);
  return path.resolve(configFile === undefined ? '.' : path.dirname(configFile), 'report');
}

function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** `cdstats report`: reads the database as of a date and publishes the static site. */
export async function runReport(configFile: string | undefined, options: { out?: string; asOf?: string }, log: Log): Promise<void> {
  const asOf = parseAsOf(options.asOf, new Date());
  const config = await loadConfig(configFile, log);
  const out = outFolder(options.out, config.file);
  const db = await openWithPeople(config, log);
  const data = await readReportData(db, asOf.at).finally(() => db.close());
  const pages = renderSite({ title: config.title, projects: config.projects.map((p) => p.name), asOf, data });
  await writeSite(out, pages);
  log.info(`wrote the report (${pages.length} page${pages.length === 1 ? '' : 's'}) to ${display(out)}; open ${display(path.join(out, 'index.html'))}`);
}
