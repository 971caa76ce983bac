import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import type { IdentityConfig } from '../../src/config/types.js';
import { loadIdentity } from '../../src/identity/load.js';
import { readIndicator, runIndicator, type ParamValue } from '../../src/indicators/load.js';
import { silentLog } from '../../src/log.js';
import type { Database } from '../../src/store/db.js';
import { memoryDatabase } from '../helpers/db.js';

/**
 * as_of is the end of 2024, so the default 365-day window starts after 2024-01-01 23:59:59.
 *
 * p1 (repos r1 on GitHub, r2 plain git):
 * - Ada (ada@x.org and login `ada`; Acme until 2024-06-01, then Globex): a commit on 2023-11-15
 *   (before the window), commits on Mar 1 and 2, co-author of Bob's Apr 1 commit, a pull
 *   request (May 1), a review (Jul 1), a pull request comment (Aug 1), an issue (Aug 20) and
 *   a comment on it (Sep 1): 8 in the window.
 * - Bob (zz-bob@x.org, no company): commits on Apr 1 and Jun 1, a pull request on Jun 10, and
 *   a commit after as_of (2025-01-05): 3.
 * - Cy (cy@x.org, Initech until 2024-06-01, nothing after): commits on Feb 1 (r2), Feb 2, Feb 3:
 *   3, a tie with Bob; Cy's person id sorts before Bob's, his name after.
 * - dee (login only): a review on Nov 1: 1.
 * - renovate[bot]: 5 commits, more than anyone, never counted.
 * p2 (repo r3): Eve (eve@acme.example, Acme by her email domain) commits on 2023-06-01 and on
 * May 1 and 2; Ada opens an issue on Dec 1; dependabot opens one on Dec 2.
 */
const AS_OF = new Date('2024-12-31T23:59:59Z');
let db: Database;
let n = 0;

async function commit(repo: number, name: string, email: string, at: string): Promise<string> {
  const sha = `s${++n}`;
  await db.run(`INSERT INTO commits VALUES ($repo, $sha, $name, $email, CAST($at AS TIMESTAMP), 0, 'x', 'x@x', CAST($at AS TIMESTAMP), 0, false, 1, 1, 0, true, 's', true)`, { repo, sha, name, email, at });
  return sha;
}

async function pr(repo: number, number: number, login: string, at: string): Promise<void> {
  await db.run(`INSERT INTO pull_requests VALUES ($repo, $number, $id, 't', $login, false, CAST($at AS TIMESTAMP), CAST($at AS TIMESTAMP), NULL, NULL, NULL, 'OPEN', false, 1, 1, 1, 'main', [], now()::TIMESTAMP, NULL)`, {
    repo,
    number,
    id: `PR${number}`,
    login,
    at,
  });
}

async function issue(repo: number, number: number, login: string, bot: boolean, at: string): Promise<void> {
  await db.run(`INSERT INTO issues VALUES ($repo, $number, $id, 't', $login, $bot, CAST($at AS TIMESTAMP), CAST($at AS TIMESTAMP), NULL, 'OPEN', NULL, [], now()::TIMESTAMP, NULL)`, {
    repo,
    number,
    id: `I${number}`,
    login,
    bot,
    at,
  });
}

async function review(repo: number, number: number, login: string, at: string): Promise<void> {
  await db.run(`INSERT INTO pr_reviews VALUES ($repo, $number, $pr, $id, $login, false, 'APPROVED', CAST($at AS TIMESTAMP), NULL)`, { repo, number, pr: `PR${number}`, id: `R${++n}`, login, at });
}

async function comment(repo: number, parentKind: 'issue' | 'pull_request', number: number, login: string, at: string): Promise<void> {
  const parent = parentKind === 'issue' ? `I${number}` : `PR${number}`;
  const kind = parentKind === 'issue' ? 'issue_comment' : 'pr_comment';
  await db.run(`INSERT INTO comments VALUES ($repo, $id, $parent, $parentKind, $number, $kind, $login, false, CAST($at AS TIMESTAMP), NULL)`, { repo, id: `C${++n}`, parent, parentKind, number, kind, login, at });
}

const person = (emails: string[], logins: string[], ...affiliations: string[]) => ({
  name: undefined,
  emails,
  logins,
  affiliations: affiliations.map((text) => ({ text, origin: { file: 'c.yaml', line: 1 } })),
  origin: { file: 'c.yaml', line: 1 },
});

