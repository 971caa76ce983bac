import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from '../../src/config/identity.js';
import { loadConfig } from '../../src/config/load.js';
import { openWithPeople } from '../../src/identity/session.js';
import { resolveIdentities, type Observation } from '../../src/identity/resolve.js';
import { silentLog } from '../../src/log.js';
import { Database } from '../../src/store/db.js';
import { useGitHubWorld, type Setup } from '../collect/github/harness.js';
import { GitHubFixture } from '../github/fixture.js';
import { queryDb } from '../helpers/db.js';
import { TestRepo } from '../helpers/git.js';

const { setup, dir } = useGitHubWorld();

const seen = (kind: 'email' | 'login', key: string, name: string | null): Observation => ({ kind, key, name, at: '2024-01-01T00:00:00Z', githubBot: false });

describe('GitHub accounts by numeric id (resolveIdentities)', () => {
  it("joins the logins an account id was seen with, and the noreply email of a login older still", () => {
    const { people } = resolveIdentities({
      observations: [seen('login', 'bob', 'bob'), seen('login', 'robert', 'robert'), seen('login', 'other', 'other'), seen('email', '5001+bobby@users.noreply.github.com', 'Bob')],
      commitLogins: [],
      accounts: [{ login: 'bob', userId: '5001' }, { login: 'robert', userId: '5001' }, { login: 'other', userId: '6000' }],
      mailmaps: [],
      gitdm: [],
      config: DEFAULT_IDENTITY,
    });
    expect(people.map((p) => [p.name, p.emails, p.logins])).toEqual([
      ['Bob', ['5001+bobby@users.noreply.github.com'], ['bob', 'bobby', 'robert']],
      ['other', [], ['other']],
    ]);
  });
});

/**
 * acme/widgets: bob (id 5001) opens a pull request; two deleted accounts open two more and
 * comment; ada opens an issue. The clone holds a commit of bob's written with his noreply email.
 */
async function accountsWorld(name: string): Promise<Setup> {
  const fixture = new GitHubFixture({ start: '2024-02-01T00:00:00Z', step: 600 });
  const bob = fixture.user('bob', { databaseId: 5001 });
  const ada = fixture.user('ada', { databaseId: 7 });
  const repo = fixture.addRepository('acme/widgets');
  const pr = fixture.addPullRequest(repo, { author: bob, title: 'By bob' });
  fixture.addComment(pr, { author: null });
  fixture.addComment(fixture.addPullRequest(repo, { author: null, title: 'By a deleted account' }), { author: null });
  fixture.addPullRequest(repo, { author: null, title: 'By another deleted account' });
  fixture.addIssue(repo, { author: ada });
  const clone = await TestRepo.create(path.join(dir(), `${name}-clone`));
  await clone.commit({ author: { name: 'Bob', email: '5001+bob@users.noreply.github.com' }, date: '2024-01-10T10:00:00Z' });
  const expected = { pullRequests: 0, issues: 0, reviews: 0, prComments: 0, reviewComments: 0, issueComments: 0, releases: 0, stargazers: 0, labelsOnBusiest: 0 };
  return setup(name, { world: { fixture, expected, busiest: pr }, repos: `      - github: acme/widgets\n        clone: ${clone.dir}\n` });
}

/** bob renames his account robert and opens an issue under the new login. */
function rename(s: Setup): void {
  const fx = s.world.fixture;
  fx.advance(3600);
  fx.addIssue('acme/widgets', { author: fx.renameUser('bob', 'robert'), title: 'By robert' });
}

const people = (s: Setup) => queryDb(s.db, "SELECT name, emails, logins FROM people WHERE NOT is_bot ORDER BY name");

describe('GitHub accounts by numeric id (collect)', () => {
  it('stores each author\'s id; a renamed account stays one person, with its old noreply email; deleted accounts stay out and apart', async () => {
    const s = await accountsWorld('renamed');
    await s.run();
    rename(s);
    const summary = await s.run();
    expect(summary.github[0]?.ok).toBe(true);
    expect(await queryDb(s.db, 'SELECT title, author_login, author_id FROM pull_requests ORDER BY number')).toEqual([
      { title: 'By bob', author_login: 'bob', author_id: 5001 },
      { title: 'By a deleted account', author_login: null, author_id: null },
      { title: 'By another deleted account', author_login: null, author_id: null },
    ]);
    expect(await queryDb(s.db, 'SELECT author_login, author_id FROM issues ORDER BY number')).toEqual([
      { author_login: 'ada', author_id: 7 },
      { author_login: 'robert', author_id: 5001 },
    ]);
    expect(await queryDb(s.db, 'SELECT DISTINCT author_login, author_id FROM comments')).toEqual([{ author_login: null, author_id: null }]);
    expect(await people(s)).toEqual([
      { name: 'Bob', emails: ['5001+bob@users.noreply.github.com'], logins: ['bob', 'robert'] },
      { name: 'ada', emails: [], logins: ['ada'] },
    ]);
    const db = await openWithPeople(await loadConfig(path.join(s.work, 'cdstats.yaml'), silentLog), silentLog);
    try {
      expect(await db.all('SELECT person, kind FROM contributions ORDER BY contributed_at')).toEqual([
        { person: 'Bob', kind: 'commit' },
        { person: 'Bob', kind: 'pr_opened' },
        { person: 'ada', kind: 'issue_opened' },
        { person: 'Bob', kind: 'issue_opened' },
      ]);
    } finally {
      db.close();
    }
  });

  it('rows stored before ids were kept join through the profiles read before the rename; collect --full gives every row its id', async () => {
    const s = await accountsWorld('backfill');
    await s.run();
    // A database of an earlier version: no ids on the stored rows (migration 6 adds the columns empty).
    const db = await Database.open(s.db, false);
    try {
      for (const table of ['pull_requests', 'issues', 'pr_reviews', 'comments']) await db.run(`UPDATE ${table} SET author_id = NULL`);
    } finally {
      db.close();
    }
    rename(s);
    await s.run();
    expect(await queryDb(s.db, "SELECT login, user_id FROM github_profiles WHERE login IN ('bob', 'robert') ORDER BY login")).toEqual([
      { login: 'bob', user_id: 5001 },
      { login: 'robert', user_id: 5001 },
    ]);
    expect((await people(s))[0]).toEqual({ name: 'Bob', emails: ['5001+bob@users.noreply.github.com'], logins: ['bob', 'robert'] });
    await s.run({ full: true });
    expect(await queryDb(s.db, 'SELECT title, author_login, author_id FROM pull_requests WHERE author_login IS NOT NULL')).toEqual([{ title: 'By bob', author_login: 'robert', author_id: 5001 }]);
    expect(await queryDb(s.db, "SELECT count(*) AS n FROM (SELECT author_login, author_id FROM pull_requests UNION ALL SELECT author_login, author_id FROM issues) WHERE author_login IS NOT NULL AND author_id IS NULL")).toEqual([{ n: 0 }]);
    expect((await people(s))[0]).toEqual({ name: 'Bob', emails: ['5001+bob@users.noreply.github.com'], logins: ['bob', 'robert'] });
  });
});
