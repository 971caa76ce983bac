import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { EXIT_USAGE, UserError } from '../errors.js';
import { openWithPeople } from '../identity/session.js';
import { streamLog } from '../log.js';
import { formatRows, type Format } from '../query/format.js';
import type { Row } from '../store/values.js';
import type { CliIo } from './io.js';

export interface PeopleOptions {
  project?: string[];
  unaffiliated?: boolean;
  bots?: boolean;
  top?: number;
  gitdm?: string;
  format?: Format;
}

const PEOPLE = `
  SELECT c.person_id, any_value(p.name) AS name, any_value(p.is_bot) AS is_bot,
         array_to_string(any_value(p.emails), ', ') AS emails, array_to_string(any_value(p.logins), ', ') AS logins,
         arg_max(c.company, c.contributed_at) FILTER (WHERE c.company IS NOT NULL) AS company,
         count(*) AS contributions, strftime(min(c.contributed_at), '%Y-%m-%d') AS first, strftime(max(c.contributed_at), '%Y-%m-%d') AS last
  FROM contributions c JOIN people p ON p.person_id = c.person_id
  WHERE ($projects = '' OR list_contains(string_split($projects, chr(10)), c.project))
  GROUP BY c.person_id
  HAVING ($bots OR NOT any_value(p.is_bot)) AND (NOT $unaffiliated OR count(c.company) = 0)
  ORDER BY contributions DESC, name, c.person_id
  LIMIT $top`;

/** gitdm `developers_affiliations` lines for people to fill in: emails written with `!` as gitdm does. */
export function gitdmTemplate(rows: Row[]): string {
  const lines = [
    '# People with no known company, most active first (from `cdstats people --unaffiliated`).',
    '# Replace "Unknown" with their company: `Company`, `Company until YYYY-MM-DD`,',
    '# `Company from YYYY-MM-DD until YYYY-MM-DD`, `Company from YYYY-MM-DD`, or `Independent`,',
    '# then list this file under `identity: gitdm:` in cdstats.yaml. No collect is needed.',
  ];
  for (const row of rows) {
    const emails = String(row.emails ?? '').split(', ').filter(Boolean).map((e) => e.replace('@', '!'));
    const login = String(row.logins ?? '').split(', ')[0] ?? '';
    lines.push(`# ${String(row.name)}: ${String(row.contributions)} contributions, ${String(row.first)} to ${String(row.last)}`, `${login}: ${emails.join(', ')}`, '\tUnknown');
  }
  return `${lines.join('\n')}\n`;
}

/** `cdstats people`: who contributed, with their identities, company and contribution count. */
export async function runPeople(configFile: string | undefined, options: PeopleOptions, io: CliIo): Promise<void> {
  const log = streamLog(io.stderr);
  const config = await loadConfig(configFile, log, io.cwd);
  const unknown = (options.project ?? []).filter((name) => !config.projects.some((p) => p.name === name));
  if (unknown.length > 0) throw new UserError(`unknown project ${unknown.map((n) => `"${n}"`).join(', ')}; the config has: ${config.projects.map((p) => p.name).join(', ')}`, EXIT_USAGE);
  const db = await openWithPeople(config, log, { allWarnings: true });
  let rows: Row[];
  try {
    rows = await db.all(PEOPLE, {
      projects: (options.project ?? []).join('\n'),
      bots: options.bots === true,
      unaffiliated: options.unaffiliated === true,
      top: options.top ?? 1_000_000_000,
    });
  } finally {
    db.close();
  }
  if (options.gitdm !== undefined) {
    await writeFile(path.resolve(io.cwd, options.gitdm), gitdmTemplate(rows));
    log.info(`wrote ${rows.length} people to ${options.gitdm}: fill in their companies and add it to identity.gitdm in the config`);
    return;
  }
  const format = options.format ?? (io.stdout.isTTY ? 'table' : 'csv');
  const columns = ['person_id', 'name', 'is_bot', 'emails', 'logins', 'company', 'contributions', 'first', 'last'];
  io.stdout.write(formatRows(format, columns, rows));
}
