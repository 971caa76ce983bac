import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { loadIdentity } from '../../src/identity/load.js';
import { readIndicator, runIndicator, type ParamValue } from '../../src/indicators/load.js';
import { runSinceJoined } from '../../src/indicators/joined.js';
import { silentLog } from '../../src/log.js';
import type { Database } from '../../src/store/db.js';
import { writeScopeTables } from '../../src/store/scope.js';
import { memoryDatabase } from '../helpers/db.js';

/**
 * Groups count people, not sums: figures computed by hand for three projects sharing people.
 *
 *   A (repos a1, a2): eve 2023-06-01; ann Jan 5; ben Feb 15; cat Feb 1 (commit cc); a bot Feb 2;
 *                     ann Apr 10 (after the as-of of most tests); a pull request by ann in Jan,
 *                     pull requests of a1 read until Feb 29.
 *   B (repo b1):      eve 2023-08-20; ben Jan 20; ann Jan 25 and Feb 10; cat's commit cc again
 *                     (the same commit in a repository of another project); dan Mar 5.
 *   C (repo c1):      dan Jan 10.
 *   groups: G = [A, B], H = [B, C]; `all` = A, B, C.
 *
 * Active in Jan: A {ann}, B {ben, ann}, C {dan}; G {ann, ben} = 2, not 1 + 2.
 * New: ben is new to A in Feb but was in B since Jan, so not new to G; dan is new to B in Mar
 * but was in C since Jan, so not new to H (but new to G in Mar).
 */
const AS_OF = new Date('2024-03-31T23:59:59Z');
const FROM = new Date('2024-01-01T00:00:00Z');
const CONFIG = `projects:
  - name: A
    joined: 2024-02-01
    maturity: graduated
    repos:
      - git: /r/a1
      - git: /r/a2
        group: docs
    repoGroups:
      core: [a1]
  - name: B
    maturity: Incubating
    repos: [{ git: /r/b1 }]
  - name: C
    joined: 2023-12-15
    repos:
      - git: /r/c1
      - github: c-org/*
        group: tools
groups:
  G: [A, B]
  H: [B, C]
`;
let db: Database;

beforeAll(async () => {
  db = await memoryDatabase();
  await db.run(`INSERT INTO projects VALUES ('A'), ('B'), ('C');
    INSERT INTO repos VALUES (1, 'A', 'a1', 'git', '/r/a1', 'main'), (2, 'A', 'a2', 'git', '/r/a2', 'main'), (3, 'B', 'b1', 'git', '/r/b1', 'main'), (4, 'C', 'c1', 'github', '/r/c1', 'main'),
    (5, 'C', 'c-org/tool', 'github', 'https://github.com/c-org/tool.git', 'main')`);
  const commit = (repo: number, sha: string, name: string, at: string) =>
    db.run(`INSERT INTO commits VALUES (${repo}, '${sha}', '${name}', '${name.toLowerCase().replace(/\W/g, '')}@x.org', TIMESTAMP '${at}', 0, 'x', 'x@x', TIMESTAMP '${at}', 0, false, 1, 10, 5, true, 's', true)`);
  const commits: [number, string, string, string][] = [
    [1, 'e1', 'Eve', '2023-06-01'],
    [1, 'a1', 'Ann', '2024-01-05'],
    [1, 'b2', 'Ben', '2024-02-15'],
    [1, 'cc', 'Cat', '2024-02-01'],
    [1, 'r1', 'renovate[bot]', '2024-02-02'],
    [1, 'a4', 'Ann', '2024-04-10'],
    [3, 'e2', 'Eve', '2023-08-20'],
    [3, 'b1', 'Ben', '2024-01-20'],
    [3, 'a2', 'Ann', '2024-01-25'],
    [3, 'a3', 'Ann', '2024-02-10'],
    [3, 'cc', 'Cat', '2024-02-01'],
    [3, 'd2', 'Dan', '2024-03-05'],
    [4, 'd1', 'Dan', '2024-01-10'],
  ];
  for (const [repo, sha, name, day] of commits) await commit(repo, sha, name, `${day} 10:00:00`);
  await db.run("INSERT INTO pull_requests VALUES (1, 1, 'PR1', 't', 'ann', false, TIMESTAMP '2024-01-15 10:00:00', TIMESTAMP '2024-01-15 10:00:00', NULL, NULL, NULL, 'OPEN', false, 1, 1, 1, 'main', [], now()::TIMESTAMP, NULL)");
  await db.run("INSERT INTO sync_state (repo_id, source, covered_until, last_success_at) VALUES (1, 'github_pull_requests', TIMESTAMP '2024-02-29 12:00:00', TIMESTAMP '2024-02-29 12:00:00')");
  // Ann's GitHub login is her commit email's person, as a mailmap-free resolution can tell.
  await loadIdentity(db, { ...parseConfig('projects: [{ name: X, repos: [{ git: /x }] }]\nidentity:\n  people:\n    - { emails: [ann@x.org], logins: [ann] }\n', 'c.yaml', '/').config.identity }, silentLog);
  const { config, errors } = parseConfig(CONFIG, 'cdstats.yaml', '/');
  expect(errors).toEqual([]);
  await writeScopeTables(db, config);
});
afterAll(() => db.close());

