import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import type { IdentityConfig } from '../../src/config/types.js';
import { loadIdentity } from '../../src/identity/load.js';
import { readIndicator, runIndicator, type ParamValue } from '../../src/indicators/load.js';
import { silentLog } from '../../src/log.js';
import type { Database } from '../../src/store/db.js';
import { memoryDatabase } from '../helpers/db.js';

/**
 * p1, window 2024: A 5 commits (Acme), B 3 (Acme until June, then Globex), C 3 (no company),
 * D 1 (Initech); plus a commit of A before the window, a bot commit and a merge by A.
 * p2: X and Y with 2 commits each (exactly half each), no companies at all.
 */
const AS_OF = new Date('2024-12-31T23:59:59Z');
let db: Database;
let n = 0;

async function commit(repo: number, email: string, at: string, options: { merge?: boolean; added?: number; deleted?: number; known?: boolean } = {}): Promise<void> {
  n++;
  await db.run(
    `INSERT INTO commits VALUES ($repo, $sha, 'x', $email, CAST($at AS TIMESTAMP), 0, 'x', 'x@x', CAST($at AS TIMESTAMP), 0, $merge, 1, $added, $deleted, $known, 's', true)`,
    { repo, sha: `s${n}`, email, at, merge: options.merge ?? false, added: options.added ?? 10, deleted: options.deleted ?? 2, known: options.known ?? true },
  );
}

const person = (email: string, ...affiliations: string[]) => ({ name: undefined, emails: [email], logins: [], affiliations: affiliations.map((text) => ({ text, origin: { file: 'c.yaml', line: 1 } })), origin: { file: 'c.yaml', line: 1 } });

beforeAll(async () => {
  db = await memoryDatabase();
  await db.run("INSERT INTO repos VALUES (1, 'p1', 'r1', 'git', '/r1', 'main'), (2, 'p2', 'r2', 'git', '/r2', 'main')");
  for (let i = 0; i < 5; i++) await commit(1, 'a@x.org', `2024-03-0${i + 1} 10:00:00`);
  await commit(1, 'b@x.org', '2024-05-01 10:00:00');
  await commit(1, 'b@x.org', '2024-05-02 10:00:00');
  await commit(1, 'b@x.org', '2024-08-01 10:00:00', { known: false, added: 0, deleted: 0 });
  for (let i = 0; i < 3; i++) await commit(1, 'c@x.org', `2024-09-0${i + 1} 10:00:00`, { added: 1, deleted: 1 });
  await commit(1, 'd@x.org', '2024-10-01 10:00:00');
  await commit(1, 'a@x.org', '2023-12-01 10:00:00');
  await commit(1, 'renovate[bot]@users.noreply.github.com', '2024-04-01 10:00:00');
  await commit(2, 'x@y.org', '2024-02-01 10:00:00');
  await commit(2, 'x@y.org', '2024-02-02 10:00:00');
  await commit(2, 'y@y.org', '2024-02-03 10:00:00');
  await commit(2, 'y@y.org', '2024-02-04 10:00:00');
  const identity: IdentityConfig = {
    ...DEFAULT_IDENTITY,
    people: [person('a@x.org', 'Acme'), person('b@x.org', 'Acme until 2024-06-01', 'Globex'), person('d@x.org', 'Initech')],
  };
  await loadIdentity(db, identity, silentLog);
});
afterAll(() => db.close());

const run = async (id: string, values: Record<string, ParamValue> = {}) => runIndicator(db, await readIndicator(id), { as_of: AS_OF, ...values });

describe('bus_factor', () => {
  it('the fewest people with more than half of the commits in the window; ties do not matter; exactly half is not more', async () => {
    expect(await run('bus_factor')).toEqual([
      { project: 'p1', value: 2, contributions: 12, people: 4, top10_share: 1 },
      { project: 'p2', value: 2, contributions: 4, people: 2, top10_share: 1 },
    ]);
  });

  it('a longer window reaches back to the older commit', async () => {
    expect((await run('bus_factor', { projects: ['p1'], window: 400 }))[0]).toMatchObject({ value: 2, contributions: 13 });
  });
});

describe('elephant_factor', () => {
  it('counts companies at the date of each contribution, shows the affiliation coverage, and is empty without companies', async () => {
    expect(await run('elephant_factor')).toEqual([
      { project: 'p1', value: 1, contributions_with_company: 9, affiliation_known: 9, affiliation_n: 12, affiliation_coverage: 0.75, top_company: 'Acme', top_company_share: 0.7778 },
      { project: 'p2', value: null, contributions_with_company: 0, affiliation_known: 0, affiliation_n: 4, affiliation_coverage: 0, top_company: null, top_company_share: null },
    ]);
  });
});

describe('lines_changed', () => {
  it('sums non-merge, non-bot commits, with the share of known counts', async () => {
    await commit(1, 'a@x.org', '2024-11-01 10:00:00', { merge: true, added: 999, deleted: 999 });
    // 2024: A 5 × (10+2), B 2 × (10+2) and one unknown (0), C 3 × (1+1), D 1 × (10+2); 11 of 12 known.
    expect(await run('lines_changed', { period: 'year', projects: ['p1'], from: new Date('2024-01-01T00:00:00Z') })).toEqual([
      { project: 'p1', period: '2024-01-01', value: 60 + 24 + 0 + 6 + 12, added: 50 + 20 + 3 + 10, deleted: 10 + 4 + 3 + 2, lines_known_share: 0.9167 },
    ]);
  });
});
