import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { collect } from '../../src/collect/run.js';
import { openWithPeople } from '../../src/identity/session.js';
import { silentLog } from '../../src/log.js';
import { GitHubFixture } from '../github/fixture.js';
import { startGitHubServer, type GitHubServer } from '../github/server.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

const TOKEN = 'identity-test-token';
let dir: string;
let cleanup: () => Promise<void>;
let server: GitHubServer;
let work: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const repo = await TestRepo.create(path.join(dir, 'clone'));
  const sha = await repo.commit({ author: { name: 'Ada Lovelace', email: 'ada@work.example' }, date: '2024-01-10T10:00:00Z' });
  const fixture = new GitHubFixture({ start: '2024-02-01T00:00:00Z' });
  const ada = fixture.user('ada-l', { databaseId: 7 });
  const widgets = fixture.addRepository('acme/widgets');
  fixture.addCommit(widgets, { oid: sha, email: 'ada@work.example', name: 'Ada Lovelace', user: ada });
  const pr = fixture.addPullRequest(widgets, { author: ada, title: 'Improve' });
  fixture.addReview(pr, { author: fixture.bot('renovate'), state: 'COMMENTED' });
  fixture.addComment(pr, { author: null });
  server = await startGitHubServer({ fixture, token: TOKEN });
  work = path.join(dir, 'work');
  await writeConfig(work, `github:\n  tokenEnv: CDSTATS_IDENTITY_TOKEN\n  graphqlUrl: ${server.url}\nprojects:\n  - name: Acme\n    repos:\n      - github: acme/widgets\n        clone: ${repo.dir}\n`);
  process.env.CDSTATS_IDENTITY_TOKEN = TOKEN;
  const summary = await collect(await loadConfig(path.join(work, 'cdstats.yaml'), silentLog), { projects: [], wait: 0, log: silentLog });
  expect(summary.reposFailed).toBe(0);
});
afterAll(async () => {
  Reflect.deleteProperty(process.env, 'CDSTATS_IDENTITY_TOKEN');
  await server.close();
  await cleanup();
});

describe('identities from GitHub', () => {
  it("joins a commit email to the account GitHub links it to, credits the account's pull requests, marks Bot accounts, leaves ghosts out", async () => {
    const db = await openWithPeople(await loadConfig(path.join(work, 'cdstats.yaml'), silentLog), silentLog);
    try {
      expect(await db.all('SELECT name, is_bot, emails, logins FROM people ORDER BY name')).toEqual([
        { name: 'Ada Lovelace', is_bot: false, emails: ['ada@work.example'], logins: ['ada-l'] },
        { name: 'renovate', is_bot: true, emails: [], logins: ['renovate'] },
      ]);
      expect(await db.all('SELECT person, kind, is_bot FROM contributions ORDER BY contributed_at')).toEqual([
        { person: 'Ada Lovelace', kind: 'commit', is_bot: false },
        { person: 'Ada Lovelace', kind: 'pr_opened', is_bot: false },
        { person: 'renovate', kind: 'pr_review', is_bot: true },
      ]);
      expect(await db.all("SELECT count(*) AS n FROM comments WHERE author_login IS NULL")).toEqual([{ n: 1 }]);
    } finally {
      db.close();
    }
  });
});
