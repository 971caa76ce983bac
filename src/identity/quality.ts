import type { Database } from '../store/db.js';
import { findDuplicates } from './duplicates.js';
import { UNKNOWN_PERSON_ID } from './resolve.js';

/** How far the people of a session can be trusted: what `cdstats people` and the report's about page say. */
export interface IdentityQuality {
  /** Emails that name a machine, not a person (machine.ts), and the contributions made under them. */
  unknownEmails: number;
  unknownContributions: number;
  /** Same-name pairs `cdstats people --duplicates` suggests. */
  duplicatePairs: number;
}

/** Reads the figures from a session where people were resolved (openWithPeople). */
export async function identityQuality(db: Database): Promise<IdentityQuality> {
  const [row] = await db.all(
    `SELECT (SELECT coalesce(sum(len(emails)), 0) FROM people WHERE person_id = $unknown) AS emails,
            (SELECT count(*) FROM contributions WHERE identity_kind = 'unknown') AS contributions`,
    { unknown: UNKNOWN_PERSON_ID },
  );
  return { unknownEmails: Number(row?.emails ?? 0), unknownContributions: Number(row?.contributions ?? 0), duplicatePairs: (await findDuplicates(db)).length };
}

/** One line for people who read numbers: what is left out of people counts, and how to fix the rest. */
export function describeQuality(quality: IdentityQuality): string[] {
  const lines: string[] = [];
  if (quality.unknownEmails > 0) {
    lines.push(`${quality.unknownEmails} emails name a machine, not a person (no dot in the domain, localhost, *.local, *.internal, CI runner or container hosts): their ${quality.unknownContributions} contributions count as the unknown identity, in no count of people`);
  }
  if (quality.duplicatePairs > 0) {
    lines.push(`likely duplicate people remain: ${quality.duplicatePairs} pairs with the same name and different emails; review them with \`cdstats people --duplicates\` and accept them with \`cdstats people --duplicates --mailmap FILE\``);
  }
  return lines;
}
