import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import { loadIdentity } from '../../src/identity/load.js';
import { readIndicator, runIndicator, type ParamValue } from '../../src/indicators/load.js';
import { silentLog } from '../../src/log.js';
import type { Database } from '../../src/store/db.js';
import { memoryDatabase } from '../helpers/db.js';

/**
 * One GitHub project, first quarter of 2024. Ada (Acme) commits on Jan 1 at 22:30 UTC from
 * UTC+2 and on Jan 3 at 09:00 UTC from UTC−5, opens a pull request on Mar 1; Bob (no company)
 * commits on Feb 10 at noon UTC and opens a pull request on Jan 20, closed Jan 25. Fay opens
 * issues on Jan 10 (closed Feb 15), Feb 1, Mar 10 (closed Mar 20) and Mar 15; dependabot
 * opens one on Jan 5. Stars on Jan 5, Feb 7, Feb 20; forks 3, 4 and 5 seen by three runs.
 */
const AS_OF = new Date('2024-03-31T23:59:59Z');
let db: Database;

beforeAll(async () => {
  db = await memoryDatabase();
  await db.run("INSERT INTO repos VALUES (1, 'p1', 'o/r', 'github', 'u', 'main')");
  const commit = (sha: string, email: string, at: string, tz: number) =>
    db.run(`INSERT INTO commits VALUES (1, $sha, 'n', $email, CAST($at AS TIMESTAMP), $tz, 'n', $email, CAST($at AS TIMESTAMP), $tz, false, 1, 1, 1, true, 's', true)`, { sha, email, at, tz });
  await commit('a1', 'ada@acme.example', '2024-01-01 22:30:00', 120);
  await commit('a2', 'ada@acme.example', '2024-01-03 09:00:00', -300);
  await commit('b1', 'bob@y.org', '2024-02-10 12:00:00', 0);
  const issue = (n: number, login: string, bot: boolean, created: string, closed: string | null) =>
    db.run(`INSERT INTO issues VALUES (1, $n, $id, 't', $login, $bot, CAST($created AS TIMESTAMP), CAST($created AS TIMESTAMP), CAST($closed AS TIMESTAMP), 'X', NULL, [], now()::TIMESTAMP, NULL)`, {
      n,
      id: `I${n}`,
      login,
      bot,
      created,
      closed,
    });
  await issue(1, 'fay', false, '2024-01-10 10:00:00', '2024-02-15 10:00:00');
  await issue(2, 'fay', false, '2024-02-01 10:00:00', null);
  await issue(3, 'dependabot', true, '2024-01-05 10:00:00', null);
  await issue(4, 'fay', false, '2024-03-10 10:00:00', '2024-03-20 10:00:00');
  await issue(5, 'fay', false, '2024-03-15 10:00:00', null);
  const pr = (n: number, login: string, created: string, closed: string | null) =>
    db.run(`INSERT INTO pull_requests VALUES (1, $n, $id, 't', $login, false, CAST($created AS TIMESTAMP), CAST($created AS TIMESTAMP), CAST($closed AS TIMESTAMP), NULL, NULL, 'X', false, 1, 1, 1, 'main', [], now()::TIMESTAMP, NULL)`, {
      n,
      id: `PR${n}`,
      login,
      created,
      closed,
    });
  await pr(6, 'ada', '2024-03-01 10:00:00', null);
  await pr(7, 'bob', '2024-01-20 10:00:00', '2024-01-25 10:00:00');
  await db.run(`INSERT INTO sync_state (repo_id, source, covered_until, last_success_at) VALUES
    (1, 'github_issues', TIMESTAMP '2024-04-01', TIMESTAMP '2024-04-01'), (1, 'github_pull_requests', TIMESTAMP '2024-04-01', TIMESTAMP '2024-04-01')`);
  await db.run(`INSERT INTO stargazers VALUES (1, 'u1', 1, TIMESTAMP '2024-01-05'), (1, 'u2', 2, TIMESTAMP '2024-02-07'), (1, 'u3', 3, TIMESTAMP '2024-02-20')`);
  await db.run(`INSERT INTO repo_stats VALUES (1, 1, TIMESTAMP '2024-02-10', 2, 3, 0, 0, 0), (1, 2, TIMESTAMP '2024-02-25', 3, 4, 0, 0, 0), (1, 3, TIMESTAMP '2024-03-31', 3, 5, 0, 0, 0)`);
  // Ada's login is the same person as her email.
  await db.run("INSERT INTO commit_logins VALUES (1, 'a1', 'ada@acme.example', 'ada', 1)");
  await loadIdentity(db, { ...DEFAULT_IDENTITY, domains: new Map([['acme.example', 'Acme']]) }, silentLog);
});
afterAll(() => db.close());

