import { ALL, isReservedName } from '../config/groups.js';
import type { Config } from '../config/types.js';
import { nearMiss } from '../config/yaml.js';
import { isCalendarDay, parseInstant } from '../dates.js';
import { EXIT_USAGE, UserError } from '../errors.js';
import { PERIODS, type Indicator, type ParamValue } from '../indicators/load.js';
import { parseAsOf } from '../report/as-of.js';

/** The indicator options of `cdstats query <id>`, as commander gives them. */
export interface IndicatorOptions {
  project?: string[];
  /** Groups of the config (or `all`), each counted as one unit. */
  group?: string[];
  repo?: string[];
  /** Repository groups: their repositories are added to `repo`. */
  repoGroup?: string[];
  period?: string;
  from?: string;
  to?: string;
  asOf?: string;
  param?: string[];
  /** Add a 7-day moving average of a daily series. */
  average?: boolean;
}

/** `--from`/`--to`: a date is the start of that day (UTC); an ISO instant needs its zone. */
export function parseBound(flag: string, value: string): Date {
  const at = isCalendarDay(value) ? new Date(`${value}T00:00:00Z`) : parseInstant(value);
  if (at === undefined) {
    throw new UserError(`${flag} "${value}" is not a date: use YYYY-MM-DD or an ISO instant such as 2024-06-30T12:00:00Z`, EXIT_USAGE);
  }
  return at;
}

function ownValue(indicator: Indicator, name: string, text: string): ParamValue {
  const param = indicator.params.find((p) => p.name === name);
  if (!param || param.default === undefined) {
    const own = indicator.params.filter((p) => p.default !== undefined).map((p) => p.name);
    throw new UserError(`indicator ${indicator.id} has no parameter "${name}"${own.length > 0 ? ` (its own: ${own.join(', ')})` : ''}`, EXIT_USAGE);
  }
  if (param.type === 'INTEGER') {
    if (!/^-?\d+$/.test(text)) throw new UserError(`--param ${name} takes a whole number, not "${text}"`, EXIT_USAGE);
    return Number(text);
  }
  if (param.type === 'TIMESTAMP') return parseBound(`--param ${name}`, text);
  if (param.type === 'VARCHAR[]') return text.split(',').map((s) => s.trim());
  return text;
}

/**
 * Turns the command line into the indicator's parameter values, checking each against what
 * the indicator declares and the config knows: `--project all` (or none) means every project.
 */
export function indicatorValues(indicator: Indicator, options: IndicatorOptions, config: Config, now: Date): Record<string, ParamValue> {
  const declared = new Set(indicator.params.map((p) => p.name));
  const values: Record<string, ParamValue> = {};
  const take = (flag: string, name: string, value: ParamValue | undefined) => {
    if (value === undefined) return;
    if (!declared.has(name)) throw new UserError(`indicator ${indicator.id} takes no ${flag} (its parameters: ${[...declared].join(', ') || 'none'})`, EXIT_USAGE);
    values[name] = value;
  };
  const projects = options.project?.filter((p) => !isReservedName(p));
  const unknown = (projects ?? []).filter((p) => !config.projects.some((c) => c.name === p));
  if (unknown.length > 0) throw new UserError(`unknown project ${unknown.map((p) => `"${p}"`).join(', ')}; the config has: ${config.projects.map((p) => p.name).join(', ')}`, EXIT_USAGE);
  const groups = groupUnits(indicator, options.group, config);
  if (groups.length > 0) {
    // Every project side by side (`--project all`), the ones named, or the groups alone.
    const beside = options.project?.some(isReservedName) ? config.projects.map((p) => p.name) : (projects ?? []);
    take('--group', 'projects', [...beside, ...groups]);
  } else {
    take('--project', 'projects', projects && projects.length > 0 ? projects : undefined);
  }
  take('--repo', 'repos', options.repo);
  if (options.period !== undefined && !(PERIODS as readonly string[]).includes(options.period)) {
    throw new UserError(`--period "${options.period}" is not one of ${PERIODS.join(', ')}`, EXIT_USAGE);
  }
  take('--period', 'period', options.period);
  if (options.average && (options.period !== 'day' || indicator.chart !== 'line')) {
    throw new UserError(`--average needs --period day and a time series (${indicator.id}: chart ${indicator.chart}, period ${options.period ?? 'month'})`, EXIT_USAGE);
  }
  // `--from joined` is each project's own day: runQuery runs the indicator once per project.
  take('--from', 'from', options.from === undefined || options.from === JOINED ? undefined : parseBound('--from', options.from));
  take('--to', 'to', options.to === undefined ? undefined : parseBound('--to', options.to));
  if (declared.has('as_of')) values.as_of = parseAsOf(options.asOf, now).at;
  else take('--as-of', 'as_of', options.asOf);
  for (const pair of options.param ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UserError(`--param takes name=value, not "${pair}"`, EXIT_USAGE);
    const name = pair.slice(0, eq).trim();
    values[name] = ownValue(indicator, name, pair.slice(eq + 1).trim());
  }
  return values;
}

