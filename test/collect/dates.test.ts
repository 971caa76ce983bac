import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { Database } from '../../src/store/db.js';
import { LATEST_VERSION } from '../../src/store/migrations.js';
import { queryDb } from '../helpers/db.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

/** Dates `git commit` refuses to write but other tools (and old bugs) have put in real histories. */
const BAD_DATES = ['1700000000', '1700000000 +99999', 'abc +0000', '99999999999999 +0000'];

/** Writes a commit object by hand, with `date` as both author and committer date, on top of `parent`. */
async function badCommit(repo: TestRepo, parent: string, date: string): Promise<string> {
  const tree = (await repo.git(['rev-parse', `${parent}^{tree}`])).trim();
  const body = `tree ${tree}\nparent ${parent}\nauthor Eve <eve@example.org> ${date}\ncommitter Eve <eve@example.org> ${date}\n\nbad date ${date}\n`;
  const { execFileSync } = await import('node:child_process');
  return execFileSync('git', ['hash-object', '--literally', '-t', 'commit', '-w', '--stdin'], { cwd: repo.dir, input: body, encoding: 'utf8' }).trim();
}

describe('commits with malformed dates', () => {
  it('are stored with the date unknown, counted per repository, and the run finishes', async () => {
    const work = path.join(dir, 'dates');
    const repo = await TestRepo.create(path.join(work, 'demo'));
    const other = await TestRepo.create(path.join(work, 'other'));
    await other.commit({ message: 'fine' });
    let tip = await repo.commit({ message: 'good', date: '2024-01-15T10:00:00+02:00' });
    for (const date of BAD_DATES) tip = await badCommit(repo, tip, date);
    await repo.git(['update-ref', 'refs/heads/main', tip]);
    await writeConfig(work, `title: Test\nprojects:\n  - name: Demo\n    repos:\n      - git: ./demo\n      - git: ./other\n`);
    const result = await runCli(['collect'], { cwd: work });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).toContain('demo: 5 new commits, 4 with unknown dates (main)');
    expect(result.stderr).toContain('other: 1 new commit (main)');
    expect(result.stderr).toContain('collected 2 repositories, 6 new commits, 4 with unknown dates, none failed');
    expect(result.code).toBe(0);
    const db = path.join(work, 'data', 'cdstats.duckdb');
    const rows = await queryDb(db, "SELECT subject, authored_at, committed_at, author_tz_offset, dates_known FROM commits WHERE subject LIKE 'bad date%' OR subject = 'good' ORDER BY subject");
    expect(rows).toEqual([
      ...BAD_DATES.map((date) => ({ subject: `bad date ${date}`, authored_at: '1970-01-01 00:00:00', committed_at: '1970-01-01 00:00:00', author_tz_offset: 0, dates_known: false })).sort((a, b) => a.subject.localeCompare(b.subject)),
      { subject: 'good', authored_at: '2024-01-15 08:00:00', committed_at: '2024-01-15 08:00:00', author_tz_offset: 120, dates_known: true },
    ]);
    // Indicators read contribution events: an unknown date must not count as a 1970 contribution.
    expect(await queryDb(db, "SELECT count(*) AS n FROM contribution_events WHERE kind = 'commit'")).toEqual([{ n: 2 }]);
    const [run] = await queryDb(db, 'SELECT status FROM runs');
    expect(run).toEqual({ status: 'ok' });
    const again = await runCli(['collect'], { cwd: work });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('demo: up to date (main)');
  });
});

describe('a database written before dates_known (schema 3)', () => {
  it('is upgraded by the next collect, its commits kept and their dates known', async () => {
    const work = path.join(dir, 'upgrade');
    const repo = await TestRepo.create(path.join(work, 'demo'));
    await repo.commit({ message: 'one', date: '2024-01-15T10:00:00Z' });
    await repo.commit({ message: 'two', date: '2024-02-15T10:00:00Z' });
    await writeConfig(work, `projects:\n  - name: Demo\n    repos:\n      - git: ./demo\n`);
    expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
    // Back to schema 3, as a file of the previous release holding commits.
    const file = path.join(work, 'data', 'cdstats.duckdb');
    const db = await Database.open(file, false);
    // Every later migration is undone too (5: GitHub profiles, 6: the identity cache, 7: GitHub account ids).
    for (const table of ['pull_requests', 'issues', 'pr_reviews', 'comments']) await db.run(`ALTER TABLE ${table} DROP COLUMN author_id`);
    await db.run(`ALTER TABLE commits DROP COLUMN dates_known; DROP TABLE github_profiles; ALTER TABLE affiliations DROP COLUMN read_at;
      DROP TABLE identity_pairs;
      ALTER TABLE identity_state DROP COLUMN run_id; ALTER TABLE identity_state DROP COLUMN sync;
      ALTER TABLE identity_state DROP COLUMN warnings; ALTER TABLE identity_state DROP COLUMN built_at;
      DELETE FROM schema_migrations WHERE version >= 4; CHECKPOINT`);
    db.close();
    expect((await runCli(['query', 'SELECT 1'], { cwd: work })).stderr).toContain(`has schema version 3, this cdstats needs ${LATEST_VERSION}: run \`cdstats collect\` to upgrade it`);
    const upgrade = await runCli(['collect'], { cwd: work });
    expect(upgrade.stderr).toContain('demo: up to date (main)');
    expect(upgrade.code).toBe(0);
    expect(await queryDb(file, 'SELECT subject, dates_known FROM commits ORDER BY authored_at')).toEqual([
      { subject: 'one', dates_known: true },
      { subject: 'two', dates_known: true },
    ]);
  });
});
