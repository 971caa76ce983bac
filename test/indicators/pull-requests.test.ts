import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import { loadIdentity } from '../../src/identity/load.js';
import { readIndicator, runIndicator } from '../../src/indicators/load.js';
import { silentLog } from '../../src/log.js';
import type { Database } from '../../src/store/db.js';
import { memoryDatabase } from '../helpers/db.js';

/**
 * p1 (GitHub collected): #1 ada, opened Jan 5, merged Jan 20; #2 ada, opened Jan 10, closed
 * unmerged Feb 3; #3 bob, opened Feb 1, merged Mar 15; #4 dependabot (a bot), Feb 2 → Feb 3;
 * #5 bob, opened Mar 20, open; #6 ada, opened in 2021 and merged Mar 1, 2024.
 * p2: one pull request, but GitHub counts as not collected there: every value is missing.
 */
const AS_OF = new Date('2024-03-31T23:59:59Z');
const FROM = new Date('2024-01-01T00:00:00Z');
let db: Database;

beforeAll(async () => {
  db = await memoryDatabase();
  await db.run("INSERT INTO repos VALUES (1, 'p1', 'o/r1', 'github', 'u1', 'main'), (2, 'p2', 'o/r2', 'github', 'u2', 'main')");
  const pr = (repo: number, n: number, login: string, bot: boolean, created: string, closed: string | null, merged: boolean) =>
    db.run(
      `INSERT INTO pull_requests VALUES ($repo, $n, $id, 't', $login, $bot, CAST($created AS TIMESTAMP), CAST($created AS TIMESTAMP),
         CAST($closed AS TIMESTAMP), CASE WHEN $merged THEN CAST($closed AS TIMESTAMP) END, NULL, 'X', false, 1, 1, 1, 'main', [], now()::TIMESTAMP, NULL)`,
      { repo, n, id: `PR${n}`, login, bot, created, closed, merged },
    );
  await pr(1, 1, 'ada', false, '2024-01-05 10:00:00', '2024-01-20 10:00:00', true);
  await pr(1, 2, 'ada', false, '2024-01-10 10:00:00', '2024-02-03 10:00:00', false);
  await pr(1, 3, 'bob', false, '2024-02-01 10:00:00', '2024-03-15 10:00:00', true);
  await pr(1, 4, 'dependabot', true, '2024-02-02 10:00:00', '2024-02-03 10:00:00', true);
  await pr(1, 5, 'bob', false, '2024-03-20 10:00:00', null, false);
  await pr(1, 6, 'ada', false, '2021-06-01 10:00:00', '2024-03-01 10:00:00', true);
  await pr(2, 7, 'cy', false, '2024-02-10 10:00:00', null, false);
  await db.run(`INSERT INTO sync_state (repo_id, source, covered_until, last_success_at) VALUES
    (1, 'github_pull_requests', TIMESTAMP '2024-04-01', TIMESTAMP '2024-04-01'),
    (1, 'github_issues', TIMESTAMP '2024-04-01', TIMESTAMP '2024-04-01'),
    (1, 'github_releases', TIMESTAMP '2024-04-01', TIMESTAMP '2024-04-01')`);
  const issue = (n: number, login: string, bot: boolean, created: string, closed: string | null) =>
    db.run(
      `INSERT INTO issues VALUES (1, $n, $id, 't', $login, $bot, CAST($created AS TIMESTAMP), CAST($created AS TIMESTAMP), CAST($closed AS TIMESTAMP),
         'X', NULL, [], now()::TIMESTAMP, NULL)`,
      { n, id: `I${n}`, login, bot, created, closed },
    );
  await issue(11, 'fay', false, '2024-01-15 10:00:00', '2024-02-10 10:00:00');
  await issue(12, 'dependabot', true, '2024-01-20 10:00:00', null);
  await issue(13, 'fay', false, '2024-03-02 10:00:00', null);
  await issue(14, 'fay', false, '2024-02-05 10:00:00', null);
  const comment = (id: string, parent: string, kind: 'issue' | 'pull_request', login: string, bot: boolean, at: string) =>
    db.run(`INSERT INTO comments VALUES (1, $id, $parent, $kind, 0, $k, $login, $bot, CAST($at AS TIMESTAMP), NULL)`, { id, parent, kind, k: kind === 'issue' ? 'issue_comment' : 'pr_comment', login, bot, at });
  await db.run("INSERT INTO pr_reviews VALUES (1, 1, 'PR1', 'R1', 'bob', false, 'APPROVED', TIMESTAMP '2024-01-05 12:00:00', NULL), (1, 3, 'PR3', 'R3', 'ada', false, 'APPROVED', TIMESTAMP '2024-02-01 14:00:00', NULL)");
  await comment('C1', 'PR1', 'pull_request', 'ada', false, '2024-01-05 10:30:00');
  await comment('C2', 'PR2', 'pull_request', 'dependabot', true, '2024-01-10 11:00:00');
  await comment('C3', 'PR2', 'pull_request', 'cy', false, '2024-01-10 10:00:10');
  await comment('C4', 'PR2', 'pull_request', 'cy', false, '2024-01-11 10:00:00');
  await comment('C5', 'I11', 'issue', 'ada', false, '2024-01-15 16:00:00');
  await comment('C6', 'I13', 'issue', 'fay', false, '2024-03-02 11:00:00');
  await comment('C7', 'I14', 'issue', 'dependabot', true, '2024-02-05 10:05:00');
  await db.run(`INSERT INTO releases VALUES (1, 'V1', 'v1', 'v1', TIMESTAMP '2024-01-09', TIMESTAMP '2024-01-10', false, false),
    (1, 'V2', 'v2', 'v2', TIMESTAMP '2024-02-01', NULL, false, true), (1, 'V3', 'v3', 'v3', TIMESTAMP '2024-03-05', NULL, false, false)`);
  await db.run("INSERT INTO tags VALUES (1, 'v0-ignored', 'x', TIMESTAMP '2024-02-10'), (2, 'v1.0.0', 'y', TIMESTAMP '2024-01-15'), (2, 'v1.1.0', 'z', TIMESTAMP '2024-03-15')");
  await db.run(`INSERT INTO sync_state (repo_id, source, last_error) VALUES (2, 'github_pull_requests', 'not collected: no GitHub token')`);
  await loadIdentity(db, DEFAULT_IDENTITY, silentLog);
});
afterAll(() => db.close());

