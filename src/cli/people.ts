import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { EXIT_USAGE, UserError } from '../errors.js';
import { findDuplicates, mailmapLines, type DuplicatePair } from '../identity/duplicates.js';
import { describeQuality, identityQuality } from '../identity/quality.js';
import { UNKNOWN_PERSON_ID } from '../identity/resolve.js';
import { openWithPeople } from '../identity/session.js';
import type { Database } from '../store/db.js';
import { duckdb } from '../store/duckdb.js';
import { reportAsOf } from '../report/as-of.js';
import { readDataEnd } from '../report/data.js';
import { streamLog, type Log } from '../log.js';
import { formatRows, type Format } from '../query/format.js';
import type { Row } from '../store/values.js';
import type { CliIo } from './io.js';

export interface PeopleOptions {
  project?: string[];
  unaffiliated?: boolean;
  bots?: boolean;
  top?: number;
  /** Days up to as-of that count as recent (default 365). */
  window?: number;
  asOf?: string;
  gitdm?: string;
  duplicates?: boolean;
  mailmap?: string;
  format?: Format;
}

/** The days up to as-of whose contributions are recent, unless --window says otherwise. */
export const DEFAULT_WINDOW = 365;

/**
 * Each person with their contributions up to as-of (all, and recent: the `window` days up to
 * it), the company of the latest one with a known affiliation (Independent included), and
 * their affiliations over time with the source of each. --unaffiliated keeps the people with
 * recent contributions whose author's affiliation at that date is unknown, most such first:
 * naming their companies raises the coverage of today's company figures the most.
 */
const PEOPLE = `
  WITH mine AS (
    SELECT c.*, c.contributed_at > $as_of - to_days($window) AS is_recent
    FROM contributions c
    WHERE ($projects = '' OR list_contains(string_split($projects, chr(10)), c.project)) AND c.person_id <> $unknown AND c.contributed_at <= $as_of
  ),
  history AS (
    SELECT person_id, string_agg(
      concat(coalesce(company, 'Unknown'), ' from ' || strftime(from_date, '%Y-%m-%d'), ' until ' || strftime(until_date, '%Y-%m-%d'), ' (', source, ')'),
      '; ' ORDER BY from_date NULLS FIRST, until_date NULLS LAST) AS affiliations
    FROM affiliations GROUP BY person_id
  )
  SELECT m.person_id, any_value(p.name) AS name, any_value(p.is_bot) AS is_bot,
         array_to_string(any_value(p.emails), ', ') AS emails, array_to_string(any_value(p.logins), ', ') AS logins,
         arg_max(coalesce(m.company, 'Independent'), m.contributed_at) FILTER (WHERE is_affiliated(m.affiliation)) AS company,
         any_value(h.affiliations) AS affiliations,
         count(*) AS contributions, count(*) FILTER (WHERE m.is_recent) AS recent,
         count(*) FILTER (WHERE m.is_recent AND NOT is_affiliated(m.affiliation)) AS recent_unaffiliated,
         strftime(min(m.contributed_at), '%Y-%m-%d') AS first, strftime(max(m.contributed_at), '%Y-%m-%d') AS last
  FROM mine m JOIN people p ON p.person_id = m.person_id LEFT JOIN history h ON h.person_id = m.person_id
  GROUP BY m.person_id
  HAVING ($bots OR NOT any_value(p.is_bot)) AND (NOT $unaffiliated OR recent_unaffiliated > 0)
  ORDER BY CASE WHEN $unaffiliated THEN recent_unaffiliated END DESC, CASE WHEN $unaffiliated THEN recent END DESC, contributions DESC, name, m.person_id
  LIMIT $top`;

const COLUMNS = ['person_id', 'name', 'is_bot', 'emails', 'logins', 'company', 'affiliations', 'contributions', 'recent', 'recent_unaffiliated', 'first', 'last'];

/** gitdm `developers_affiliations` lines for people to fill in: emails written with `!` as gitdm does. */
export function gitdmTemplate(rows: Row[], recent: string): string {
  const lines = [
    `# People whose recent contributions (${recent}) have no known company, most such contributions first`,
    '# (from `cdstats people --unaffiliated`). Replace "Unknown" with their company: `Company`,',
    '# `Company until YYYY-MM-DD`, `Company from YYYY-MM-DD until YYYY-MM-DD`, `Company from YYYY-MM-DD`,',
    '# or `Independent`; keep the periods already known (listed above each person) that still hold.',
    '# Then list this file under `identity: gitdm:` in cdstats.yaml. No collect is needed.',
  ];
  for (const row of rows) {
    const emails = String(row.emails ?? '').split(', ').filter(Boolean).map((e) => e.replace('@', '!'));
    const login = String(row.logins ?? '').split(', ')[0] ?? '';
    const known = row.affiliations === null || row.affiliations === undefined ? '' : `; known: ${String(row.affiliations)}`;
    lines.push(
      `# ${String(row.name)}: ${String(row.recent_unaffiliated)} recent contributions with no known company, ${String(row.contributions)} in all, ${String(row.first)} to ${String(row.last)}${known}`,
      `${login}: ${emails.join(', ')}`,
      '\tUnknown',
    );
  }
  return `${lines.join('\n')}\n`;
}

