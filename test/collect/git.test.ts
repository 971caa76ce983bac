import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dumpHistory, queryDb } from '../helpers/db.js';
import { ADA, buildFixtureRepo, gitNumstatTotals, revCount } from '../helpers/fixture.js';
import { TestRepo, git, tempDir, writeConfig } from '../helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

function configFor(repos: string[], name = 'Demo'): string {
  return `title: Test\nprojects:\n  - name: ${name}\n    repos:\n${repos.map((r) => `      - git: ${r}\n`).join('')}`;
}

describe('collect from a local repository', () => {
  let work: string;
  let repo: TestRepo;
  let db: string;

  beforeAll(async () => {
    work = path.join(dir, 'local');
    repo = await buildFixtureRepo(path.join(work, 'demo'));
    await writeConfig(work, configFor(['./demo']));
    db = path.join(work, 'data', 'cdstats.duckdb');
  });

  it('stores every commit of the branch with the counts git reports', async () => {
    const result = await runCli(['collect'], { cwd: work });
    expect(result.stderr).toContain('demo: 7 new commits (main)');
    expect(result.code).toBe(0);
    const [row] = await queryDb(
      db,
      `SELECT count(*) AS commits, count(*) FILTER (WHERE is_merge) AS merges,
              sum(lines_added) FILTER (WHERE NOT is_merge) AS added, sum(lines_deleted) FILTER (WHERE NOT is_merge) AS deleted,
              bool_and(lines_known) AS known
       FROM commits`,
    );
    const totals = await gitNumstatTotals(repo.dir);
    expect(row).toEqual({
      commits: await revCount(repo.dir),
      merges: await revCount(repo.dir, ['--merges', 'main']),
      added: totals.added,
      deleted: totals.deleted,
      known: true,
    });
  });

  it('keeps authors, time zones, renames, binaries, trailers and non-UTF-8 bytes', async () => {
    const rows = await queryDb(db, 'SELECT * FROM commits ORDER BY authored_at');
    const bySubject = new Map(rows.map((r) => [r.subject, r]));
    expect(bySubject.get('Initial commit')).toMatchObject({
      author_name: 'Ada Lovelace',
      author_email: 'ada@example.org',
      authored_at: '2023-01-10 07:00:00',
      author_tz_offset: 120,
      files_changed: 2,
      lines_added: 3,
      lines_deleted: 0,
    });
    expect(bySubject.get('Add main')).toMatchObject({ authored_at: '2023-01-20 23:30:00', author_tz_offset: -300 });
    expect(bySubject.get('Rename main to index')).toMatchObject({ files_changed: 1, lines_added: 1, lines_deleted: 1, author_tz_offset: 330 });
    expect(bySubject.get('Write guide <script>alert(1)</script>')).toMatchObject({ author_email: 'Grace@Example.org' });
    expect(bySubject.get('Merge feature')).toMatchObject({ is_merge: true, files_changed: null, lines_added: null, lines_known: true });
    expect(bySubject.get('Café fix')).toMatchObject({ author_name: 'José Núñez', author_email: 'jose@example.org' });
    const trailers = await queryDb(db, 'SELECT key, name, email FROM commit_trailers ORDER BY key');
    expect(trailers).toEqual([
      { key: 'co-authored-by', name: 'Grace Hopper', email: 'Grace@Example.org' },
      { key: 'signed-off-by', name: 'Ada Lovelace', email: 'ada@example.org' },
    ]);
    const [state] = await queryDb(db, "SELECT s.cursor, r.default_branch FROM sync_state s JOIN repos r USING (repo_id) WHERE source = 'git'");
    expect(state).toEqual({ cursor: await repo.head(), default_branch: 'main' });
  });

  it('adds only new commits on the next run and says when nothing changed', async () => {
    const again = await runCli(['collect'], { cwd: work });
    expect(again.stderr).toContain('demo: up to date (main)');
    await repo.commit({ message: 'More', author: ADA, date: '2023-03-01T00:00:00Z' });
    await repo.commit({ message: 'Even more', author: ADA, date: '2023-03-02T00:00:00Z' });
    const next = await runCli(['collect'], { cwd: work });
    expect(next.stderr).toContain('demo: 2 new commits (main)');
    const [row] = await queryDb(db, 'SELECT count(*) AS n, count(DISTINCT sha) AS d FROM commits');
    expect(row).toEqual({ n: await revCount(repo.dir), d: await revCount(repo.dir) });
    const runs = await queryDb(db, 'SELECT status, commits_added FROM runs ORDER BY run_id');
    expect(runs).toEqual([
      { status: 'ok', commits_added: 7 },
      { status: 'ok', commits_added: 0 },
      { status: 'ok', commits_added: 2 },
    ]);
  });

  it('after a history rewrite, ends in the state a fresh collect produces', async () => {
    await repo.git(['reset', '-q', '--hard', 'HEAD~3']);
    await repo.commit({ message: 'Rewritten', author: ADA, date: '2023-04-01T00:00:00Z' });
    const rewritten = await runCli(['collect'], { cwd: work });
    expect(rewritten.stderr).toContain('demo: 1 new commit, 3 removed (history rewritten) (main)');
    const fresh = path.join(dir, 'fresh');
    await writeConfig(fresh, configFor([repo.dir]));
    expect((await runCli(['collect'], { cwd: fresh })).code).toBe(0);
    const a = await dumpHistory(db);
    const b = await dumpHistory(path.join(fresh, 'data', 'cdstats.duckdb'));
    expect(a.commits).toHaveLength(await revCount(repo.dir));
    expect(a).toEqual(b);
  });
});

