import type { Config } from '../config/types.js';
import { isCalendarDay, parseInstant } from '../dates.js';
import { EXIT_USAGE, UserError } from '../errors.js';
import { PERIODS, type Indicator, type ParamValue } from '../indicators/load.js';
import { parseAsOf } from '../report/as-of.js';

/** The indicator options of `cdstats query <id>`, as commander gives them. */
export interface IndicatorOptions {
  project?: string[];
  repo?: string[];
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
  const projects = options.project?.filter((p) => p.toLowerCase() !== 'all');
  const unknown = (projects ?? []).filter((p) => !config.projects.some((c) => c.name === p));
  if (unknown.length > 0) throw new UserError(`unknown project ${unknown.map((p) => `"${p}"`).join(', ')}; the config has: ${config.projects.map((p) => p.name).join(', ')}`, EXIT_USAGE);
  take('--project', 'projects', projects && projects.length > 0 ? projects : undefined);
  take('--repo', 'repos', options.repo);
  if (options.period !== undefined && !(PERIODS as readonly string[]).includes(options.period)) {
    throw new UserError(`--period "${options.period}" is not one of ${PERIODS.join(', ')}`, EXIT_USAGE);
  }
  take('--period', 'period', options.period);
  if (options.average && (options.period !== 'day' || indicator.chart !== 'line')) {
    throw new UserError(`--average needs --period day and a time series (${indicator.id}: chart ${indicator.chart}, period ${options.period ?? 'month'})`, EXIT_USAGE);
  }
  take('--from', 'from', options.from === undefined ? undefined : parseBound('--from', options.from));
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