const run = async (id: string, values: Record<string, ParamValue> = {}) => runIndicator(db, await readIndicator(id), { as_of: AS_OF, ...values });
/** `unit: [value per period]` of a monthly series. */
const series = (rows: Record<string, unknown>[], column = 'value') => {
  const result: Record<string, unknown[]> = {};
  for (const row of rows) (result[String(row.project)] ??= []).push(row[column]);
  return result;
};

describe('the config in the session', () => {
  it('fills project_groups, project_meta and repo_groups from the config and the collected repositories', async () => {
    expect(await db.all('SELECT * FROM project_groups ORDER BY ALL')).toEqual([
      { group_name: 'G', project: 'A' },
      { group_name: 'G', project: 'B' },
      { group_name: 'H', project: 'B' },
      { group_name: 'H', project: 'C' },
    ]);
    expect(await db.all('SELECT project, maturity, CAST(joined AS VARCHAR) AS joined FROM project_meta ORDER BY project')).toEqual([
      { project: 'A', maturity: 'graduated', joined: '2024-02-01' },
      { project: 'B', maturity: 'incubating', joined: null },
      { project: 'C', maturity: null, joined: '2023-12-15' },
    ]);
    expect(await db.all('SELECT * FROM repo_groups ORDER BY ALL')).toEqual([
      { project: 'A', repo: 'a1', repo_group: 'core' },
      { project: 'A', repo: 'a2', repo_group: 'docs' },
      // Listed by collect for the owner entry, whose group: it takes.
      { project: 'C', repo: 'c-org/tool', repo_group: 'tools' },
    ]);
  });

  it('maps each unit asked to the projects it counts', async () => {
    expect(await db.all("SELECT unit, list(project ORDER BY project) AS p FROM scope_units(['G', 'H', 'all', 'C']) GROUP BY unit ORDER BY unit")).toEqual([
      { unit: 'C', p: ['C'] },
      { unit: 'G', p: ['A', 'B'] },
      { unit: 'H', p: ['B', 'C'] },
      { unit: 'all', p: ['A', 'B', 'C'] },
    ]);
    expect(await db.all('SELECT unit, list(project ORDER BY project) AS p FROM scope_units(NULL) GROUP BY unit ORDER BY unit')).toEqual([
      { unit: 'A', p: ['A'] },
      { unit: 'B', p: ['B'] },
      { unit: 'C', p: ['C'] },
    ]);
  });
});

