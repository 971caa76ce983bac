import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import { loadIdentity } from '../../src/identity/load.js';
import { silentLog } from '../../src/log.js';
import { readDataEnd } from '../../src/report/data.js';
import { MIN_COVERAGE } from '../../src/report/coverage.js';
import { MIN_SAMPLE } from '../../src/report/model.js';
import type { Database } from '../../src/store/db.js';
import { memoryDatabase } from '../helpers/db.js';

/**
 * p1's mirror ends on August 22 (and one commit claims 2030: a wrong clock), p2's in June; both
 * were collected on December 1. p3 is not in the report.
 */
let db: Database;

beforeAll(async () => {
  db = await memoryDatabase();
  await db.run("INSERT INTO repos VALUES (1, 'p1', 'r1', 'git', 'u1', 'main'), (2, 'p2', 'r2', 'git', 'u2', 'main'), (3, 'p3', 'r3', 'git', 'u3', 'main')");
  for (const [repo, sha, at] of [[1, 'a', '2024-08-22 02:34:19'], [1, 'b', '2030-01-01 00:00:00'], [2, 'c', '2024-06-01 10:00:00'], [3, 'd', '2024-11-30 10:00:00']] as const) {
    await db.run(`INSERT INTO commits VALUES ($repo, $sha, 'n', 'a@x.org', CAST($at AS TIMESTAMP), 0, 'n', 'a@x.org', CAST($at AS TIMESTAMP), 0, false, NULL, 1, 1, true, 's', true)`, { repo, sha, at });
    await db.run("INSERT OR IGNORE INTO sync_state (repo_id, source, covered_until, last_success_at) VALUES ($repo, 'git', TIMESTAMP '2024-12-01', TIMESTAMP '2024-12-01')", { repo });
  }
  await loadIdentity(db, DEFAULT_IDENTITY, silentLog);
});
afterAll(() => db.close());

describe('readDataEnd', () => {
  it("is the latest contribution to the report's projects, not after the last collect run", async () => {
    expect(await readDataEnd(db, ['p1', 'p2'])).toEqual(new Date('2024-08-22T02:34:19Z'));
    expect(await readDataEnd(db, ['p2'])).toEqual(new Date('2024-06-01T10:00:00Z'));
  });

  it('is null when nothing was collected for them', async () => {
    expect(await readDataEnd(db, ['nobody'])).toBeNull();
  });
});

describe('MIN_SAMPLE', () => {
  it("is the vocabulary's min_sample(), which the indicators apply and the pages state", async () => {
    expect(await db.all('SELECT min_sample() AS n')).toEqual([{ n: MIN_SAMPLE }]);
  });
});

describe('MIN_COVERAGE', () => {
  it("is the vocabulary's min_coverage(), which the indicators apply and the pages state", async () => {
    expect(await db.all('SELECT min_coverage() AS share')).toEqual([{ share: MIN_COVERAGE }]);
  });
});