describe('collect from remote repositories', () => {
  it('mirrors a remote, fetches new commits, follows a force-push', async () => {
    const work = path.join(dir, 'remote');
    const upstream = await TestRepo.create(path.join(work, 'upstream.git'), { bare: true });
    const clone = await TestRepo.create(path.join(work, 'clone'));
    await clone.commit({ message: 'one', date: '2024-01-01T00:00:00Z' });
    await clone.commit({ message: 'two', date: '2024-01-02T00:00:00Z' });
    await clone.git(['push', '-q', upstream.dir, 'main']);
    await writeConfig(work, configFor([`file://${upstream.dir}`]));
    const first = await runCli(['collect'], { cwd: work });
    expect(first.stderr).toContain('upstream: 2 new commits (main)');
    expect(await readdir(path.join(work, 'data', 'mirrors'))).toEqual([expect.stringMatching(/^upstream-[0-9a-f]{12}\.git$/)]);

    await clone.commit({ message: 'three', date: '2024-01-03T00:00:00Z' });
    await clone.git(['push', '-q', upstream.dir, 'main']);
    expect((await runCli(['collect'], { cwd: work })).stderr).toContain('upstream: 1 new commit (main)');

    await clone.git(['reset', '-q', '--hard', 'HEAD~2']);
    await clone.commit({ message: 'replacement', date: '2024-01-04T00:00:00Z' });
    await clone.git(['push', '-q', '--force', upstream.dir, 'main']);
    expect((await runCli(['collect'], { cwd: work })).stderr).toContain('upstream: 1 new commit, 2 removed (history rewritten) (main)');
    const subjects = await queryDb(path.join(work, 'data', 'cdstats.duckdb'), 'SELECT subject FROM commits ORDER BY authored_at');
    expect(subjects.map((r) => r.subject)).toEqual(['one', 'replacement']);
  });

  it('keeps a mirror per URL: sub/repo and sub_repo never share one (issue 12)', async () => {
    const work = path.join(dir, 'slug');
    const nested = await TestRepo.create(path.join(work, 'g', 'sub', 'repo'));
    await nested.commit({ message: 'nested one' });
    const flat = await TestRepo.create(path.join(work, 'g', 'sub_repo'));
    await flat.commit({ message: 'flat one' });
    await flat.commit({ message: 'flat two' });
    // The names an https URL gives (host/g/sub/repo, host/g/sub_repo), whose cleaned-up forms are equal.
    const entry = (repo: TestRepo, name: string): string => `      - git: file://${repo.dir}\n        name: ${name}\n`;
    await writeConfig(work, `title: Test\nprojects:\n  - name: Demo\n    repos:\n${entry(nested, 'host/g/sub/repo')}${entry(flat, 'host/g/sub_repo')}`);
    const result = await runCli(['collect'], { cwd: work });
    expect(result.stderr).toContain('host/g/sub/repo: 1 new commit (main)');
    expect(result.stderr).toContain('host/g/sub_repo: 2 new commits (main)');
    expect(result.code).toBe(0);
    expect(await readdir(path.join(work, 'data', 'mirrors'))).toHaveLength(2);
  });

  it('a changed URL under the same name is collected as a history rewrite of the new origin (issue 12)', async () => {
    const work = path.join(dir, 'moved');
    const old = await TestRepo.create(path.join(work, 'old'));
    await old.commit({ message: 'old one', date: '2024-01-01T00:00:00Z' });
    await old.commit({ message: 'old two', date: '2024-01-02T00:00:00Z' });
    const moved = await TestRepo.create(path.join(work, 'new'));
    await moved.commit({ message: 'new one', date: '2024-02-01T00:00:00Z' });
    const config = (repo: TestRepo): string => `title: Test\nprojects:\n  - name: Demo\n    repos:\n      - git: file://${repo.dir}\n        name: app\n`;
    await writeConfig(work, config(old));
    expect((await runCli(['collect'], { cwd: work })).stderr).toContain('app: 2 new commits (main)');
    await writeConfig(work, config(moved));
    const second = await runCli(['collect'], { cwd: work });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`app: origin changed from file://${old.dir} to file://${moved.dir} (collected as a history rewrite), 1 new commit, 2 removed (history rewritten) (main)`);
    const fresh = path.join(work, 'fresh');
    await writeConfig(fresh, config(moved));
    expect((await runCli(['collect'], { cwd: fresh })).code).toBe(0);
    expect(await dumpHistory(path.join(work, 'data', 'cdstats.duckdb'))).toEqual(await dumpHistory(path.join(fresh, 'data', 'cdstats.duckdb')));
    // A mirror whose origin was changed by hand is cloned again from the configured URL.
    const mirrors = path.join(fresh, 'data', 'mirrors');
    const [mirror = ''] = await readdir(mirrors);
    await git(path.join(mirrors, mirror), ['config', 'remote.origin.url', `file://${old.dir}`]);
    expect((await runCli(['collect'], { cwd: fresh })).stderr).toContain('app: up to date (main)');
    expect((await git(path.join(mirrors, mirror), ['config', 'remote.origin.url'])).trim()).toBe(`file://${moved.dir}`);
  });

  it('follows the remote default branch when upstream renames it (issue 12)', async () => {
    const work = path.join(dir, 'renamed');
    const upstream = await TestRepo.create(path.join(work, 'upstream.git'), { bare: true });
    const clone = await TestRepo.create(path.join(work, 'clone'));
    await clone.commit({ message: 'one', date: '2024-01-01T00:00:00Z' });
    await clone.git(['push', '-q', upstream.dir, 'main']);
    await writeConfig(work, configFor([`file://${upstream.dir}`]));
    expect((await runCli(['collect'], { cwd: work })).stderr).toContain('upstream: 1 new commit (main)');
    await upstream.git(['branch', '-m', 'main', 'trunk']);
    const second = await runCli(['collect'], { cwd: work });
    expect(second.stderr).toContain('upstream: default branch changed from main to trunk, up to date (trunk)');
    expect(second.code).toBe(0);
    await clone.commit({ message: 'two', date: '2024-01-02T00:00:00Z' });
    await clone.git(['push', '-q', upstream.dir, 'main:trunk']);
    expect((await runCli(['collect'], { cwd: work })).stderr).toContain('upstream: 1 new commit (trunk)');
    const [state] = await queryDb(path.join(work, 'data', 'cdstats.duckdb'), "SELECT r.default_branch FROM sync_state s JOIN repos r USING (repo_id) WHERE source = 'git'");
    expect(state).toEqual({ default_branch: 'trunk' });
  });

  it('reports each broken repository by name, stores the others, exits 1', async () => {
    const work = path.join(dir, 'broken');
    const good = await TestRepo.create(path.join(work, 'good'));
    await good.commit({ message: 'fine' });
    await TestRepo.create(path.join(work, 'empty'));
    await git(work, ['init', '-q', path.join(work, 'notes-parent')]);
    const plain = path.join(work, 'notes-parent', 'plain');
    await (await import('node:fs/promises')).mkdir(plain, { recursive: true });
    await writeConfig(work, configFor(['./good', './empty', `file://${work}/missing.git`, './nowhere', './notes-parent/plain']));
    const result = await runCli(['collect'], { cwd: work });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('good: 1 new commit (main)');
    expect(result.stderr).toContain('empty: 0 new commits, the repository is empty (main)');
    expect(result.stderr).toMatch(/missing: failed: cannot clone file:\/\/.*missing\.git/);
    expect(result.stderr).toMatch(/nowhere: failed: .*nowhere does not exist/);
    expect(result.stderr).toMatch(/plain: failed: .*plain is not a git repository \(it is a folder inside .*notes-parent\)/);
    expect(result.stderr).toContain('collected 5 repositories, 1 new commit, 3 repositories failed');
    const db = path.join(work, 'data', 'cdstats.duckdb');
    expect(await queryDb(db, 'SELECT count(*) AS n FROM commits')).toEqual([{ n: 1 }]);
    const errors = await queryDb(db, "SELECT r.name FROM sync_state s JOIN repos r USING (repo_id) WHERE last_error IS NOT NULL ORDER BY 1");
    expect(errors.map((r) => r.name)).toEqual(['missing', 'nowhere', 'plain']);
    const [run] = await queryDb(db, 'SELECT status, repos, repos_failed FROM runs');
    expect(run).toEqual({ status: 'failed', repos: 5, repos_failed: 3 });
  });

  it('never stores or prints credentials from a URL', async () => {
    const work = path.join(dir, 'secret');
    await writeConfig(work, configFor(['https://user:s3cr3t-token@127.0.0.1:9/none.git']));
    const result = await runCli(['collect'], { cwd: work });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('s3cr3t-token');
    const rows = await queryDb(path.join(work, 'data', 'cdstats.duckdb'), "SELECT url || coalesce(last_error, '') AS t FROM repos, sync_state UNION ALL SELECT errors FROM runs");
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(String(row.t)).not.toContain('s3cr3t-token');
  });

  it('redacts a password holding @ everywhere: output, every database row, every report file (issue 12)', async () => {
    const work = path.join(dir, 'secret-at');
    const good = await TestRepo.create(path.join(work, 'good'));
    await good.commit({ message: 'fine' });
    await writeConfig(work, configFor(['./good', 'https://user:p@ss-s3cr3t@127.0.0.1:9/none.git']));
    const collected = await runCli(['collect'], { cwd: work });
    expect(collected.code).toBe(1);
    const reported = await runCli(['report', '--out', 'site'], { cwd: work });
    expect(reported.code).toBe(0);
    const db = path.join(work, 'data', 'cdstats.duckdb');
    const tables = await queryDb(db, "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'");
    const texts = [collected.stdout, collected.stderr, reported.stdout, reported.stderr];
    for (const { table_name } of tables) texts.push(JSON.stringify(await queryDb(db, `SELECT * FROM "${String(table_name)}"`), (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
    for (const file of await readdir(path.join(work, 'site'), { recursive: true })) {
      const full = path.join(work, 'site', file);
      if ((await stat(full)).isFile()) texts.push(await readFile(full, 'latin1'));
    }
    expect(texts.join('\n')).toContain('***@127.0.0.1:9/none.git');
    for (const text of texts) expect(text).not.toContain('s3cr3t');
  });
});

describe('damaged clones', () => {
  it('keeps every commit and marks the ones whose objects are missing', async () => {
    const work = path.join(dir, 'damaged');
    const repo = await TestRepo.create(path.join(work, 'repo'));
    await repo.commit({ files: { 'a.txt': 'a\n' }, message: 'first' });
    await repo.commit({ files: { 'big.txt': 'lost content\n'.repeat(50) }, message: 'adds the blob that goes missing' });
    await repo.commit({ files: { 'big.txt': 'changed\n' }, message: 'changes it' });
    await repo.commit({ files: { 'b.txt': 'b\n' }, message: 'last' });
    const blob = (await repo.git(['rev-parse', 'HEAD~2:big.txt'])).trim();
    await rm(path.join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    await writeConfig(work, configFor(['./repo']));
    const result = await runCli(['collect'], { cwd: work });
    expect(result.code).toBe(0);
    // A folder named `repo` is named by its parent.
    expect(result.stderr).toContain('damaged: 4 new commits, 2 with unknown line counts (missing objects) (main)');
    const rows = await queryDb(path.join(work, 'data', 'cdstats.duckdb'), 'SELECT subject, lines_known, lines_added FROM commits ORDER BY authored_at, subject');
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => !r.lines_known).map((r) => r.subject).sort()).toEqual(['adds the blob that goes missing', 'changes it']);
    expect(rows.find((r) => r.subject === 'last')).toMatchObject({ lines_known: true, lines_added: 1 });
  });
});

describe('tags', () => {
  it('stores tags naming commits, and writes them again only when they change', async () => {
    const work = path.join(dir, 'tags');
    const repo = await TestRepo.create(path.join(work, 'repo'));
    const first = await repo.commit({ message: 'one', date: '2024-01-01T00:00:00Z' });
    await repo.git(['tag', 'v1.0.0']);
    const second = await repo.commit({ message: 'two', date: '2024-02-01T00:00:00Z' });
    await repo.git(['tag', '-a', 'v1.1.0', '-m', 'release'], { GIT_COMMITTER_NAME: 'R', GIT_COMMITTER_EMAIL: 'r@x', GIT_COMMITTER_DATE: '2024-02-03T00:00:00Z' });
    await writeConfig(work, configFor(['./repo']));
    const db = path.join(work, 'data', 'cdstats.duckdb');
    expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
    expect(await queryDb(db, 'SELECT name, sha, tagged_at FROM tags ORDER BY name')).toEqual([
      { name: 'v1.0.0', sha: first, tagged_at: '2024-01-01 00:00:00' },
      { name: 'v1.1.0', sha: second, tagged_at: '2024-02-03 00:00:00' },
    ]);
    const written = async () => (await queryDb(db, "SELECT last_run_id FROM sync_state WHERE source = 'git_tags'"))[0]?.last_run_id;
    await runCli(['collect'], { cwd: work });
    expect(await written()).toBe(1);
    await repo.git(['tag', 'v1.1.1']);
    expect((await runCli(['collect'], { cwd: work })).stderr).toContain('tags: up to date (main)');
    expect(await written()).toBe(3);
    expect(await queryDb(db, 'SELECT count(*) AS n FROM tags')).toEqual([{ n: 3 }]);
  });
});