const run = async (id: string, values: Record<string, ParamValue> = {}) => runIndicator(db, await readIndicator(id), { as_of: AS_OF, ...values });

describe('people and companies', () => {
  it('contributions_per_contributor: 9 contributions by 4 people over the last year', async () => {
    // Bob's email and his login `bob` are two people: nothing links them (never by name).
    expect(await run('contributions_per_contributor')).toEqual([{ project: 'p1', value: 2.25, contributions: 9, contributors: 4 }]);
  });

  it('companies: the affiliation coverage of each month; no count of companies on fewer than 10 contributions', async () => {
    // January: Ada's 2 commits (Acme), Fay's issue, Bob's pull request (the bot's issue counts in neither).
    expect(await run('companies')).toEqual([
      { project: 'p1', period: '2024-01-01', value: null, affiliation_coverage: 0.5, affiliation_known: 2, affiliation_n: 4 },
      { project: 'p1', period: '2024-02-01', value: null, affiliation_coverage: 0, affiliation_known: 0, affiliation_n: 2 },
      { project: 'p1', period: '2024-03-01', value: null, affiliation_coverage: 0.3333, affiliation_known: 1, affiliation_n: 3 },
    ]);
  });

  it('top_companies: contributions, people and share of the known ones, with the coverage of the window', async () => {
    // Of the 9 contributions by people in the window, Ada's 3 have a known company.
    expect(await run('top_companies')).toEqual([{ project: 'p1', company: 'Acme', contributions: 3, contributors: 1, share: 1, affiliation_coverage: 0.3333, affiliation_known: 3, affiliation_n: 9 }]);
  });
});

describe('backlog and ages', () => {
  it('open_issues: open at the end of each month, bots left out', async () => {
    expect(await run('open_issues')).toEqual([
      { project: 'p1', period: '2024-01-01', value: 1 },
      { project: 'p1', period: '2024-02-01', value: 1 },
      { project: 'p1', period: '2024-03-01', value: 2 },
    ]);
  });

  it('issue_age and open_pr_age: median and 85th percentile in days at as_of', async () => {
    // Open at as_of: issue 2 (59.58 days) and issue 5 (16.58 days); pull request 6 (30.58 days).
    expect(await run('issue_age')).toEqual([{ project: 'p1', value: 38.1, p85: 53.1, open: 2 }]);
    expect(await run('open_pr_age')).toEqual([{ project: 'p1', value: 30.6, p85: 30.6, open: 1 }]);
  });
});

describe('stars, forks and the activity heatmap', () => {
  it('stars at each period end; forks from the last run in the period, missing without one', async () => {
    expect(await run('stars_forks')).toEqual([
      { project: 'p1', period: '2024-01-01', value: 1, forks: null },
      { project: 'p1', period: '2024-02-01', value: 3, forks: 4 },
      { project: 'p1', period: '2024-03-01', value: 3, forks: 5 },
    ]);
  });

  it("activity_heatmap: weekday and hour of the author's local time", async () => {
    expect(await run('activity_heatmap')).toEqual([
      { project: 'p1', weekday: 2, hour: 0, value: 1 },
      { project: 'p1', weekday: 3, hour: 4, value: 1 },
      { project: 'p1', weekday: 6, hour: 12, value: 1 },
    ]);
  });
});
