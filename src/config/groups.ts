import { isCalendarDay } from '../dates.js';
import { matchesGlob } from './repo.js';
import { MATURITIES, type ConfigProblem, type GroupConfig, type Origin, type ProjectConfig, type RepoGroupConfig } from './types.js';
import { isMap, isScalar, isSeq, keyName, nearMiss, type Node, type YAMLMap, type YamlFile } from './yaml.js';

/**
 * The name `--project all` and `--group all` give to every project of the config: no project
 * or group may take it, in any case, or `all` would mean two things.
 */
export const ALL = 'all';

export function isReservedName(name: string): boolean {
  return name.toLowerCase() === ALL;
}

/** A glob pattern (`*` or `?`) rather than a repository name. */
function isPattern(text: string): boolean {
  return /[*?]/.test(text);
}

/** A list of non-empty strings with the node of each; reports anything else as `what`. */
function names(yaml: YamlFile, node: Node, what: string): { value: string; node: Node }[] | undefined {
  if (!isSeq(node) || node.items.length === 0 || !node.items.every((item) => isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '')) {
    return yaml.fail(node, what);
  }
  return node.items.map((item) => ({ value: String((item as { value: string }).value).trim(), node: item as Node }));
}

/** ` (did you mean `x`?)`, or nothing when no known name is near. */
function meant(name: string, known: readonly string[]): string {
  const near = nearMiss(name, known);
  return near === undefined ? '' : `: did you mean \`${near}\`?`;
}

/** `maturity:` and `joined:` of a project. */
export function parseProjectMeta(yaml: YamlFile, node: YAMLMap, warnings: ConfigProblem[]): { maturity: string | undefined; joined: string | undefined } {
  let maturity = yaml.text(node, 'maturity');
  if (maturity !== undefined) {
    const known = MATURITIES.find((m) => m === maturity?.toLowerCase());
    const near = known === undefined ? nearMiss(maturity, MATURITIES) : undefined;
    if (known !== undefined) maturity = known;
    else if (near !== undefined) {
      // Free text is allowed (a foundation's own levels), so a typo is a warning, not an error.
      warnings.push({ message: `maturity "${maturity}" is kept as free text: did you mean \`${near}\`? (known: ${MATURITIES.join(', ')})`, origin: yaml.at(yaml.node(node, 'maturity')) });
    }
  }
  const joinedNode = yaml.node(node, 'joined');
  let joined: string | undefined;
  if (joinedNode !== undefined) {
    const text = isScalar(joinedNode) && typeof joinedNode.value === 'string' ? joinedNode.value.trim() : undefined;
    if (text !== undefined && isCalendarDay(text)) joined = text;
    else yaml.fail(joinedNode, `\`joined\` must be a day written YYYY-MM-DD, such as 2019-03-12${text === undefined ? '' : ` (not "${text}")`}`);
  }
  return { maturity, joined };
}

/**
 * `repoGroups:` of a project (name → repository names or glob patterns), checked against the
 * project's repositories: a name that is none of them is an error, unless an `owner/*` entry
 * of the project may list it at collect time. A repository named in two groups (or with a
 * `group:` of its own that says otherwise) is an error too: devstats gives a repository one group.
 */
