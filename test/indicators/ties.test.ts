import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import { loadIdentity } from '../../src/identity/load.js';
import { PERIODS, listIndicators, runIndicator, type Indicator } from '../../src/indicators/load.js';
import { silentLog } from '../../src/log.js';
import type { Database } from '../../src/store/db.js';
import { memoryDatabase } from '../helpers/db.js';

/**
 * Every indicator returns the same rows every time, even on data full of ties: contributions
 * in the same second by different people, of different kinds, in different repositories;
 * people with equal counts (ranking ties) and the same name; releases, tags and fork counts
 * at the same instant. The same data is stored in DATABASES databases, each written in a
 * different (seeded) order, so a result that depends on the order rows are read in differs.
 */
const DATABASES = 5;
const AS_OF = new Date('2024-09-30T23:59:59Z');
const SECONDS = ['2024-01-15 12:00:00', '2024-03-31 23:59:59', '2024-04-01 00:00:00', '2024-07-04 09:30:00'];
/** Six people, two of them named alike, each with the same number of everything. */
const PEOPLE = ['ann', 'bob', 'cy', 'dee', 'sam1', 'sam2'];
const NAME: Record<string, string> = { ann: 'Ann', bob: 'Bob', cy: 'Cy', dee: 'Dee', sam1: 'Sam', sam2: 'Sam' };

/** The insert statements of the tied data set, each one row. */
function statements(): [string, Record<string, string | number | boolean>][] {
  const out: [string, Record<string, string | number | boolean>][] = [];
  const repos = [1, 2, 3];
  for (const at of SECONDS) {
    for (const who of PEOPLE) {
      for (const repo of repos) {
        const sha = `${who}-${repo}-${at}`;
        out.push([
          `INSERT INTO commits VALUES ($repo, $sha, $name, $email, CAST($at AS TIMESTAMP), 0, $name, $email, CAST($at AS TIMESTAMP), 0, false, NULL, 1, 1, true, 's', true)`,
          { repo, sha, name: NAME[who] ?? who, email: `${who}@x.org`, at },
        ]);
        const id = `${who}-${repo}-${at}`;
        out.push([
          `INSERT INTO pull_requests VALUES ($repo, 1, $id, 't', $who, false, CAST($at AS TIMESTAMP), CAST($at AS TIMESTAMP), CAST($at AS TIMESTAMP), CAST($at AS TIMESTAMP), NULL, 'X', false, 1, 1, 1, 'main', [], now()::TIMESTAMP, NULL)`,
          { repo, id: `PR-${id}`, who, at },
        ]);
        out.push([`INSERT INTO issues VALUES ($repo, 1, $id, 't', $who, false, CAST($at AS TIMESTAMP), CAST($at AS TIMESTAMP), NULL, 'X', NULL, [], now()::TIMESTAMP, NULL)`, { repo, id: `I-${id}`, who, at }]);
        // Everyone reviews and comments on the next person's items in the same second (30 s later).
        const next = PEOPLE[(PEOPLE.indexOf(who) + 1) % PEOPLE.length] ?? who;
        const later = `${at.slice(0, 17)}30`;
        out.push([`INSERT INTO pr_reviews VALUES ($repo, 1, $pr, $id, $who, false, 'APPROVED', CAST($at AS TIMESTAMP), NULL)`, { repo, pr: `PR-${next}-${repo}-${at}`, id: `R-${id}`, who, at: later }]);
        out.push([`INSERT INTO comments VALUES ($repo, $id, $parent, 'issue', 0, 'issue_comment', $who, false, CAST($at AS TIMESTAMP), NULL)`, { repo, id: `C-${id}`, parent: `I-${next}-${repo}-${at}`, who, at: later }]);
      }
    }
    for (const repo of repos) {
      out.push([`INSERT INTO tags VALUES ($repo, $name, 'x', CAST($at AS TIMESTAMP))`, { repo, name: `t-${at}`, at }]);
      out.push([`INSERT INTO releases VALUES ($repo, $id, $id, $id, CAST($at AS TIMESTAMP), CAST($at AS TIMESTAMP), false, false)`, { repo, id: `v-${repo}-${at}`, at }]);
      out.push([`INSERT INTO stargazers VALUES ($repo, $login, NULL, CAST($at AS TIMESTAMP))`, { repo, login: `fan-${at}`, at }]);
    }
  }
  // Two collect runs in the same second that counted different forks.
  for (const [run, forks] of [[1, 5], [2, 7]] as const) {
    for (const repo of repos) out.push([`INSERT INTO repo_stats VALUES ($repo, $run, TIMESTAMP '2024-08-01', 0, $forks, 0, 0, 0)`, { repo, run, forks }]);
  }
  return out;
}

