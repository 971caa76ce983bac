import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIndicator, runIndicator, type ParamValue } from '../../src/indicators/load.js';
import type { Database } from '../../src/store/db.js';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import { loadIdentity } from '../../src/identity/load.js';
import { silentLog } from '../../src/log.js';
import { memoryDatabase } from '../helpers/db.js';

/**
 * The shipped indicator SQL on hand-made rows: p1 has a fork (r2 shares commit a with r1),
 * a gap month, a merge, upper-case e-mail variants and a commit without line counts; p2
 * has one old commit and one after as_of.
 */
const AS_OF = new Date('2024-04-30T23:59:59.999Z');
const COMMITS: [repo: number, sha: string, email: string, at: string, merge: boolean, added: number | null, deleted: number | null][] = [
  [1, 'a', 'ada@x.org', '2024-01-05 10:00:00', false, 10, 1],
  [2, 'a', 'ada@x.org', '2024-01-05 10:00:00', false, 10, 1],
  [1, 'b', 'ADA@x.org', '2024-03-31 23:59:59', false, 5, 0],
  [2, 'd', 'carol@x.org', '2024-03-10 08:00:00', false, 3, 3],
  [1, 'g', 'ada@X.ORG', '2024-03-15 12:00:00', false, null, null],
  [1, 'c', 'bob@y.org', '2024-04-01 00:00:00', true, null, null],
  [3, 'e', 'eve@z.org', '2023-11-15 09:00:00', false, 1, 0],
  [3, 'f', 'eve@z.org', '2024-05-01 00:00:00', false, 1, 0],
];

let db: Database;

beforeAll(async () => {
  db = await memoryDatabase();
  for (const [id, project, name] of [[1, 'p1', 'r1'], [2, 'p1', 'r2'], [3, 'p2', 'r3']] as const) {
    await db.run("INSERT INTO repos (repo_id, project, name, kind, url, default_branch) VALUES ($id, $project, $name, 'git', '/srv/' || $name, 'main')", { id, project, name });
  }
  for (const [repo, sha, email, at, merge, added, deleted] of COMMITS) {
    await db.run(
      `INSERT INTO commits VALUES ($repo, $sha, 'n', $email, CAST($at AS TIMESTAMP), 0, 'n', $email, CAST($at AS TIMESTAMP), 0, $merge,
         NULL, CAST($added AS INTEGER), CAST($deleted AS INTEGER), $known, 's', true)`,
      { repo, sha, email, at, merge, added, deleted, known: added !== null || merge },
    );
  }
  await loadIdentity(db, DEFAULT_IDENTITY, silentLog);
});

afterAll(() => db.close());

const run = async (id: string) => runIndicator(db, await readIndicator(id), { as_of: AS_OF });

describe('standard parameters', () => {
  const commits = async (values: Record<string, ParamValue>) => runIndicator(db, await readIndicator('commits'), { as_of: AS_OF, ...values });

  it('period: quarters (a shared commit once, the merge counted, nothing after as_of)', async () => {
    expect(await commits({ period: 'quarter' })).toEqual([
      { project: 'p1', period: '2024-01-01', value: 4 },
      { project: 'p1', period: '2024-04-01', value: 1 },
      { project: 'p2', period: '2023-10-01', value: 1 },
      { project: 'p2', period: '2024-01-01', value: 0 },
      { project: 'p2', period: '2024-04-01', value: 0 },
    ]);
  });

  it('projects: only the ones named', async () => {
    expect(await commits({ period: 'year', projects: ['p2'] })).toEqual([
      { project: 'p2', period: '2023-01-01', value: 1 },
      { project: 'p2', period: '2024-01-01', value: 0 },
    ]);
  });

  it('repos: only the commits of the repositories named (r2 shares commit a with r1 and has d)', async () => {
    expect(await commits({ repos: ['r2'] })).toEqual([
      { project: 'p1', period: '2024-01-01', value: 1 },
      { project: 'p1', period: '2024-02-01', value: 0 },
      { project: 'p1', period: '2024-03-01', value: 1 },
      { project: 'p1', period: '2024-04-01', value: 0 },
    ]);
  });

  it('from (inclusive) and to (exclusive) bound the events and the periods', async () => {
    expect(await commits({ from: new Date('2024-03-01T00:00:00Z'), to: new Date('2024-04-01T00:00:00Z') })).toEqual([{ project: 'p1', period: '2024-03-01', value: 3 }]);
  });

  it('a series of more than 100,000 periods is an error, not gigabytes of rows', async () => {
    const from = new Date('1700-01-01T00:00:00Z');
    await expect(commits({ period: 'day', from })).rejects.toThrow(/indicator commits failed: .*a time series from 1700-01-01 by day would have more than 100,000 periods: give --from, or a longer --period/);
    expect(await commits({ period: 'year', from, projects: ['p2'] })).toHaveLength(2024 - 1700 + 1);
  });
});

describe('monthly series', () => {
  it('commits: a shared commit counts once, months without commits are 0, only up to as_of', async () => {
    expect(await run('commits')).toEqual([
      { project: 'p1', period: '2024-01-01', value: 1 },
      { project: 'p1', period: '2024-02-01', value: 0 },
      { project: 'p1', period: '2024-03-01', value: 3 },
      { project: 'p1', period: '2024-04-01', value: 1 },
      { project: 'p2', period: '2023-11-01', value: 1 },
      { project: 'p2', period: '2023-12-01', value: 0 },
      { project: 'p2', period: '2024-01-01', value: 0 },
      { project: 'p2', period: '2024-02-01', value: 0 },
      { project: 'p2', period: '2024-03-01', value: 0 },
      { project: 'p2', period: '2024-04-01', value: 0 },
    ]);
  });

  it('commit_authors: distinct lower-cased e-mails per month, over the same months', async () => {
    const rows = await run('commit_authors');
    expect(rows.filter((r) => r.project === 'p1').map((r) => [r.period, r.value])).toEqual([
      ['2024-01-01', 1],
      ['2024-02-01', 0],
      ['2024-03-01', 2],
      ['2024-04-01', 1],
    ]);
    expect(rows.filter((r) => r.project === 'p2').map((r) => r.value)).toEqual([1, 0, 0, 0, 0, 0]);
  });
});

describe('tables', () => {
  it('project_totals: distinct commits and authors, first/last dates, lines of non-merge commits', async () => {
    expect(await run('project_totals')).toEqual([
      { project: 'p1', repos: 2, commits: 5, authors: 3, first_commit: '2024-01-05', last_commit: '2024-04-01', lines_added: 18, lines_deleted: 4 },
      { project: 'p2', repos: 1, commits: 1, authors: 1, first_commit: '2023-11-15', last_commit: '2023-11-15', lines_added: 1, lines_deleted: 0 },
    ]);
  });

  it('repo_totals: commits per repository up to as_of', async () => {
    expect(await run('repo_totals')).toEqual([
      { project: 'p1', name: 'r1', url: '/srv/r1', default_branch: 'main', commits: 4, last_commit: '2024-04-01' },
      { project: 'p1', name: 'r2', url: '/srv/r2', default_branch: 'main', commits: 2, last_commit: '2024-03-10' },
      { project: 'p2', name: 'r3', url: '/srv/r3', default_branch: 'main', commits: 1, last_commit: '2023-11-15' },
    ]);
  });
});
