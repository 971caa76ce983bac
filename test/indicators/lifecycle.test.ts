import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import { loadIdentity } from '../../src/identity/load.js';
import { readIndicator, runIndicator, type ParamValue } from '../../src/indicators/load.js';
import { silentLog } from '../../src/log.js';
import type { Database } from '../../src/store/db.js';
import { memoryDatabase } from '../helpers/db.js';

/**
 * p1, as of the end of 2024: A commits Mar 1, Aug 1, Nov 5, Dec 10; B Jul 15 and Dec 20;
 * C Oct 10; F once, Sep 1; E once, in May 2023. A release on Nov 1. p2: D once, Jan 2023.
 * No GitHub data: GitHub figures are missing.
 */
const AS_OF = new Date('2024-12-31T23:59:59Z');
let db: Database;

beforeAll(async () => {
  db = await memoryDatabase();
  await db.run("INSERT INTO projects VALUES ('p1'), ('p2')");
  await db.run("INSERT INTO repos VALUES (1, 'p1', 'r1', 'git', '/r1', 'main'), (2, 'p2', 'r2', 'git', '/r2', 'main')");
  const commits: [number, string, string][] = [
    [1, 'a', '2024-03-01'], [1, 'a', '2024-08-01'], [1, 'a', '2024-11-05'], [1, 'a', '2024-12-10'],
    [1, 'b', '2024-07-15'], [1, 'b', '2024-12-20'], [1, 'c', '2024-10-10'], [1, 'f', '2024-09-01'], [1, 'e', '2023-05-01'], [2, 'd', '2023-01-01'],
  ];
  for (const [i, [repo, who, day]] of commits.entries()) {
    await db.run(`INSERT INTO commits VALUES ($repo, $sha, $who, $email, CAST($at AS TIMESTAMP), 0, 'x', 'x@x', CAST($at AS TIMESTAMP), 0, false, 1, 1, 1, true, 's', true)`, {
      repo,
      sha: `s${i}`,
      who,
      email: `${who}@x.org`,
      at: `${day} 10:00:00`,
    });
  }
  await db.run("INSERT INTO releases VALUES (1, 'V1', 'v1.0', 'v1.0', TIMESTAMP '2024-10-30', TIMESTAMP '2024-11-01 10:00:00', false, false)");
  // p1's tag is left out (it has GitHub releases); p2 has only tags: its last release is a tag.
  await db.run("INSERT INTO tags VALUES (1, 'v1.1', 'x', TIMESTAMP '2024-12-01'), (2, 'v0.1', 'y', TIMESTAMP '2023-01-02 08:00:00'), (2, 'v0.2', 'z', TIMESTAMP '2025-06-01')");
  await loadIdentity(db, DEFAULT_IDENTITY, silentLog);
});
afterAll(() => db.close());

const run = async (id: string, values: Record<string, ParamValue> = {}) => runIndicator(db, await readIndicator(id), { as_of: AS_OF, ...values });
/**
 * Runs `work` with another minimum sample (vocabulary's min_sample, 10): the arithmetic of a
 * share or trend is checked on hand-sized data, then the default is put back.
 */
async function withMinSample<T>(n: number, work: () => Promise<T>): Promise<T> {
  await db.run(`CREATE OR REPLACE TEMP MACRO min_sample() AS ${n}`);
  try {
    return await work();
  } finally {
    await db.run('CREATE OR REPLACE TEMP MACRO min_sample() AS 10');
  }
}
const months = (values: number[]) => values.map((value, i) => ({ project: 'p1', period: `2024-${String(i + 1).padStart(2, '0')}-01`, value }));