/** `--from joined`: from each project's `joined` day. */
export const JOINED = 'joined';

/**
 * The groups `--group` asks for, checked against the indicator (its `-- groups:` header) and
 * the config: `all` (any case) is every project of the config, anything else a group of it.
 */
function groupUnits(indicator: Indicator, asked: readonly string[] | undefined, config: Config): string[] {
  if (asked === undefined || asked.length === 0) return [];
  if (indicator.groups === 'no') {
    throw new UserError(`indicator ${indicator.id} cannot be counted for a group (its header says \`groups: no\`: it lists projects or repositories one by one); leave out --group`, EXIT_USAGE);
  }
  const names = config.groups.map((g) => g.name);
  return [
    ...new Set(
      asked.map((name) => {
        if (isReservedName(name)) return ALL;
        if (names.includes(name)) return name;
        if (names.length === 0) throw new UserError(`unknown group "${name}": the config defines no groups (add \`groups:\` to it, see README's Configuration); \`--group all\` is every project`, EXIT_USAGE);
        const meant = nearMiss(name, names);
        throw new UserError(`unknown group "${name}"${meant === undefined ? '' : `: did you mean \`${meant}\`?`} (the config's groups: ${names.join(', ')}; \`all\` is every project)`, EXIT_USAGE);
      }),
    ),
  ];
}

/**
 * `--from joined`: each project's `joined` day (start of the day, UTC), for the projects asked
 * (every project of the config when none is). An error when the indicator has no `--from`,
 * groups are asked (a group joined on no one day), or a project has no `joined:` in the config.
 */
export function joinedDates(indicator: Indicator, options: IndicatorOptions, config: Config): Map<string, Date> {
  if (!indicator.params.some((p) => p.name === 'from')) throw new UserError(`indicator ${indicator.id} takes no --from (its parameters: ${indicator.params.map((p) => p.name).join(', ') || 'none'})`, EXIT_USAGE);
  if ((options.group ?? []).length > 0) throw new UserError('--from joined is for projects, each from its own `joined` day: a group has no one day it joined; give --from YYYY-MM-DD for a group', EXIT_USAGE);
  const asked = (options.project ?? []).filter((p) => !isReservedName(p));
  const projects = asked.length > 0 ? config.projects.filter((p) => asked.includes(p.name)) : config.projects;
  const without = projects.filter((p) => p.joined === undefined);
  if (without.length > 0) {
    const where = without.map((p) => `"${p.name}" (${p.origin.file}:${p.origin.line})`).join(', ');
    throw new UserError(`--from joined needs a \`joined: YYYY-MM-DD\` in the config for ${where}; or ask for the projects that have one with --project`, EXIT_USAGE);
  }
  return new Map(projects.map((p) => [p.name, new Date(`${p.joined ?? ''}T00:00:00Z`)]));
}
