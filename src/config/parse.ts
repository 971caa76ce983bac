import path from 'node:path';
import { isReservedName, parseGroups, parseProjectMeta, parseRepoGroups } from './groups.js';
import { DEFAULT_IDENTITY, parseBots, parseIdentity } from './identity.js';
import { redact } from '../redact.js';
import { githubCloneUrl, githubWebUrl, hasCredentials, parseGithubTarget, parseGitLocation, transportProblem, type GitLocation } from './repo.js';
import type { Config, ConfigProblem, GitConfig, GithubConfig, Origin, OwnerConfig, ProjectConfig, RepoConfig } from './types.js';
import { isMap, isScalar, isSeq, YamlFile, type Node, type YAMLMap } from './yaml.js';

export interface ParsedConfig {
  config: Config;
  errors: ConfigProblem[];
  warnings: ConfigProblem[];
}

const TOP_KEYS = ['title', 'database', 'mirrors', 'reports', 'github', 'git', 'identity', 'bots', 'projects', 'groups'];
const GIT_KEYS = ['timeoutMinutes'];
const GITHUB_KEYS = ['tokenEnv', 'graphqlUrl', 'concurrency', 'timeoutSeconds', 'repoDeadlineMinutes', 'profileRefreshDays', 'profilesPerRun'];
const PROJECT_KEYS = ['name', 'repos', 'maturity', 'joined', 'repoGroups'];
const REPO_KEYS = ['github', 'git', 'clone', 'branch', 'name', 'exclude', 'group'];
export const DEFAULT_GITHUB: GithubConfig = { tokenEnv: 'GITHUB_TOKEN', graphqlUrl: undefined, webUrl: 'https://github.com', concurrency: 2, timeoutSeconds: 60, repoDeadlineMinutes: 120, profileRefreshDays: 30, profilesPerRun: 10_000 };
export const DEFAULT_GIT: GitConfig = { timeoutMinutes: 60 };
export const DEFAULT_DATABASE = 'data/cdstats.duckdb';

/**
 * Parses and validates a cdstats.yaml text. Pure: `file` (relative to `cwd`) is only used for
 * messages and to resolve relative paths. Every problem is collected, so a user fixes them all at once.
 */
