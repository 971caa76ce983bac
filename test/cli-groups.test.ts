import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { ADA, GRACE } from './helpers/fixture.js';
import { TestRepo, tempDir, writeConfig } from './helpers/git.js';

/**
 * `cdstats query --group` on collected repositories. Project A (repos a, docs): Ada commits in
 * March 2024 to a, Grace to docs. Project B (repo b): Ada and Linus commit in March. The group
 * CD Foundation = [A, B] has three people in March: Ada once, not twice.
 */
const LINUS = { name: 'Linus', email: 'linus@example.org' };
let dir: string;
let cleanup: () => Promise<void>;
let work: string;

const CONFIG = `projects:
  - name: A
    joined: 2024-03-10
    repos:
      - git: ./a
      - git: ./docs
        group: docs
    repoGroups:
      core: [a]
  - name: B
    repos:
      - git: ./b
groups:
  CD Foundation: [A, B]
`;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  work = path.join(dir, 'work');
  const a = await TestRepo.create(path.join(work, 'a'));
  await a.commit({ message: 'a1', author: ADA, date: '2024-03-01T10:00:00Z' });
  await a.commit({ message: 'a2', author: ADA, date: '2024-03-20T10:00:00Z' });
  const docs = await TestRepo.create(path.join(work, 'docs'));
  await docs.commit({ message: 'd1', author: GRACE, date: '2024-03-02T10:00:00Z' });
  const b = await TestRepo.create(path.join(work, 'b'));
  await b.commit({ message: 'b1', author: ADA, date: '2024-03-03T10:00:00Z' });
  await b.commit({ message: 'b2', author: LINUS, date: '2024-03-04T10:00:00Z' });
  await writeConfig(work, CONFIG);
  expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
});
afterAll(() => cleanup());

const query = async (...args: string[]) => {
  const result = await runCli(['query', ...args, '--as-of', '2024-03-31', '--format', 'json'], { cwd: work });
  return { ...result, rows: result.code === 0 ? (JSON.parse(result.stdout) as Record<string, unknown>[]) : [] };
};

describe('cdstats query --group', () => {
  it('counts a group as one unit, its name in the project column, beside the projects asked', async () => {
    const { rows, code } = await query('active_contributors', '--project', 'A', 'B', '--group', 'CD Foundation', 'all');
    expect(code).toBe(0);
    expect(rows.map((r) => [r.project, r.period, r.value])).toEqual([
      ['A', '2024-03-01', 2],
      ['B', '2024-03-01', 2],
      ['CD Foundation', '2024-03-01', 3], // Ada, Grace, Linus: not 2 + 2
      ['all', '2024-03-01', 3],
    ]);
  });

  it('gives the groups alone without --project, and every project beside them with --project all', async () => {
    expect((await query('commits', '--group', 'all')).rows.map((r) => [r.project, r.value])).toEqual([['all', 5]]);
    expect((await query('commits', '--project', 'all', '--group', 'CD Foundation')).rows.map((r) => [r.project, r.value])).toEqual([
      ['A', 3],
      ['B', 2],
      ['CD Foundation', 5],
    ]);
  });

  it('refuses a group for an indicator that says `groups: no`, and names an unknown group with the one meant', async () => {
    const refused = await runCli(['query', 'project_totals', '--group', 'CD Foundation'], { cwd: work });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('cdstats: indicator project_totals cannot be counted for a group (its header says `groups: no`: it lists projects or repositories one by one); leave out --group\n');
    const unknown = await runCli(['query', 'commits', '--group', 'CD Fundation'], { cwd: work });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("cdstats: unknown group \"CD Fundation\": did you mean `CD Foundation`? (the config's groups: CD Foundation; `all` is every project)\n");
    const sql = await runCli(['query', 'SELECT 1', '--group', 'all'], { cwd: work });
    expect(sql.stderr).toBe('cdstats: --group goes with an indicator id (`cdstats query --list`), not with SQL\n');
  });

  it('--from joined runs each project from its joined day, and says which projects have none', async () => {
    const { rows } = await query('commits', '--project', 'A', '--from', 'joined', '--period', 'day');
    expect(rows.filter((r) => r.value !== 0).map((r) => [r.project, r.period, r.value])).toEqual([['A', '2024-03-20', 1]]);
    expect(rows[0]?.period).toBe('2024-03-10');
    const missing = await runCli(['query', 'commits', '--from', 'joined'], { cwd: work });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('cdstats: --from joined needs a `joined: YYYY-MM-DD` in the config for "B" (cdstats.yaml:10); or ask for the projects that have one with --project\n');
    const group = await runCli(['query', 'commits', '--group', 'all', '--from', 'joined'], { cwd: work });
    expect(group.stderr).toMatch(/^cdstats: --from joined is for projects, each from its own `joined` day: a group has no one day it joined/);
  });

  it('--repo-group keeps the repositories of a repository group', async () => {
    expect((await query('commits', '--repo-group', 'docs')).rows.map((r) => [r.project, r.value])).toEqual([['A', 1]]);
    expect((await query('active_contributors', '--repo-group', 'core', '--group', 'CD Foundation')).rows.map((r) => [r.project, r.value])).toEqual([['CD Foundation', 1]]);
    const unknown = await runCli(['query', 'commits', '--repo-group', 'cor'], { cwd: work });
    expect(unknown.stderr).toBe('cdstats: no repository in repository group "cor": did you mean `core`? (repository groups: core, docs; a group of `owner/*` repositories has members once collected)\n');
  });

  it('lists how each indicator counts a group, and shows it in an indicator\'s help', async () => {
    const list = JSON.parse((await runCli(['query', '--list', '--format', 'json'], { cwd: work })).stdout) as { id: string; groups: string }[];
    expect(list.find((i) => i.id === 'new_contributors')?.groups).toBe('people');
    expect(list.find((i) => i.id === 'repo_totals')?.groups).toBe('no');
    const help = await runCli(['query', 'new_contributors', '--help'], { cwd: work });
    expect(help.stdout).toContain('Groups (--group): people: for a group, each person (or company) counts once, wherever in the group they contributed');
    expect(help.stdout).toContain('-g, --group <name...>');
  });

  it('reports a group naming an unknown project at its file:line, exit status 2', async () => {
    const other = path.join(dir, 'bad');
    await writeConfig(other, CONFIG.replace('[A, B]', '[A, b]'));
    const result = await runCli(['query', 'commits'], { cwd: other });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cdstats.yaml:14: unknown project "b" in group "CD Foundation": did you mean `B`? (projects: A, B)');
  });
});