beforeAll(async () => {
  db = await memoryDatabase();
  await db.run("INSERT INTO repos VALUES (1, 'p1', 'r1', 'github', '/r1', 'main'), (2, 'p1', 'r2', 'git', '/r2', 'main'), (3, 'p2', 'r3', 'github', '/r3', 'main')");
  // p1: Ada
  await commit(1, 'Ada', 'ada@x.org', '2023-11-15 10:00:00');
  await commit(1, 'Ada', 'ada@x.org', '2024-03-01 10:00:00');
  await commit(1, 'Ada', 'ada@x.org', '2024-03-02 10:00:00');
  const bobWithAda = await commit(1, 'Bob', 'zz-bob@x.org', '2024-04-01 10:00:00');
  await db.run("INSERT INTO commit_trailers VALUES (1, $sha, 'co-authored-by', 'Ada <ada@x.org>', 'Ada', 'ada@x.org')", { sha: bobWithAda });
  await pr(1, 10, 'ada', '2024-05-01 10:00:00');
  await review(1, 10, 'ada', '2024-07-01 10:00:00');
  await comment(1, 'pull_request', 10, 'ada', '2024-08-01 10:00:00');
  await issue(1, 20, 'ada', false, '2024-08-20 10:00:00');
  await comment(1, 'issue', 20, 'ada', '2024-09-01 10:00:00');
  // p1: Bob (the Apr 1 commit above), Cy, dee and a bot
  await commit(1, 'Bob', 'zz-bob@x.org', '2024-06-01 10:00:00');
  await pr(1, 11, 'zz-bob', '2024-06-10 10:00:00');
  await commit(1, 'Bob', 'zz-bob@x.org', '2025-01-05 10:00:00');
  await commit(2, 'Cy', 'cy@x.org', '2024-02-01 10:00:00');
  await commit(1, 'Cy', 'cy@x.org', '2024-02-02 10:00:00');
  await commit(1, 'Cy', 'cy@x.org', '2024-02-03 10:00:00');
  await review(1, 11, 'dee', '2024-11-01 10:00:00');
  for (let day = 1; day <= 5; day++) await commit(1, 'renovate[bot]', '29139614+renovate[bot]@users.noreply.github.com', `2024-07-0${day} 10:00:00`);
  // p2
  await commit(3, 'Eve', 'eve@acme.example', '2023-06-01 10:00:00');
  await commit(3, 'Eve', 'eve@acme.example', '2024-05-01 10:00:00');
  await commit(3, 'Eve', 'eve@acme.example', '2024-05-02 10:00:00');
  await issue(3, 30, 'ada', false, '2024-12-01 10:00:00');
  await issue(3, 31, 'dependabot', true, '2024-12-02 10:00:00');
  const identity: IdentityConfig = {
    ...DEFAULT_IDENTITY,
    domains: new Map([['acme.example', 'Acme']]),
    people: [
      person(['ada@x.org'], ['ada'], 'Acme until 2024-06-01', 'Globex'),
      person(['zz-bob@x.org'], ['zz-bob']),
      person(['cy@x.org'], [], 'Initech until 2024-06-01'),
    ],
  };
  await loadIdentity(db, identity, silentLog);
});
afterAll(() => db.close());

const run = async (values: Record<string, ParamValue> = {}) => runIndicator(db, await readIndicator('top_contributors'), { as_of: AS_OF, ...values });

// Written out by hand from the fixture above. p1: 8 + 3 + 3 + 1 = 15 contributions by people
// in the window (the bot's 5, Ada's 2023 commit and Bob's 2025 one left out); p2: 2 + 1 = 3.
const ADA_P1 = {
  project: 'p1', person: 'Ada', person_id: 'email:ada@x.org', company: 'Globex',
  contributions: 8, commits: 3, prs: 1, reviews: 1, comments: 2, issues: 1,
  first: '2023-11-15', last: '2024-09-01', share: 0.5333,
};
const BOB_P1 = {
  project: 'p1', person: 'Bob', person_id: 'email:zz-bob@x.org', company: null,
  contributions: 3, commits: 2, prs: 1, reviews: 0, comments: 0, issues: 0,
  first: '2024-04-01', last: '2024-06-10', share: 0.2,
};
const CY_P1 = {
  project: 'p1', person: 'Cy', person_id: 'email:cy@x.org', company: null,
  contributions: 3, commits: 3, prs: 0, reviews: 0, comments: 0, issues: 0,
  first: '2024-02-01', last: '2024-02-03', share: 0.2,
};
const DEE_P1 = {
  project: 'p1', person: 'dee', person_id: 'login:dee', company: null,
  contributions: 1, commits: 0, prs: 0, reviews: 1, comments: 0, issues: 0,
  first: '2024-11-01', last: '2024-11-01', share: 0.0667,
};
const EVE_P2 = {
  project: 'p2', person: 'Eve', person_id: 'email:eve@acme.example', company: 'Acme',
  contributions: 2, commits: 2, prs: 0, reviews: 0, comments: 0, issues: 0,
  first: '2023-06-01', last: '2024-05-02', share: 0.6667,
};
const ADA_P2 = {
  project: 'p2', person: 'Ada', person_id: 'email:ada@x.org', company: 'Globex',
  contributions: 1, commits: 0, prs: 0, reviews: 0, comments: 0, issues: 1,
  first: '2024-12-01', last: '2024-12-01', share: 0.3333,
};

describe('top_contributors', () => {
  it('has the documented columns, in order', async () => {
    const rows = await run();
    expect(Object.keys(rows[0] ?? {})).toEqual(['project', 'person', 'person_id', 'company', 'contributions', 'commits', 'prs', 'reviews', 'comments', 'issues', 'first', 'last', 'share']);
  });

  it('ranks people per project over the window: bots and contributions outside it left out, kinds in their columns, company at as_of, share of the project', async () => {
    expect(await run()).toEqual([ADA_P1, BOB_P1, CY_P1, DEE_P1, EVE_P2, ADA_P2]);
  });

  it('top cuts each project; a tie is broken by name (Bob before Cy, though Cy\'s id sorts first); shares stay of all contributions', async () => {
    expect(await run({ top: 2 })).toEqual([ADA_P1, BOB_P1, EVE_P2, ADA_P2]);
    expect(await run({ top: 1 })).toEqual([ADA_P1, EVE_P2]);
  });

  it('a longer window reaches back to older contributions; first is the first ever either way', async () => {
    // 500 days before as_of is 2023-08-19: Ada's 2023-11-15 commit comes in, Eve's 2023-06-01 one does not.
    expect(await run({ window: 500, projects: ['p1'], top: 1 })).toEqual([{ ...ADA_P1, contributions: 9, commits: 4, share: 0.5625 }]);
  });

  it('projects and repos filter like the other indicators', async () => {
    expect(await run({ projects: ['p2'] })).toEqual([EVE_P2, ADA_P2]);
    expect(await run({ repos: ['r2'] })).toEqual([{ ...CY_P1, contributions: 1, commits: 1, first: '2024-02-01', last: '2024-02-01', share: 1 }]);
  });
});
