import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import type { IdentityConfig } from '../../src/config/types.js';
import { loadIdentity } from '../../src/identity/load.js';
import { readIndicator, runIndicator, type ParamValue } from '../../src/indicators/load.js';
import { silentLog } from '../../src/log.js';
import type { Database } from '../../src/store/db.js';
import { memoryDatabase } from '../helpers/db.js';

/**
 * Affiliation coverage, counted by hand. Window: 2024 (as of its last second).
 *
 * p1: A 4 commits in March at Acme (Acme until 2024-07-01), 2 in September with no company
 * (the period ended), and 1 in 2023 (outside the window); I 3 commits, Independent; U 2, no
 * affiliation at all; N 1, gitdm's NotFound; G 2, Globex from 2024-01-01. Left out of both
 * counts: a bot (5 commits) and the unknown identity (runner@fv-az51, 3 commits).
 * People's contributions in 2024: 6 + 3 + 2 + 1 + 2 = 14; known: A's 4 + I's 3 + G's 2 = 9;
 * coverage 9 / 14 = 0.6429 ≥ 50% and n ≥ 10: representative. With a company: Acme 4, Globex 2.
 *
 * p2: V 12 commits with no company, W 2 at Initech: n 14, known 2, coverage 0.1429: not
 * representative. p3: Z 2 commits, no company: n 2, known 0.
 */
const AS_OF = new Date('2024-12-31T23:59:59Z');
let db: Database;
let n = 0;

async function commit(repo: number, email: string, at: string): Promise<void> {
  n++;
  await db.run(`INSERT INTO commits VALUES ($repo, $sha, 'x', $email, CAST($at AS TIMESTAMP), 0, 'x', 'x@x', CAST($at AS TIMESTAMP), 0, false, 1, 1, 1, true, 's', true)`, { repo, sha: `s${n}`, email, at });
}

async function commits(repo: number, email: string, count: number, month: string): Promise<void> {
  for (let i = 1; i <= count; i++) await commit(repo, email, `2024-${month}-${String(i).padStart(2, '0')} 10:00:00`);
}

const person = (email: string, ...affiliations: string[]) => ({ name: undefined, emails: [email], logins: [], affiliations: affiliations.map((text) => ({ text, origin: { file: 'c.yaml', line: 1 } })), origin: { file: 'c.yaml', line: 1 } });

beforeAll(async () => {
  db = await memoryDatabase();
  await db.run("INSERT INTO projects VALUES ('p1'), ('p2'), ('p3')");
  await db.run("INSERT INTO repos VALUES (1, 'p1', 'r1', 'git', '/r1', 'main'), (2, 'p2', 'r2', 'git', '/r2', 'main'), (3, 'p3', 'r3', 'git', '/r3', 'main')");
  await commits(1, 'a@x.org', 4, '03');
  await commits(1, 'a@x.org', 2, '09');
  await commit(1, 'a@x.org', '2023-06-01 10:00:00');
  await commits(1, 'i@x.org', 3, '05');
  await commits(1, 'u@x.org', 2, '06');
  await commits(1, 'n@x.org', 1, '07');
  await commits(1, 'g@x.org', 2, '10');
  await commits(1, 'renovate[bot]@users.noreply.github.com', 5, '04');
  await commits(1, 'runner@fv-az51', 3, '04');
  await commits(2, 'v@y.org', 12, '02');
  await commits(2, 'w@y.org', 2, '02');
  await commits(3, 'z@z.org', 2, '11');
  const identity: IdentityConfig = {
    ...DEFAULT_IDENTITY,
    people: [
      person('a@x.org', 'Acme until 2024-07-01'),
      person('i@x.org', 'Independent'),
      person('n@x.org', 'NotFound'),
      person('g@x.org', 'Globex from 2024-01-01'),
      person('w@y.org', 'Initech'),
    ],
  };
  await loadIdentity(db, identity, silentLog);
});
afterAll(() => db.close());

const run = async (id: string, values: Record<string, ParamValue> = {}) => runIndicator(db, await readIndicator(id), { as_of: AS_OF, ...values });

describe('contributions.affiliation', () => {
  it('is company, independent (company NULL) or unknown, at the date of each contribution', async () => {
    const rows = await db.all(`
      SELECT person_id, affiliation, company, count(*) AS n FROM contributions
      WHERE project = 'p1' AND contributed_at >= TIMESTAMP '2024-01-01' AND is_person
      GROUP BY ALL ORDER BY ALL`);
    expect(rows).toEqual([
      { person_id: 'email:a@x.org', affiliation: 'company', company: 'Acme', n: 4 },
      { person_id: 'email:a@x.org', affiliation: 'unknown', company: null, n: 2 },
      { person_id: 'email:g@x.org', affiliation: 'company', company: 'Globex', n: 2 },
      { person_id: 'email:i@x.org', affiliation: 'independent', company: null, n: 3 },
      { person_id: 'email:n@x.org', affiliation: 'unknown', company: null, n: 1 },
      { person_id: 'email:u@x.org', affiliation: 'unknown', company: null, n: 2 },
    ]);
  });

  it('stores Independent as the company "Independent" in the affiliations table; NotFound alone stores nothing (the next source is asked)', async () => {
    expect(await db.all("SELECT person_id, company, source FROM affiliations WHERE person_id IN ('email:i@x.org', 'email:n@x.org') ORDER BY person_id")).toEqual([
      { person_id: 'email:i@x.org', company: 'Independent', source: 'config' },
    ]);
  });
});

