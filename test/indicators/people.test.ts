import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import { loadIdentity } from '../../src/identity/load.js';
import { readIndicator, runIndicator, type ParamValue } from '../../src/indicators/load.js';
import { silentLog } from '../../src/log.js';
import type { Database } from '../../src/store/db.js';
import { memoryDatabase } from '../helpers/db.js';

/**
 * People indicators on hand-made rows. Project p1: Ada commits (noreply email, so her login
 * `ada` is the same person) and opens a pull request in January; Dora's first contribution is
 * a review (January), then a pull request (March); Bob commits in February with Cy as
 * co-author; Eve comments a pull request (February); Fay opens an issue (March), Ada comments
 * it. Bots renovate (a commit) and dependabot (a comment) never count. Project p2: Ada
 * commits once in February. GitHub was collected for p1 (pull requests until the end of
 * February only), never for p2.
 */
const ADA = '1+ada@users.noreply.github.com';
const AS_OF = new Date('2024-03-31T23:59:59Z');
let db: Database;

beforeAll(async () => {
  db = await memoryDatabase();
  await db.run("INSERT INTO repos VALUES (1, 'p1', 'r1', 'github', '/r1', 'main'), (2, 'p2', 'r2', 'git', '/r2', 'main')");
  const commit = (repo: number, sha: string, name: string, email: string, at: string) =>
    db.run(`INSERT INTO commits VALUES (${repo}, '${sha}', '${name}', '${email}', TIMESTAMP '${at}', 0, 'x', 'x@x', TIMESTAMP '${at}', 0, false, 1, 1, 0, true, 's', true)`);
  await commit(1, 'c1', 'Ada', ADA, '2024-01-10 10:00:00');
  await commit(1, 'c2', 'Bob', 'bob@x.org', '2024-02-05 10:00:00');
  await commit(1, 'c3', 'renovate[bot]', '29139614+renovate[bot]@users.noreply.github.com', '2024-02-06 10:00:00');
  await commit(1, 'c4', 'Ada', ADA, '2024-03-01 10:00:00');
  await commit(2, 'd1', 'Ada', ADA, '2024-02-20 10:00:00');
  await db.run("INSERT INTO commit_trailers VALUES (1, 'c2', 'co-authored-by', 'Cy <cy@x.org>', 'Cy', 'cy@x.org')");
  const pr = (n: number, login: string, at: string) =>
    db.run(`INSERT INTO pull_requests VALUES (1, ${n}, 'PR${n}', 't', '${login}', false, TIMESTAMP '${at}', TIMESTAMP '${at}', NULL, NULL, NULL, 'OPEN', false, 1, 1, 1, 'main', [], now()::TIMESTAMP, NULL)`);
  await pr(1, 'ada', '2024-01-15 10:00:00');
  await pr(2, 'dora', '2024-03-05 10:00:00');
  await db.run("INSERT INTO pr_reviews VALUES (1, 1, 'PR1', 'R1', 'dora', false, 'APPROVED', TIMESTAMP '2024-01-20 10:00:00', NULL)");
  await db.run("INSERT INTO issues VALUES (1, 3, 'I3', 'bug', 'fay', false, TIMESTAMP '2024-03-10 10:00:00', TIMESTAMP '2024-03-10 10:00:00', NULL, 'OPEN', NULL, [], now()::TIMESTAMP, NULL)");
  await db.run(`INSERT INTO comments VALUES
    (1, 'C1', 'PR1', 'pull_request', 1, 'pr_comment', 'eve', false, TIMESTAMP '2024-02-15 10:00:00', NULL),
    (1, 'C2', 'I3', 'issue', 3, 'issue_comment', 'ada', false, TIMESTAMP '2024-03-11 10:00:00', NULL),
    (1, 'C3', 'I3', 'issue', 3, 'issue_comment', 'dependabot', true, TIMESTAMP '2024-03-12 10:00:00', NULL)`);
  await db.run(`INSERT INTO sync_state (repo_id, source, covered_until, last_success_at) VALUES
    (1, 'github_pull_requests', TIMESTAMP '2024-02-29 12:00:00', TIMESTAMP '2024-02-29 12:00:00'),
    (1, 'github_issues', TIMESTAMP '2024-04-01', TIMESTAMP '2024-04-01')`);
  await loadIdentity(db, DEFAULT_IDENTITY, silentLog);
});
afterAll(() => db.close());

const run = async (id: string, values: Record<string, ParamValue> = {}) => runIndicator(db, await readIndicator(id), { as_of: AS_OF, ...values });

describe('active_contributors', () => {
  it('counts people, not emails or logins, split by kind, bots left out', async () => {
    expect(await run('active_contributors')).toEqual([
      { project: 'p1', period: '2024-01-01', value: 2, code_authors: 1, pr_authors: 1, reviewers: 1, commenters: 0, issue_authors: 0 },
      { project: 'p1', period: '2024-02-01', value: 3, code_authors: 2, pr_authors: 0, reviewers: 0, commenters: 1, issue_authors: 0 },
      // Pull requests were not read for March: their kinds are missing, not 0; issues were.
      { project: 'p1', period: '2024-03-01', value: 3, code_authors: 1, pr_authors: null, reviewers: null, commenters: 1, issue_authors: 1 },
      // Git only: what GitHub would have shown is missing.
      { project: 'p2', period: '2024-02-01', value: 1, code_authors: 1, pr_authors: null, reviewers: null, commenters: null, issue_authors: null },
      { project: 'p2', period: '2024-03-01', value: 0, code_authors: 0, pr_authors: null, reviewers: null, commenters: null, issue_authors: null },
    ]);
  });

  it('over a quarter, a person active in several months counts once', async () => {
    expect((await run('active_contributors', { period: 'quarter', projects: ['p1'] })).map((r) => r.value)).toEqual([6]);
  });
});

describe('new_contributors', () => {
  it('counts each person in the period of their first contribution to the project', async () => {
    expect(await run('new_contributors')).toEqual([
      { project: 'p1', period: '2024-01-01', value: 2 },
      { project: 'p1', period: '2024-02-01', value: 3 },
      { project: 'p1', period: '2024-03-01', value: 1 },
      { project: 'p2', period: '2024-02-01', value: 1 },
      { project: 'p2', period: '2024-03-01', value: 0 },
    ]);
  });

  it('a first contribution before `from` is still the first: nobody is new again', async () => {
    expect(await run('new_contributors', { projects: ['p1'], from: new Date('2024-03-01T00:00:00Z') })).toEqual([{ project: 'p1', period: '2024-03-01', value: 1 }]);
  });

  it('lists them with the date and kind of their first contribution (a review counts)', async () => {
    expect(await run('new_contributor_list', { projects: ['p1'] })).toEqual([
      { project: 'p1', person: 'Ada', person_id: `email:${ADA}`, first_contribution: '2024-01-10', first_kind: 'commit' },
      { project: 'p1', person: 'dora', person_id: 'login:dora', first_contribution: '2024-01-20', first_kind: 'pr_review' },
      { project: 'p1', person: 'Bob', person_id: 'email:bob@x.org', first_contribution: '2024-02-05', first_kind: 'commit' },
      { project: 'p1', person: 'Cy', person_id: 'email:cy@x.org', first_contribution: '2024-02-05', first_kind: 'co_author' },
      { project: 'p1', person: 'eve', person_id: 'login:eve', first_contribution: '2024-02-15', first_kind: 'pr_comment' },
      { project: 'p1', person: 'fay', person_id: 'login:fay', first_contribution: '2024-03-10', first_kind: 'issue_opened' },
    ]);
  });
});