export function parseRepoGroups(yaml: YamlFile, node: YAMLMap, project: ProjectConfig, allRepos: ReadonlyMap<string, string>): RepoGroupConfig[] {
  const groupsNode = yaml.node(node, 'repoGroups');
  const groups: RepoGroupConfig[] = [];
  // Repository name → the group it is in and where that was said.
  const taken = new Map<string, { group: string; origin: Origin }>();
  for (const repo of project.repos) if (repo.group !== undefined) taken.set(repo.name, { group: repo.group, origin: repo.origin });
  if (groupsNode === undefined) return groups;
  if (!isMap(groupsNode)) {
    yaml.fail(groupsNode, '`repoGroups` must be a mapping of group name to repository names, such as `core: [jenkinsci/jenkins]`');
    return groups;
  }
  const repoNames = project.repos.map((r) => r.name);
  const owners = project.owners.map((o) => o.owner.toLowerCase());
  for (const pair of groupsNode.items) {
    const name = keyName(pair).trim();
    const origin = yaml.at(pair.key as Node);
    const entries = names(yaml, (pair.value ?? pair.key) as Node, `repository group "${name}" must be a non-empty list of repository names or patterns such as \`- "jenkinsci/*-plugin"\``);
    if (name === '' || entries === undefined) continue;
    const listed = new Set<string>();
    for (const entry of entries) {
      if (listed.has(entry.value)) {
        yaml.fail(entry.node, `"${entry.value}" is listed twice in repository group "${name}"`);
        continue;
      }
      listed.add(entry.value);
      if (isPattern(entry.value)) {
        // With an owner/* entry, what it matches is only known at collect time.
        if (owners.length === 0 && !repoNames.some((r) => matchesGlob(entry.value, r))) {
          yaml.fail(entry.node, `pattern "${entry.value}" of repository group "${name}" matches none of the repositories of project "${project.name}" (${repoNames.join(', ')})`);
        }
        continue;
      }
      if (!repoNames.includes(entry.value)) {
        const owner = entry.value.split('/')[0]?.toLowerCase() ?? '';
        if (entry.value.includes('/') && owners.includes(owner)) continue;
        const elsewhere = allRepos.get(entry.value);
        const where = elsewhere !== undefined && elsewhere !== project.name ? ` (it is a repository of project "${elsewhere}")` : meant(entry.value, repoNames);
        yaml.fail(entry.node, `unknown repository "${entry.value}" in repository group "${name}" of project "${project.name}"${where} (its repositories: ${repoNames.join(', ')})`);
        continue;
      }
      const before = taken.get(entry.value);
      if (before !== undefined && before.group !== name) {
        yaml.fail(entry.node, `repository "${entry.value}" is already in repository group "${before.group}" (line ${before.origin.line}); a repository belongs to one group`);
      } else {
        taken.set(entry.value, { group: name, origin: yaml.at(entry.node) });
      }
    }
    groups.push({ name, repos: entries.map((e) => e.value), origin });
  }
  return groups;
}

/**
 * The repository group of one of a project's repositories (a configured one, or one an
 * `owner/*` entry listed): its own `group:`, else the first group that names it, else the first
 * whose pattern matches it, else its owner entry's `group:`. Pure.
 */
export function repoGroupOf(project: ProjectConfig, repo: string): string | undefined {
  const own = project.repos.find((r) => r.name === repo);
  if (own?.group !== undefined) return own.group;
  const named = project.repoGroups.find((g) => g.repos.some((r) => !isPattern(r) && r === repo));
  if (named !== undefined) return named.name;
  const matched = project.repoGroups.find((g) => g.repos.some((r) => isPattern(r) && matchesGlob(r, repo)));
  if (matched !== undefined) return matched.name;
  return project.owners.find((o) => o.group !== undefined && matchesGlob(`${o.owner}/*`, repo))?.group;
}

/**
 * `groups:` (group name → project names). A project may be in several groups; a name that is
 * no project is an error with the one probably meant; a group may not take a project's name,
 * nor `all`, which stands for every project.
 */
export function parseGroups(yaml: YamlFile, node: Node, projects: ReadonlyMap<string, Origin>): GroupConfig[] {
  if (!isMap(node)) {
    yaml.fail(node, '`groups` must be a mapping of group name to project names, such as `CD Foundation: [Jenkins, Tekton]`');
    return [];
  }
  const known = [...projects.keys()];
  const groups: GroupConfig[] = [];
  for (const pair of node.items) {
    const name = keyName(pair).trim();
    const keyNode = pair.key as Node;
    if (name === '') {
      yaml.fail(keyNode, 'a group needs a name');
      continue;
    }
    if (isReservedName(name)) yaml.fail(keyNode, `group name "${name}" is reserved: \`--group all\` is every project of the config`);
    const project = projects.get(name);
    if (project !== undefined) yaml.fail(keyNode, `group "${name}" has the name of the project defined at line ${project.line}; a group needs a name of its own, as figures of both are shown side by side`);
    const entries = names(yaml, (pair.value ?? pair.key) as Node, `group "${name}" must be a non-empty list of project names, such as \`[${known.slice(0, 2).join(', ')}]\``);
    if (entries === undefined) continue;
    const members: string[] = [];
    for (const entry of entries) {
      if (!projects.has(entry.value)) yaml.fail(entry.node, `unknown project "${entry.value}" in group "${name}"${meant(entry.value, known)} (projects: ${known.join(', ')})`);
      else if (members.includes(entry.value)) yaml.fail(entry.node, `project "${entry.value}" is listed twice in group "${name}"`);
      else members.push(entry.value);
    }
    groups.push({ name, projects: members, origin: yaml.at(keyNode) });
  }
  return groups;
}
