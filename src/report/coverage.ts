/**
 * Affiliation coverage on the report's pages: the share of contributions by people whose author
 * had a known company (or Independent) beside every company figure, and the rule that leaves a
 * figure out (queries/staging/80-affiliations.sql decides it; the page says it). Pure.
 */
import { MIN_SAMPLE, formatCell, type Cell, type CoverageFields } from './model.js';

/**
 * The least affiliation coverage for a company figure to be representative: the vocabulary's
 * min_coverage() (queries/staging/80-affiliations.sql), which the indicators apply; the page
 * says it and leaves out the rankings under it.
 */
export const MIN_COVERAGE = 0.5;

/** A company figure over n contributions by people, known of them with a known affiliation, is representative (is_representative in SQL). */
export function isRepresentative(known: number, n: number): boolean {
  return n >= MIN_SAMPLE && known >= n * MIN_COVERAGE;
}

/** The affiliation coverage of one line, project or page: known of n contributions by people. */
export interface CoverageOf {
  /** The project (or line) it is of; null when the chart has one. */
  key: string | null;
  known: number;
  n: number;
}

/**
 * The coverage of each project (or line) of a chart's rows: the sum over its periods for a time
 * series, its first row otherwise (each row of a ranking repeats its project's coverage).
 */
export function coverageTotals(rows: readonly Record<string, Cell>[], coverage: CoverageFields, key: string | null): CoverageOf[] {
  const totals = new Map<string | null, { known: number; n: number; periods: Set<Cell> }>();
  for (const row of rows) {
    const name = key === null ? null : String(row[key] ?? '');
    const total = totals.get(name) ?? { known: 0, n: 0, periods: new Set<Cell>() };
    totals.set(name, total);
    const period = row.period ?? null;
    if (total.periods.has(period)) continue;
    total.periods.add(period);
    total.known += Number(row[coverage.known.field] ?? 0);
    total.n += Number(row[coverage.n.field] ?? 0);
  }
  return [...totals].map(([name, { known, n }]) => ({ key: name, known, n }));
}

/** `62% of 1,234 contributions by people`, or that there are none. */
export function describeCoverage(coverage: CoverageOf): string {
  if (coverage.n === 0) return 'no contributions by people';
  return `${formatCell(Math.round((coverage.known / coverage.n) * 1000) / 1000, 'percent')} of ${formatCell(coverage.n, 'count')} contribution${coverage.n === 1 ? '' : 's'} by people`;
}

/**
 * The subtitle lines of a company figure: its affiliation coverage, per project when there are
 * several (three a line), and the rule that leaves a figure out.
 */
export function coverageNotes(totals: readonly CoverageOf[]): string[] {
  const rule = `No figure where under ${formatCell(MIN_COVERAGE, 'percent')} have an author with a known company or Independent, or under ${MIN_SAMPLE} contributions: not representative.`;
  if (totals.length === 0) return [];
  const only = totals.length === 1 ? totals[0] : undefined;
  if (only !== undefined && only.key === null) return [`Affiliation coverage: ${describeCoverage(only)}.`, rule];
  const parts = totals.map((t) => `${t.key ?? ''}: ${describeCoverage(t)}`);
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 3) lines.push(`${i === 0 ? 'Affiliation coverage — ' : ''}${parts.slice(i, i + 3).join(' · ')}${i + 3 >= parts.length ? '.' : ''}`);
  return [...lines, rule];
}