describe('episodic, inactive, retention', () => {
  it('episodic_contributors: none in the 3 months before, at most 12 before', async () => {
    // Mar: A's first; Jul: B's first; Aug: A again after 5 quiet months; Sep: F; Oct: C; Dec: B after 5 quiet months. Nov and Dec for A are not (Aug, Nov are within 3 months).
    expect(await run('episodic_contributors', { projects: ['p1'], from: new Date('2024-01-01T00:00:00Z') })).toEqual(months([0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 1]));
  });

  it('inactive_contributors: last contribution more than 6 months before as_of, in the period of that last contribution', async () => {
    expect(await run('inactive_contributors', { period: 'year' })).toEqual([
      { project: 'p1', period: '2023-01-01', value: 1 },
      { project: 'p1', period: '2024-01-01', value: 0 },
      { project: 'p2', period: '2023-01-01', value: 1 },
      { project: 'p2', period: '2024-01-01', value: 0 },
    ]);
  });

  it('retention: of those active in a quarter, the share active in the next; the last quarter waits for its next', async () => {
    expect(await withMinSample(1, () => run('retention', { projects: ['p1'], from: new Date('2024-01-01T00:00:00Z') }))).toEqual([
      { project: 'p1', period: '2024-01-01', value: 0, active: 1, retained: 0 },
      { project: 'p1', period: '2024-04-01', value: null, active: 0, retained: 0 },
      { project: 'p1', period: '2024-07-01', value: 0.6667, active: 3, retained: 2 },
    ]);
  });

  it('retention: no share of fewer people than the minimum sample, the counts still given', async () => {
    expect(await withMinSample(3, () => run('retention', { projects: ['p1'], from: new Date('2024-01-01T00:00:00Z') }))).toEqual([
      { project: 'p1', period: '2024-01-01', value: null, active: 1, retained: 0 },
      { project: 'p1', period: '2024-04-01', value: null, active: 0, retained: 0 },
      { project: 'p1', period: '2024-07-01', value: 0.6667, active: 3, retained: 2 },
    ]);
    // The default minimum, 10 people: this project is too small for any share (2023 Q2 to 2024 Q3).
    expect((await run('retention', { projects: ['p1'] })).map((r) => r.value)).toEqual([null, null, null, null, null, null]);
  });

  it('retention: a quarter whose next quarter is still running at as_of is left out', async () => {
    // As of mid-November, Q4 runs: Q3's people may yet come back, so Q3 is not shown.
    expect(await withMinSample(1, () => run('retention', { projects: ['p1'], from: new Date('2024-01-01T00:00:00Z'), as_of: new Date('2024-11-15T12:00:00Z') }))).toEqual([
      { project: 'p1', period: '2024-01-01', value: 0, active: 1, retained: 0 },
      { project: 'p1', period: '2024-04-01', value: null, active: 0, retained: 0 },
    ]);
  });

  it('retention_cohorts: no share of a cohort under the minimum sample', async () => {
    expect((await withMinSample(2, () => run('retention_cohorts', { projects: ['p1'] }))).map((r) => r.value)).toEqual([null, null, null, null, 1, 0.5, null]);
  });

  it('retention_cohorts: by quarter of first contribution', async () => {
    expect(await withMinSample(1, () => run('retention_cohorts', { projects: ['p1'] }))).toEqual([
      { project: 'p1', cohort: '2023-04-01', size: 1, quarters_later: 0, active: 1, value: 1 },
      { project: 'p1', cohort: '2024-01-01', size: 1, quarters_later: 0, active: 1, value: 1 },
      { project: 'p1', cohort: '2024-01-01', size: 1, quarters_later: 2, active: 1, value: 1 },
      { project: 'p1', cohort: '2024-01-01', size: 1, quarters_later: 3, active: 1, value: 1 },
      { project: 'p1', cohort: '2024-07-01', size: 2, quarters_later: 0, active: 2, value: 1 },
      { project: 'p1', cohort: '2024-07-01', size: 2, quarters_later: 1, active: 1, value: 0.5 },
      { project: 'p1', cohort: '2024-10-01', size: 1, quarters_later: 0, active: 1, value: 1 },
    ]);
  });
});

describe('project_health', () => {
  it('one row per project with windows, trend and factors; GitHub figures missing without GitHub', async () => {
    const nulls = { prs_merged_3m: null, prs_merged_6m: null, prs_merged_12m: null, issues_opened_3m: null, issues_opened_6m: null, issues_opened_12m: null, median_first_response_hours_6m: null };
    expect(await run('project_health')).toEqual([
      {
        project: 'p1',
        last_commit: '2024-12-20',
        last_release: '2024-11-01',
        days_since_last_commit: 11,
        commits_3m: 4,
        commits_6m: 7,
        commits_12m: 8,
        contributors_3m: 3,
        contributors_6m: 4,
        contributors_12m: 4,
        contributors_prev_3m: 3,
        new_contributors_3m: 1,
        new_contributors_6m: 3,
        new_contributors_12m: 4,
        ...nulls,
        // 3 people against 3: under the minimum sample of 10, no trend.
        trend: null,
        bus_factor: 2,
        elephant_factor: null,
        top_company_share: null,
        // No affiliation data: none of the 8 contributions of the 12 months has a known company.
        affiliation_coverage_12m: 0,
        affiliation_n_12m: 8,
      },
      {
        project: 'p2',
        last_commit: '2023-01-01',
        last_release: '2023-01-02',
        days_since_last_commit: 730,
        commits_3m: 0,
        commits_6m: 0,
        commits_12m: 0,
        contributors_3m: 0,
        contributors_6m: 0,
        contributors_12m: 0,
        contributors_prev_3m: 0,
        new_contributors_3m: 0,
        new_contributors_6m: 0,
        new_contributors_12m: 0,
        ...nulls,
        trend: null,
        bus_factor: null,
        elephant_factor: null,
        top_company_share: null,
        affiliation_coverage_12m: null,
        affiliation_n_12m: 0,
      },
    ]);
  });

  it('trend: contributors of the last 3 months against the 3 before, once either count reaches the minimum sample', async () => {
    const trends = async (n: number) => (await withMinSample(n, () => run('project_health'))).map((r) => r.trend);
    // p1: a, b, c against a, b, f; p2: nobody in either.
    expect(await trends(3)).toEqual(['Flat', null]);
    expect(await trends(4)).toEqual([null, null]);
    // As of November 15: a, c, f (Aug 15 – Nov 15) against a, b (May 15 – Aug 15): Up.
    expect((await withMinSample(3, () => run('project_health', { as_of: new Date('2024-11-15T00:00:00Z') }))).map((r) => [r.contributors_3m, r.contributors_prev_3m, r.trend])).toEqual([
      [3, 2, 'Up'],
      [0, 0, null],
    ]);
  });
});
