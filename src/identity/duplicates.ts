/**
 * Likely duplicates: people with the same name under different emails. Names never join
 * people automatically (strangers share names); these pairs are suggestions, with their
 * evidence, that a maintainer accepts as `.mailmap` lines.
 */
import type { Database } from '../store/db.js';

/** One of the two people of a pair, with what a maintainer needs to judge it. */
export interface DuplicateSide {
  personId: string;
  name: string;
  emails: string[];
  repos: string[];
  first: string;
  last: string;
  contributions: number;
}

/** `keep` is the more active of the two: the suggested mailmap lines send `merge`'s emails to it. */
export interface DuplicatePair {
  keep: DuplicateSide;
  merge: DuplicateSide;
}

/**
 * People (is_person: no bot, not the unknown identity; with at least one email, since only
 * emails can be mailmapped) grouped by name compared without case, accents or extra spaces; names of one
 * word are left out, as handles and defaults (`root`, `ubuntu`) are shared by strangers. In a
 * group the most active person (ties: the smaller id) is paired with each other one.
 */
const SIDES = `
  WITH per_person AS (
    SELECT person_id, list(DISTINCT repo ORDER BY repo) AS repos, strftime(min(contributed_at), '%Y-%m-%d') AS first,
      strftime(max(contributed_at), '%Y-%m-%d') AS last, count(*) AS contributions
    FROM contributions WHERE is_person GROUP BY person_id
  ),
  named AS (
    SELECT s.*, p.name, p.emails, lower(strip_accents(regexp_replace(trim(p.name), '\\s+', ' ', 'g'))) AS key
    FROM per_person s JOIN people p ON p.person_id = s.person_id
    WHERE len(p.emails) > 0
  )
  SELECT *, row_number() OVER (PARTITION BY key ORDER BY contributions DESC, person_id) AS rank
  FROM named
  WHERE contains(key, ' ')
  QUALIFY count(*) OVER (PARTITION BY key) > 1
  ORDER BY key, rank`;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The likely duplicate pairs among the people of this session, most active first. */
export async function findDuplicates(db: Database): Promise<DuplicatePair[]> {
  const groups = new Map<string, DuplicateSide[]>();
  for (const row of await db.all(SIDES)) {
    const side: DuplicateSide = {
      personId: String(row.person_id),
      name: String(row.name),
      emails: strings(row.emails),
      repos: strings(row.repos),
      first: String(row.first),
      last: String(row.last),
      contributions: Number(row.contributions),
    };
    const group = groups.get(String(row.key));
    if (group) group.push(side);
    else groups.set(String(row.key), [side]);
  }
  const pairs: DuplicatePair[] = [];
  for (const [keep, ...others] of groups.values()) if (keep) pairs.push(...others.map((merge) => ({ keep, merge })));
  return pairs.sort((a, b) => b.keep.contributions + b.merge.contributions - (a.keep.contributions + a.merge.contributions) || (a.keep.name < b.keep.name ? -1 : 1));
}

/** The email mailmap lines send to: the first one that is not a GitHub noreply address, if any. */
function properEmail(side: DuplicateSide): string {
  return side.emails.find((e) => !e.endsWith('@users.noreply.github.com')) ?? side.emails[0] ?? '';
}

/** `.mailmap` lines that accept a pair: `Name <kept email> <other email>` for each email of `merge`. */
export function mailmapLines(pair: DuplicatePair): string[] {
  return pair.merge.emails.map((email) => `${pair.keep.name} <${properEmail(pair.keep)}> <${email}>`);
}
