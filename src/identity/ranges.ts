/**
 * One person's affiliation lines → non-overlapping periods.
 *
 * Each line covers a span of days, read with gitdm's semantics in list (file) order:
 * - `Company from X until Y` covers X (inclusive) up to Y (exclusive);
 * - `Company from X` covers X onwards;
 * - `Company until Y` starts where the previous line ended (its `until`), or since ever for the
 *   first line; so does `Company` with no dates, which then runs on. When the previous line has
 *   no `until`, or its `until` is not before this line's own `until` (lines out of order), the
 *   line starts since ever.
 *
 * Overlap rule: when two lines cover the same days, the line listed later wins for the
 * overlapping days, and each overlap produces one conflict naming both lines (file:line).
 * A pair of lines yields one conflict however many pieces their overlap falls into, including
 * when both name the same company (the result is the same, but the list says two things).
 *
 * The periods come sorted by `from` (since-ever first), never overlap, and adjacent periods of
 * the same company are merged into one that keeps the file:line of its earliest part. Days no
 * line covers have no period. Dates are YYYY-MM-DD strings, so they compare as text.
 */
import type { AffiliationLine } from './gitdm.js';

export interface Period {
  company: string | null;
  /** Inclusive, YYYY-MM-DD; null = since ever. */
  from: string | null;
  /** Exclusive, YYYY-MM-DD; null = still. */
  until: string | null;
  file: string;
  line: number;
}

export interface Conflict {
  person: string;
  /** The earlier line, which loses the overlapping days. */
  first: AffiliationLine;
  /** The later line, which wins them. */
  second: AffiliationLine;
  message: string;
}

/** A span of days owned by one line; null bounds are open. */
interface Segment {
  from: string | null;
  until: string | null;
  owner: AffiliationLine;
}

/** a < b where null is −∞ for a start and +∞ for an end. */
function startsBeforeEnd(start: string | null, end: string | null): boolean {
  return start === null || end === null || start < end;
}

function maxStart(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a > b ? a : b;
}

function minEnd(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a < b ? a : b;
}

/** The earlier of two starts (null = since ever) and the later of two ends (null = still): a span covering both. */
function cover(a: { from: string | null; until: string | null }, b: { from: string | null; until: string | null }): { from: string | null; until: string | null } {
  return {
    from: a.from === null || b.from === null ? null : a.from < b.from ? a.from : b.from,
    until: a.until === null || b.until === null ? null : a.until > b.until ? a.until : b.until,
  };
}

/** The span each line claims, from its own dates and the previous line's `until`. */
function claimedSpans(lines: readonly AffiliationLine[]): Segment[] {
  return lines.map((owner, i) => {
    if (owner.from !== null) return { from: owner.from, until: owner.until, owner };
    const previous = i > 0 ? (lines[i - 1]?.until ?? null) : null;
    const chained = previous !== null && startsBeforeEnd(previous, owner.until) ? previous : null;
    return { from: chained, until: owner.until, owner };
  });
}

/** The parts of `segment` outside [from, until). */
function cut(segment: Segment, from: string | null, until: string | null): Segment[] {
  const parts: Segment[] = [];
  if (from !== null && startsBeforeEnd(segment.from, from)) parts.push({ ...segment, until: minEnd(segment.until, from) });
  if (until !== null && startsBeforeEnd(until, segment.until)) parts.push({ ...segment, from: maxStart(segment.from, until) });
  return parts;
}

function describe(line: AffiliationLine): string {
  const dates = [line.from !== null ? `from ${line.from}` : '', line.until !== null ? `until ${line.until}` : ''].filter((d) => d !== '');
  return [line.company ?? '(no company)', ...dates].join(' ');
}

function conflictMessage(person: string, first: AffiliationLine, second: AffiliationLine, from: string | null, until: string | null): string {
  const span = `${from === null ? 'since ever' : `from ${from}`} ${until === null ? 'onwards' : `until ${until}`}`;
  const same = first.company !== second.company ? '' : first.company === null ? ' (neither names a company)' : ' (both name the same company)';
  return `${person}: "${describe(second)}" at ${second.file}:${second.line} overlaps "${describe(first)}" at ${first.file}:${first.line} ${span}${same}; the later line wins those days`;
}

/** Sorted by start, then merged where one period ends the day the next starts with the same company. */
function sortAndMerge(segments: Segment[]): Period[] {
  const sorted = [...segments].sort((a, b) => (a.from === b.from ? 0 : a.from === null ? -1 : b.from === null ? 1 : a.from < b.from ? -1 : 1));
  const periods: Period[] = [];
  for (const s of sorted) {
    const last = periods[periods.length - 1];
    if (last && last.until !== null && last.until === s.from && last.company === s.owner.company) {
      last.until = s.until;
      continue;
    }
    periods.push({ company: s.owner.company, from: s.from, until: s.until, file: s.owner.file, line: s.owner.line });
  }
  return periods;
}

/** Turns one person's affiliation lines (in file order) into periods; see the module comment for the rules. */
export function resolvePeriods(lines: AffiliationLine[], person: string): { periods: Period[]; conflicts: Conflict[] } {
  let segments: Segment[] = [];
  const conflicts: Conflict[] = [];
  for (const claim of claimedSpans(lines)) {
    if (!startsBeforeEnd(claim.from, claim.until)) continue; // from ≥ until covers no day; parseAffiliation rejects it
    const overlaps = new Map<AffiliationLine, { from: string | null; until: string | null }>();
    const kept: Segment[] = [];
    for (const segment of segments) {
      const from = maxStart(segment.from, claim.from);
      const until = minEnd(segment.until, claim.until);
      if (!startsBeforeEnd(from, until)) {
        kept.push(segment);
        continue;
      }
      const seen = overlaps.get(segment.owner);
      overlaps.set(segment.owner, seen ? cover(seen, { from, until }) : { from, until });
      kept.push(...cut(segment, claim.from, claim.until));
    }
    const earliestFirst = [...overlaps].sort(([a], [b]) => lines.indexOf(a) - lines.indexOf(b));
    for (const [first, span] of earliestFirst) {
      conflicts.push({ person, first, second: claim.owner, message: conflictMessage(person, first, claim.owner, span.from, span.until) });
    }
    segments = [...kept, claim];
  }
  return { periods: sortAndMerge(segments), conflicts };
}