describe('affiliation coverage of the company indicators', () => {
  it('the vocabulary counts people only: bots and the unknown identity are in neither count', async () => {
    const rows = await db.all("SELECT * FROM affiliation_coverage(NULL, NULL, TIMESTAMP '2024-12-31 23:59:59', after_ts := TIMESTAMP '2023-12-31 23:59:59') ORDER BY project");
    expect(rows).toEqual([
      { project: 'p1', n: 14, known: 9, coverage: 0.6429, representative: true },
      { project: 'p2', n: 14, known: 2, coverage: 0.1429, representative: false },
      { project: 'p3', n: 2, known: 0, coverage: 0, representative: false },
    ]);
  });

  it('elephant_factor: the factor over companies, with coverage, known and n; NULL, not representative, under 50%', async () => {
    expect(await run('elephant_factor')).toEqual([
      { project: 'p1', value: 1, top_company: 'Acme', top_company_share: 0.6667, contributions_with_company: 6, affiliation_coverage: 0.6429, affiliation_known: 9, affiliation_n: 14 },
      { project: 'p2', value: null, top_company: null, top_company_share: null, contributions_with_company: 2, affiliation_coverage: 0.1429, affiliation_known: 2, affiliation_n: 14 },
      { project: 'p3', value: null, top_company: null, top_company_share: null, contributions_with_company: 0, affiliation_coverage: 0, affiliation_known: 0, affiliation_n: 2 },
    ]);
  });

  it('elephant_factor of one kind counts the coverage of that kind only', async () => {
    expect(await run('elephant_factor', { kind: 'pr_review' })).toEqual([]);
  });

  it('top_companies: each row with its project\'s coverage; the rows of a project under 50% stay, and one with no company carries its coverage', async () => {
    expect(await run('top_companies')).toEqual([
      { project: 'p1', company: 'Acme', contributions: 4, contributors: 1, share: 0.6667, affiliation_coverage: 0.6429, affiliation_known: 9, affiliation_n: 14 },
      { project: 'p1', company: 'Globex', contributions: 2, contributors: 1, share: 0.3333, affiliation_coverage: 0.6429, affiliation_known: 9, affiliation_n: 14 },
      { project: 'p2', company: 'Initech', contributions: 2, contributors: 1, share: 1, affiliation_coverage: 0.1429, affiliation_known: 2, affiliation_n: 14 },
      { project: 'p3', company: null, contributions: 0, contributors: 0, share: null, affiliation_coverage: 0, affiliation_known: 0, affiliation_n: 2 },
    ]);
  });

  it('companies: per period, Independent is no company; NULL under 50% coverage or 10 contributions, coverage always given', async () => {
    expect(await run('companies', { period: 'year', from: new Date('2024-01-01T00:00:00Z') })).toEqual([
      { project: 'p1', period: '2024-01-01', value: 2, affiliation_coverage: 0.6429, affiliation_known: 9, affiliation_n: 14 },
      { project: 'p2', period: '2024-01-01', value: null, affiliation_coverage: 0.1429, affiliation_known: 2, affiliation_n: 14 },
      { project: 'p3', period: '2024-01-01', value: null, affiliation_coverage: 0, affiliation_known: 0, affiliation_n: 2 },
    ]);
    // p1's first quarter: A's 4 commits at Acme, all known, but 4 is under the minimum sample.
    const quarters = await run('companies', { period: 'quarter', from: new Date('2024-01-01T00:00:00Z'), projects: ['p1'] });
    expect(quarters.map((r) => [r.period, r.value, r.affiliation_coverage, r.affiliation_known, r.affiliation_n])).toEqual([
      ['2024-01-01', null, 1, 4, 4],
      ['2024-04-01', null, 0.6, 3, 5],
      ['2024-07-01', null, 0, 0, 3],
      ['2024-10-01', null, 1, 2, 2],
    ]);
  });

  it('project_health: elephant factor and top company share beside the coverage of the 12 months, NULL under 50%', async () => {
    const rows = await run('project_health');
    expect(rows.map((r) => [r.project, r.elephant_factor, r.top_company_share, r.affiliation_coverage_12m, r.affiliation_n_12m])).toEqual([
      ['p1', 1, 0.6667, 0.6429, 14],
      ['p2', null, null, 0.1429, 14],
      ['p3', null, null, 0, 2],
    ]);
  });
});