const run = async (id: string) => runIndicator(db, await readIndicator(id), { as_of: AS_OF, from: FROM });
const series = (p1: (number | null)[], p2: (number | null)[]) => [
  ...p1.map((value, i) => ({ project: 'p1', period: `2024-0${i + 1}-01`, value })),
  ...p2.map((value, i) => ({ project: 'p2', period: `2024-0${i + 1}-01`, value })),
];

describe('pull request counts', () => {
  it('prs_opened: by creation date, bots left out, missing where GitHub was not collected', async () => {
    expect(await run('prs_opened')).toEqual(series([2, 1, 1], [null, null, null]));
  });

  it('prs_merged: by merge date, also a pull request opened years before', async () => {
    expect((await run('prs_merged')).filter((r) => r.project === 'p1')).toEqual(series([1, 0, 2], []));
  });

  it('prs_closed_unmerged: by close date, merged ones left out', async () => {
    expect((await run('prs_closed_unmerged')).filter((r) => r.project === 'p1')).toEqual(series([0, 1, 0], []));
  });

  it('pr_acceptance_ratio: merged ÷ (merged + closed unmerged) among those closed in the period', async () => {
    // A minimum sample of 1 (the default is 10): the arithmetic on hand-sized data.
    await db.run('CREATE OR REPLACE TEMP MACRO min_sample() AS 1');
    const ratios = await run('pr_acceptance_ratio').finally(() => db.run('CREATE OR REPLACE TEMP MACRO min_sample() AS 10'));
    expect(ratios.filter((r) => r.project === 'p1')).toEqual([
      { project: 'p1', period: '2024-01-01', value: 1, merged: 1, closed_unmerged: 0, closed: 1 },
      { project: 'p1', period: '2024-02-01', value: 0, merged: 0, closed_unmerged: 1, closed: 1 },
      { project: 'p1', period: '2024-03-01', value: 1, merged: 2, closed_unmerged: 0, closed: 2 },
    ]);
  });

  it('pr_acceptance_ratio: no ratio of fewer pull requests than the minimum sample (10), the counts still given', async () => {
    expect((await run('pr_acceptance_ratio')).filter((r) => r.project === 'p1')).toEqual([
      { project: 'p1', period: '2024-01-01', value: null, merged: 1, closed_unmerged: 0, closed: 1 },
      { project: 'p1', period: '2024-02-01', value: null, merged: 0, closed_unmerged: 1, closed: 1 },
      { project: 'p1', period: '2024-03-01', value: null, merged: 2, closed_unmerged: 0, closed: 2 },
    ]);
  });
});

describe('issues and releases', () => {
  it('issues_opened and issues_closed: bots left out', async () => {
    expect((await run('issues_opened')).filter((r) => r.project === 'p1')).toEqual(series([1, 1, 1], []));
    expect((await run('issues_closed')).filter((r) => r.project === 'p1')).toEqual(series([0, 1, 0], []));
  });

  it('releases: published (or created) date, drafts left out; git tags only for a repository without GitHub releases', async () => {
    expect(await run('releases')).toEqual(series([1, 0, 1], [1, 0, 1]));
  });
});

describe('durations', () => {
  it('pr_time_to_merge: by merge date, in hours, a pull request merged years after it was opened included', async () => {
    // Merged in March: #3 after 43 days (1,032 h), #6 after 1,004 days (24,096 h).
    expect((await run('pr_time_to_merge')).filter((r) => r.project === 'p1')).toEqual([
      { project: 'p1', period: '2024-01-01', value: 360, p15: 360, p85: 360, merged: 1 },
      { project: 'p1', period: '2024-02-01', value: null, p15: null, p85: null, merged: 0 },
      { project: 'p1', period: '2024-03-01', value: 12564, p15: 4491.6, p85: 20636.4, merged: 2 },
    ]);
  });

  it('time_to_first_response: not the author, not a bot, not within 30 s; unanswered counted apart (issue 14: only a bot answered; 13: only its author)', async () => {
    // January: #1 answered by bob after 2 h, #2 by cy after 24 h (cy's reply at 10 s and the bot's do not count), issue 11 after 6 h.
    expect((await run('time_to_first_response')).filter((r) => r.project === 'p1')).toEqual([
      { project: 'p1', period: '2024-01-01', value: 6, p15: 3.2, p85: 18.6, answered: 3, unanswered: 0 },
      { project: 'p1', period: '2024-02-01', value: 4, p15: 4, p85: 4, answered: 1, unanswered: 1 },
      { project: 'p1', period: '2024-03-01', value: null, p15: null, p85: null, answered: 0, unanswered: 2 },
    ]);
  });
});