export function parseConfig(text: string, file: string, cwd: string = process.cwd()): ParsedConfig {
  const yaml = new YamlFile(text, file);
  const errors = yaml.problems;
  const warnings: ConfigProblem[] = [];
  const baseDir = path.dirname(path.resolve(cwd, file));
  const empty: Config = {
    title: 'cdstats',
    database: path.resolve(baseDir, DEFAULT_DATABASE),
    mirrors: path.resolve(baseDir, 'data/mirrors'),
    projects: [],
    groups: [],
    github: DEFAULT_GITHUB,
    git: DEFAULT_GIT,
    identity: DEFAULT_IDENTITY,
    reports: undefined,
    file,
  };

  const root = yaml.root('the config must be a mapping with a `projects:` list');
  if (root === undefined) return { config: empty, errors, warnings };

  yaml.checkKeys(root, TOP_KEYS, 'the top level');
  const config: Config = {
    ...empty,
    title: yaml.text(root, 'title') ?? empty.title,
  };
  const database = yaml.text(root, 'database');
  if (database !== undefined) config.database = path.resolve(baseDir, database);
  const mirrors = yaml.text(root, 'mirrors');
  config.mirrors = mirrors !== undefined ? path.resolve(baseDir, mirrors) : path.join(path.dirname(config.database), 'mirrors');

  const reports = yaml.text(root, 'reports');
  if (reports !== undefined) config.reports = path.resolve(baseDir, reports);

  const github = yaml.node(root, 'github');
  if (github !== undefined) config.github = parseGithub(github);
  const git = yaml.node(root, 'git');
  if (git !== undefined) config.git = parseGit(git);
  const identity = yaml.node(root, 'identity');
  if (identity !== undefined) config.identity = parseIdentity(yaml, identity, { baseDir, mirrors: config.mirrors, webUrl: config.github.webUrl });
  const bots = yaml.node(root, 'bots');
  if (bots !== undefined) config.identity = { ...config.identity, bots: parseBots(yaml, bots) };

  const projects = yaml.node(root, 'projects');
  if (!isSeq(projects) || projects.items.length === 0) {
    yaml.fail(projects ?? root, '`projects` must be a non-empty list of `- name: … repos: […]`');
    return { config, errors, warnings };
  }
  const projectNames = new Map<string, Origin>();
  const repoNames = new Map<string, Origin>();
  const repoUrls = new Map<string, Origin>();
  const projectNodes: YAMLMap[] = [];
  for (const projectNode of projects.items) {
    if (!isMap(projectNode)) {
      yaml.fail(projectNode as Node, 'each project must be a mapping with `name` and `repos`');
      continue;
    }
    yaml.checkKeys(projectNode, PROJECT_KEYS, 'a project');
    const name = yaml.text(projectNode, 'name', true);
    const origin = yaml.at(projectNode);
    if (name !== undefined) {
      const seen = projectNames.get(name);
      if (seen) errors.push({ message: `project "${name}" is already defined at line ${seen.line}`, origin });
      if (isReservedName(name)) yaml.fail(yaml.node(projectNode, 'name'), `project name "${name}" is reserved: \`--project all\` and \`--group all\` mean every project`);
      projectNames.set(name, origin);
    }
    const reposNode = yaml.node(projectNode, 'repos');
    const project: ProjectConfig = { name: name ?? '', repos: [], owners: [], ...parseProjectMeta(yaml, projectNode, warnings), repoGroups: [], origin };
    if (!isSeq(reposNode) || reposNode.items.length === 0) {
      yaml.fail(reposNode ?? projectNode, `project "${name ?? '?'}" needs a non-empty \`repos\` list`);
    } else {
      for (const repoNode of reposNode.items) {
        const repo = parseRepo(repoNode as Node);
        if (!repo) continue;
        if ('owner' in repo) {
          project.owners.push(repo);
          continue;
        }
        const seenName = repoNames.get(repo.name);
        const seenUrl = repoUrls.get(repo.url);
        if (seenName) {
          errors.push({ message: `repository name "${repo.name}" is already used at line ${seenName.line}; give one of them a distinct \`name:\``, origin: repo.origin });
        } else if (seenUrl) {
          errors.push({ message: `repository ${repo.url} is already listed at line ${seenUrl.line}; a repository belongs to one project`, origin: repo.origin });
        }
        repoNames.set(repo.name, repo.origin);
        repoUrls.set(repo.url, repo.origin);
        project.repos.push(repo);
      }
    }
    config.projects.push(project);
    projectNodes.push(projectNode);
  }
  // Once every repository is known, so that a name in the wrong project can be said to be there.
  const repoProjects = new Map(config.projects.flatMap((p) => p.repos.map((r) => [r.name, p.name] as const)));
  config.projects.forEach((project, i) => {
    const node = projectNodes[i];
    if (node !== undefined) project.repoGroups = parseRepoGroups(yaml, node, project, repoProjects);
  });
  const groups = yaml.node(root, 'groups');
  if (groups !== undefined) config.groups = parseGroups(yaml, groups, projectNames);
  return { config, errors, warnings };

  function parseGithub(node: Node): GithubConfig {
    if (!isMap(node)) {
      yaml.fail(node, `\`github\` must be a mapping with ${GITHUB_KEYS.map((k) => `\`${k}\``).join(', ')}`);
      return DEFAULT_GITHUB;
    }
    yaml.checkKeys(node, GITHUB_KEYS, '`github`');
    const tokenEnv = yaml.text(node, 'tokenEnv') ?? DEFAULT_GITHUB.tokenEnv;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv)) {
      yaml.fail(yaml.node(node, 'tokenEnv'), '`tokenEnv` names an environment variable (the token itself never goes in this file)');
    }
    const graphqlUrl = yaml.text(node, 'graphqlUrl');
    let webUrl = DEFAULT_GITHUB.webUrl;
    if (graphqlUrl !== undefined) {
      try {
        webUrl = githubWebUrl(graphqlUrl);
        // A password here would be printed with every line that names the endpoint (and fetch refuses such URLs anyway).
        if (hasCredentials(graphqlUrl)) yaml.fail(yaml.node(node, 'graphqlUrl'), `\`graphqlUrl\` must not hold a user name or password: the token belongs in the environment variable named by \`tokenEnv\``);
      } catch {
        yaml.fail(yaml.node(node, 'graphqlUrl'), `\`graphqlUrl\` "${redact(graphqlUrl)}" is not a URL`);
      }
    }
    const concurrency = yaml.integer(node, 'concurrency', { min: 1, max: 10, why: 'GitHub asks for little concurrency' }) ?? DEFAULT_GITHUB.concurrency;
    const timeoutSeconds = yaml.integer(node, 'timeoutSeconds', { min: 1, max: 3600 }) ?? DEFAULT_GITHUB.timeoutSeconds;
    // Longer than the 65 minutes a rate limit may be waited for, so that one reset fits in.
    const repoDeadlineMinutes = yaml.integer(node, 'repoDeadlineMinutes', { min: 1, max: 24 * 60 }) ?? DEFAULT_GITHUB.repoDeadlineMinutes;
    const profileRefreshDays = yaml.integer(node, 'profileRefreshDays', { min: 1, max: 3650 }) ?? DEFAULT_GITHUB.profileRefreshDays;
    const profilesPerRun = yaml.integer(node, 'profilesPerRun', { min: 0, max: 1_000_000, why: '0 reads no profiles' }) ?? DEFAULT_GITHUB.profilesPerRun;
    return { tokenEnv, graphqlUrl, webUrl, concurrency, timeoutSeconds, repoDeadlineMinutes, profileRefreshDays, profilesPerRun };
  }

  function parseGit(node: Node): GitConfig {
    if (!isMap(node)) return yaml.fail(node, `\`git\` must be a mapping with ${GIT_KEYS.map((k) => `\`${k}\``).join(', ')}`) ?? DEFAULT_GIT;
    yaml.checkKeys(node, GIT_KEYS, '`git`');
    return { timeoutMinutes: yaml.integer(node, 'timeoutMinutes', { min: 1, max: 24 * 60 }) ?? DEFAULT_GIT.timeoutMinutes };
  }

  function parseExclude(node: YAMLMap): string[] {
    const value = yaml.node(node, 'exclude');
    if (value === undefined) return [];
    if (isSeq(value) && value.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
      return value.items.map((item) => String((item as { value: string }).value));
    }
    yaml.fail(value, '`exclude` must be a list of repository name patterns such as `- "*-archive"`');
    return [];
  }

  function parseRepo(node: Node): RepoConfig | OwnerConfig | undefined {
    if (isScalar(node) && typeof node.value === 'string') {
      yaml.fail(node, `a repository must be a mapping such as \`- github: ${node.value}\` or \`- git: ${node.value}\``);
      return undefined;
    }
    if (!isMap(node)) {
      yaml.fail(node, 'a repository must be a mapping with `github:` or `git:`');
      return undefined;
    }
    yaml.checkKeys(node, REPO_KEYS, 'a repository');
    const origin = yaml.at(node);
    const github = yaml.text(node, 'github');
    const git = yaml.text(node, 'git');
    const clone = yaml.text(node, 'clone');
    const branch = yaml.text(node, 'branch');
    const name = yaml.text(node, 'name');
    const group = yaml.text(node, 'group');
    if ((github === undefined) === (git === undefined)) {
      errors.push({ message: 'a repository needs exactly one of `github: owner/name` or `git: URL-or-path`', origin });
      return undefined;
    }
    for (const key of ['git', 'clone']) {
      const value = yaml.text(node, key);
      const problem = value === undefined ? undefined : transportProblem(value);
      if (problem !== undefined) yaml.fail(yaml.node(node, key), problem);
    }
    const exclude = parseExclude(node);
    /** Where git reads a `git:` or `clone:` value from; undefined (with the problem at its line) when it is not a URL. */
    const locate = (key: 'git' | 'clone', value: string): GitLocation | undefined => {
      try {
        return parseGitLocation(value, baseDir);
      } catch {
        return yaml.fail(yaml.node(node, key), `\`${key}:\` "${redact(value)}" is not a valid URL`);
      }
    };
    if (github !== undefined) {
      const target = parseGithubTarget(github);
      if (target.kind === 'invalid') {
        yaml.fail(yaml.node(node, 'github'), target.message);
        return undefined;
      }
      if (target.kind === 'owner') {
        for (const key of ['clone', 'branch', 'name'] as const) {
          if (node.has(key)) yaml.fail(yaml.node(node, key), `\`${key}:\` does not apply to \`github: ${github}\` (all of an owner's repositories)`);
        }
        return { owner: target.owner, exclude, ...(group === undefined ? {} : { group }), origin };
      }
      if (exclude.length > 0) warnings.push({ message: '`exclude:` only applies to `github: owner/*`', origin: yaml.at(yaml.node(node, 'exclude')) });
      const location = clone !== undefined ? locate('clone', clone) : undefined;
      if (clone !== undefined && location === undefined) return undefined;
      return {
        name: name ?? github,
        kind: 'github',
        url: location?.url ?? githubCloneUrl(config.github.webUrl, github),
        local: location?.local ?? false,
        branch,
        github: { owner: target.owner, name: target.name },
        ...(group === undefined ? {} : { group }),
        origin,
      };
    }
    if (exclude.length > 0) warnings.push({ message: '`exclude:` only applies to `github: owner/*`', origin: yaml.at(yaml.node(node, 'exclude')) });
    if (clone !== undefined) {
      warnings.push({ message: '`clone:` only applies to `github:` repositories; for `git:` put the location in `git:`', origin: yaml.at(yaml.node(node, 'clone')) });
    }
    const location = locate('git', git as string);
    if (location === undefined) return undefined;
    return { name: name ?? location.name, kind: 'git', url: location.url, local: location.local, branch, ...(group === undefined ? {} : { group }), origin };
  }
}

export function formatProblem(problem: ConfigProblem): string {
  return `${problem.origin.file}:${problem.origin.line}: ${problem.message}`;
}
