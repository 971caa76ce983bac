import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { queryDb } from '../helpers/db.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

describe('git: folders named repo', () => {
  it('are named by their parent folder, so mirrors laid out as owner+name/repo do not collide', async () => {
    for (const owner of ['helm+helm', 'helm+charts']) await (await TestRepo.create(path.join(dir, 'mirrors', owner, 'repo'))).commit({ message: owner });
    const work = path.join(dir, 'two');
    await writeConfig(work, 'projects:\n  - name: Helm\n    repos:\n      - git: ../mirrors/helm+helm/repo\n      - git: ../mirrors/helm+charts/repo\n');
    const result = await runCli(['collect'], { cwd: work });
    expect(result.stderr).toContain('helm+helm: 1 new commit (main)');
    expect(result.stderr).toContain('helm+charts: 1 new commit (main)');
    expect(result.code).toBe(0);
  });

  it('keep their history when a database named one `repo`: the row is renamed, not counted twice', async () => {
    const work = path.join(dir, 'renamed');
    await writeConfig(work, 'projects:\n  - name: Helm\n    repos:\n      - git: ../mirrors/helm+helm/repo\n        name: repo\n');
    expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
    await writeConfig(work, 'projects:\n  - name: Helm\n    repos:\n      - git: ../mirrors/helm+helm/repo\n');
    const result = await runCli(['collect'], { cwd: work });
    expect(result.stderr).toContain('helm+helm: up to date (main)');
    const db = path.join(work, 'data', 'cdstats.duckdb');
    expect(await queryDb(db, 'SELECT r.name, count(c.sha) AS commits FROM repos r LEFT JOIN commits c USING (repo_id) GROUP BY r.name')).toEqual([{ name: 'helm+helm', commits: 1 }]);
  });

  it('a github: repository is known by its owner/name: another one cloned from the same place is not the old one renamed', async () => {
    const work = path.join(dir, 'github');
    await writeConfig(work, 'projects:\n  - name: Helm\n    repos:\n      - github: helm/helm\n        clone: ../mirrors/helm+helm/repo\n');
    expect((await runCli(['collect'], { cwd: work, env: { GITHUB_TOKEN: '' } })).code).toBe(0);
    await writeConfig(work, 'projects:\n  - name: Helm\n    repos:\n      - github: helm/charts\n        clone: ../mirrors/helm+helm/repo\n');
    expect((await runCli(['collect'], { cwd: work, env: { GITHUB_TOKEN: '' } })).code).toBe(0);
    expect(await queryDb(path.join(work, 'data', 'cdstats.duckdb'), 'SELECT name FROM repos ORDER BY name')).toEqual([{ name: 'helm/charts' }, { name: 'helm/helm' }]);
  });
});