/** A seeded shuffle (mulberry32), so a failure can be run again. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function tiedDatabase(seed: number): Promise<Database> {
  const db = await memoryDatabase();
  await db.run("INSERT INTO repos VALUES (1, 'p1', 'o/r1', 'github', 'u1', 'main'), (2, 'p1', 'o/r2', 'github', 'u2', 'main'), (3, 'p2', 'o/r3', 'github', 'u3', 'main')");
  for (const repo of [1, 2, 3]) {
    for (const source of ['git', 'github_pull_requests', 'github_issues', 'github_releases', 'github_stargazers']) {
      await db.run("INSERT INTO sync_state (repo_id, source, covered_until, last_success_at) VALUES ($repo, $source, TIMESTAMP '2024-09-01', TIMESTAMP '2024-09-01')", { repo, source });
    }
  }
  await db.transaction(async () => {
    for (const [sql, params] of shuffled(statements(), seed)) await db.run(sql, params);
  });
  await loadIdentity(db, DEFAULT_IDENTITY, silentLog);
  // Two companies with the same number of contributions in every project.
  await db.run("INSERT INTO affiliations (person_id, company, from_date, until_date, source) SELECT person_id, CASE WHEN name IN ('Ann', 'Bob', 'Sam') AND person_id < 'm' THEN 'Acme' ELSE 'Globex' END, NULL, NULL, 'test' FROM people");
  return db;
}

/** Each indicator with each period it takes: what the report and `cdstats query` run. */
function runs(indicators: readonly Indicator[]): { label: string; indicator: Indicator; values: { as_of: Date; period?: string } }[] {
  return indicators.flatMap((indicator) =>
    indicator.params.some((p) => p.name === 'period')
      ? PERIODS.map((period) => ({ label: `${indicator.id} by ${period}`, indicator, values: { as_of: AS_OF, period } }))
      : [{ label: indicator.id, indicator, values: { as_of: AS_OF } }],
  );
}

let databases: Database[] = [];
let indicators: Indicator[] = [];

beforeAll(async () => {
  indicators = await listIndicators();
  databases = await Promise.all(Array.from({ length: DATABASES }, (_, i) => tiedDatabase(i + 1)));
});
afterAll(() => {
  for (const db of databases) db.close();
});

describe('ties', () => {
  it('the data set is tied as meant: everyone has the same number of each kind of contribution', async () => {
    const [db] = databases;
    if (db === undefined) throw new Error('no database');
    const counts = await db.all('SELECT DISTINCT count(*) AS n FROM contributions GROUP BY person_id, kind');
    // 4 seconds × 3 repositories (an e-mail and a login are two people here: nothing links them).
    expect(counts).toEqual([{ n: 12 }]);
  });

  it('every indicator, at every period, returns the same rows from every database', async () => {
    const differing: string[] = [];
    for (const { label, indicator, values } of runs(indicators)) {
      const results = [];
      for (const db of databases) results.push(JSON.stringify(await runIndicator(db, indicator, values)));
      if (new Set(results).size > 1) differing.push(label);
    }
    expect(differing).toEqual([]);
  }, 120_000);
});