describe('people indicators count a person once per group', () => {
  it('active_contributors: a person active in two projects of a group is one person', async () => {
    const rows = await run('active_contributors', { projects: ['A', 'B', 'C', 'G', 'H', 'all'], from: FROM });
    expect(series(rows)).toEqual({
      A: [1, 2, 0],
      B: [2, 2, 1],
      C: [1, 0, 0],
      G: [2, 3, 1], // Jan {ann, ben}: not A + B = 3; Feb {ann, ben, cat}: not 2 + 2
      H: [3, 2, 1],
      all: [3, 3, 1],
    });
    // Pull requests of A were read until Feb 29: the group's too (its most recently read project's).
    expect(series(rows, 'pr_authors')).toEqual({ A: [1, 0, null], B: [null, null, null], C: [null, null, null], G: [1, 0, null], H: [null, null, null], all: [1, 0, null] });
  });

  it('new_contributors: new to the group is a first contribution anywhere in it', async () => {
    expect(series(await run('new_contributors', { projects: ['A', 'B', 'C', 'G', 'H', 'all'], from: FROM }))).toEqual({
      A: [1, 2, 0], // ann; ben and cat
      B: [2, 1, 1], // ben and ann; cat; dan
      C: [1, 0, 0],
      G: [2, 1, 1], // ann, ben; cat (ben was in B since January); dan
      H: [3, 1, 0], // ben, ann, dan; cat (dan was in C since January)
      all: [3, 1, 0],
    });
    const list = await run('new_contributor_list', { projects: ['G'], from: FROM });
    expect(list.map((r) => [r.project, r.person, r.first_contribution])).toEqual([
      ['G', 'Ann', '2024-01-05'],
      ['G', 'Ben', '2024-01-20'],
      ['G', 'Cat', '2024-02-01'],
      ['G', 'Dan', '2024-03-05'],
    ]);
  });

  it('inactive_contributors: a person counts at their last contribution anywhere in the group', async () => {
    const rows = await run('inactive_contributors', { projects: ['A', 'B', 'G'] });
    expect(rows.filter((r) => r.value !== 0).map((r) => [r.project, r.period, r.value])).toEqual([
      ['A', '2023-06-01', 1],
      ['B', '2023-08-01', 1],
      ['G', '2023-08-01', 1], // eve, once, at her last contribution to B: not two people
    ]);
  });

  it('contributions_per_contributor and bus_factor count each person once in the group', async () => {
    const rows = await run('contributions_per_contributor', { projects: ['A', 'B', 'G'] });
    expect(rows.map((r) => [r.project, r.contributors, r.contributions])).toEqual([
      ['A', 4, 5], // eve, ann (a commit and a pull request), cat, ben
      ['B', 5, 6], // eve, ben, ann ×2, cat, dan
      ['G', 5, 11], // five people, not 4 + 5
    ]);
    // Commits in G: ann 3, then eve, ben and cat 2 each (cat's cc is in a repository of A and of B), dan 1.
    expect((await run('bus_factor', { projects: ['G'] })).map((r) => [r.project, r.value, r.people, r.contributions])).toEqual([['G', 3, 5, 10]]);
  });

  it('retention: retained in the group is active anywhere in it the next quarter', async () => {
    const rows = await run('retention', { projects: ['A', 'B', 'G'], as_of: new Date('2024-06-30T23:59:59Z'), from: FROM });
    expect(rows.map((r) => [r.project, r.period, r.active, r.retained])).toEqual([
      ['A', '2024-01-01', 3, 1],
      ['B', '2024-01-01', 4, 0], // ann went on in A, not in B
      ['G', '2024-01-01', 4, 1], // ann, ben, cat, dan; ann again in the second quarter
    ]);
  });

  it('project_health gives a group its people once and its commits once', async () => {
    const [g] = await run('project_health', { projects: ['G'] });
    expect(g).toMatchObject({ project: 'G', commits_3m: 7, contributors_3m: 4, new_contributors_3m: 4, last_commit: '2024-03-05' });
  });
});

describe('item indicators count each item once over the group', () => {
  it('commits: the same commit in repositories of two projects counts once in the group', async () => {
    expect(series(await run('commits', { projects: ['A', 'B', 'G'], from: FROM }))).toEqual({
      A: [1, 2, 0],
      B: [2, 2, 1],
      G: [3, 3, 1], // February: ben, cat's cc (in A and B), ann; not 2 + 2
    });
    expect(series(await run('lines_changed', { projects: ['G'], from: FROM }))).toEqual({ G: [45, 45, 15] });
  });

  it('prs_opened: a group is collected until its most recently read project', async () => {
    expect((await run('prs_opened', { projects: ['G', 'H'], from: FROM })).map((r) => [r.project, r.period, r.value])).toEqual([
      ['G', '2024-01-01', 1],
      ['G', '2024-02-01', 0],
      ['G', '2024-03-01', null],
    ]);
  });
});

describe('since joining', () => {
  it('runs from each project\'s joined day, one project after the other', async () => {
    const indicator = await readIndicator('new_contributors');
    const { rows } = await runSinceJoined(db, indicator, { as_of: AS_OF }, new Map([
      ['C', new Date('2023-12-15T00:00:00Z')],
      ['A', new Date('2024-02-01T00:00:00Z')],
    ]));
    expect(rows.map((r) => [r.project, r.period, r.value])).toEqual([
      ['A', '2024-02-01', 2],
      ['A', '2024-03-01', 0],
      ['C', '2023-12-01', 0],
      ['C', '2024-01-01', 1],
      ['C', '2024-02-01', 0],
      ['C', '2024-03-01', 0],
    ]);
  });

  it('gives the indicator\'s columns and no rows when no project has a joined day (a report must still find its columns)', async () => {
    const indicator = await readIndicator('contributors');
    const result = await runSinceJoined(db, indicator, { as_of: AS_OF }, new Map());
    expect(result.rows).toEqual([]);
    expect(result.columns).toEqual(expect.arrayContaining(['project', 'value', 'contributions']));
  });
});