const DUPLICATE_COLUMNS = ['name', 'mailmap', ...['keep', 'merge'].flatMap((side) => ['person_id', 'emails', 'repos', 'first', 'last', 'contributions'].map((c) => `${side}_${c}`))];

function duplicateRow(pair: DuplicatePair): Row {
  const row: Row = { name: pair.keep.name, mailmap: mailmapLines(pair).join('\n') };
  for (const [side, who] of [['keep', pair.keep], ['merge', pair.merge]] as const) {
    Object.assign(row, { [`${side}_person_id`]: who.personId, [`${side}_emails`]: who.emails.join(', '), [`${side}_repos`]: who.repos.join(', '), [`${side}_first`]: who.first, [`${side}_last`]: who.last, [`${side}_contributions`]: who.contributions });
  }
  return row;
}

/** The pairs as `.mailmap` lines to review, each under a comment with its evidence. */
export function duplicatesMailmap(pairs: readonly DuplicatePair[]): string {
  const lines = [
    '# Likely duplicate people (same name, different emails), from `cdstats people --duplicates`.',
    '# Delete the lines of pairs that are two people, then list this file under `identity: mailmap:`',
    "# in cdstats.yaml (or copy the lines into the repository's .mailmap). No collect is needed.",
  ];
  for (const { keep, merge } of pairs) {
    const evidence = (side: typeof keep) => `${side.emails.join(', ')} in ${side.repos.join(', ')}, ${side.contributions} contributions ${side.first} to ${side.last}`;
    lines.push(`# ${keep.name}: ${evidence(keep)} / ${evidence(merge)}`, ...mailmapLines({ keep, merge }));
  }
  return `${lines.join('\n')}\n`;
}

/** `cdstats people --duplicates`: the pairs, or with --mailmap the lines that accept them appended to a file. */
async function listDuplicates(db: Database, options: PeopleOptions, io: CliIo, log: Log): Promise<void> {
  const pairs = await findDuplicates(db);
  if (options.mailmap !== undefined) {
    await appendFile(path.resolve(io.cwd, options.mailmap), duplicatesMailmap(pairs));
    log.info(`appended ${pairs.length} likely duplicate pairs to ${options.mailmap}: review them, then list it under identity.mailmap in the config`);
    return;
  }
  io.stdout.write(formatRows(options.format ?? (io.stdout.isTTY ? 'table' : 'csv'), DUPLICATE_COLUMNS, pairs.map(duplicateRow)));
}

/** `cdstats people`: who contributed, with their identities, companies over time and contribution counts. */
export async function runPeople(configFile: string | undefined, options: PeopleOptions, io: CliIo): Promise<void> {
  const log = streamLog(io.stderr);
  const config = await loadConfig(configFile, log, io.cwd);
  const unknown = (options.project ?? []).filter((name) => !config.projects.some((p) => p.name === name));
  if (unknown.length > 0) throw new UserError(`unknown project ${unknown.map((n) => `"${n}"`).join(', ')}; the config has: ${config.projects.map((p) => p.name).join(', ')}`, EXIT_USAGE);
  if (options.mailmap !== undefined && options.duplicates !== true) throw new UserError('--mailmap writes the pairs of --duplicates: give both', EXIT_USAGE);
  const db = await openWithPeople(config, log, { allWarnings: true });
  let rows: Row[];
  let recent: string;
  try {
    if (options.duplicates === true) return await listDuplicates(db, options, io, log);
    for (const line of describeQuality(await identityQuality(db))) log.info(line);
    // Recent means the days up to the end of the collected data (as a report sees it), or --as-of.
    const projects = options.project ?? config.projects.map((p) => p.name);
    const asOf = reportAsOf(options.asOf, options.asOf === undefined ? await readDataEnd(db, projects) : null, io.now());
    const window = options.window ?? DEFAULT_WINDOW;
    recent = `the ${window} days up to ${asOf.label}`;
    rows = await db.all(PEOPLE, {
      unknown: UNKNOWN_PERSON_ID,
      projects: (options.project ?? []).join('\n'),
      bots: options.bots === true,
      unaffiliated: options.unaffiliated === true,
      top: options.top ?? 1_000_000_000,
      as_of: duckdb().timestampValueFromDate(asOf.at),
      window,
    });
  } finally {
    db.close();
  }
  if (options.gitdm !== undefined) {
    await writeFile(path.resolve(io.cwd, options.gitdm), gitdmTemplate(rows, recent));
    log.info(`wrote ${rows.length} people to ${options.gitdm}: fill in their companies and add it to identity.gitdm in the config`);
    return;
  }
  if (options.unaffiliated === true) log.info(`recent: ${recent}; people ranked by their recent contributions with no known company (recent_unaffiliated)`);
  io.stdout.write(formatRows(options.format ?? (io.stdout.isTTY ? 'table' : 'csv'), COLUMNS, rows));
}
