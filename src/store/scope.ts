import { repoGroupOf } from '../config/groups.js';
import type { Config } from '../config/types.js';
import { appendRows } from './append.js';
import type { Database } from './db.js';

interface GroupRow {
  group: string;
  project: string;
}
interface MetaRow {
  project: string;
  maturity: string | undefined;
  joined: string | undefined;
}
interface RepoGroupRow {
  project: string;
  repo: string;
  group: string;
}

/**
 * Fills the session's project_groups, project_meta and repo_groups (temporary tables of
 * queries/staging/10-scope.sql) from the config as it is now: a group edited in cdstats.yaml
 * counts at the next command, with no collect. Repository groups cover the repositories the
 * config lists and those collected for the project (an `owner/*` entry's, matched by pattern).
 */
export async function writeScopeTables(db: Database, config: Config): Promise<void> {
  await db.run('DELETE FROM temp.project_groups; DELETE FROM temp.project_meta; DELETE FROM temp.repo_groups;');
  const groups: GroupRow[] = config.groups.flatMap((g) => g.projects.map((project) => ({ group: g.name, project })));
  await appendRows(db, 'project_groups', [['text', (r: GroupRow) => r.group], ['text', (r: GroupRow) => r.project]], groups, 'main', 'temp');
  const meta: MetaRow[] = config.projects.map((p) => ({ project: p.name, maturity: p.maturity, joined: p.joined }));
  await appendRows(db, 'project_meta', [['text', (r: MetaRow) => r.project], ['text', (r: MetaRow) => r.maturity], ['text', (r: MetaRow) => r.joined]], meta, 'main', 'temp');

  const withGroups = config.projects.filter((p) => p.repoGroups.length > 0 || p.repos.some((r) => r.group !== undefined) || p.owners.some((o) => o.group !== undefined));
  if (withGroups.length === 0) return;
  const collected = await db.all('SELECT project, name FROM repos ORDER BY name');
  const repoGroups: RepoGroupRow[] = [];
  for (const project of withGroups) {
    const names = new Set([...project.repos.map((r) => r.name), ...collected.filter((r) => r.project === project.name).map((r) => String(r.name))]);
    for (const repo of names) {
      const group = repoGroupOf(project, repo);
      if (group !== undefined) repoGroups.push({ project: project.name, repo, group });
    }
  }
  await appendRows(db, 'repo_groups', [['text', (r: RepoGroupRow) => r.project], ['text', (r: RepoGroupRow) => r.repo], ['text', (r: RepoGroupRow) => r.group]], repoGroups, 'main', 'temp');
}
