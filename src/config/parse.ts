import path from 'node:path';
import { DEFAULT_IDENTITY, parseBots, parseIdentity, type ParseContext } from './identity.js';
import { githubCloneUrl, githubWebUrl, parseGithubTarget, parseGitLocation } from './repo.js';
import type { Config, ConfigProblem, GithubConfig, Origin, OwnerConfig, ProjectConfig, RepoConfig } from './types.js';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from './yaml.js';

export interface ParsedConfig {
  config: Config;
  errors: ConfigProblem[];
  warnings: ConfigProblem[];
}

const TOP_KEYS = ['title', 'database', 'mirrors', 'reports', 'github', 'identity', 'bots', 'projects'];
const GITHUB_KEYS = ['tokenEnv', 'graphqlUrl', 'concurrency'];
const PROJECT_KEYS = ['name', 'repos'];
const REPO_KEYS = ['github', 'git', 'clone', 'branch', 'name', 'exclude'];
export const DEFAULT_GITHUB: GithubConfig = { tokenEnv: 'GITHUB_TOKEN', graphqlUrl: undefined, webUrl: 'https://github.com', concurrency: 2 };
export const DEFAULT_DATABASE = 'data/cdstats.duckdb';

/**
 * Parses and validates a cdstats.yaml text. Pure: `file` (relative to `cwd`) is only used for
 * messages and to resolve relative paths. Every problem is collected, so a user fixes them all at once.
 */
export function parseConfig(text: string, file: string, cwd: string = process.cwd()): ParsedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const baseDir = path.dirname(path.resolve(cwd, file));
  const at = (node: Node | null | undefined): Origin => ({
    file,
    line: node?.range ? lineCounter.linePos(node.range[0]).line : 1,
  });
  const empty: Config = {
    title: 'cdstats',
    database: path.resolve(baseDir, DEFAULT_DATABASE),
    mirrors: path.resolve(baseDir, 'data/mirrors'),
    projects: [],
    github: DEFAULT_GITHUB,
    identity: DEFAULT_IDENTITY,
    reports: undefined,
    file,
  };

  for (const problem of doc.errors) {
    errors.push({ message: problem.message.split('\n')[0] ?? problem.message, origin: { file, line: lineCounter.linePos(problem.pos[0]).line } });
  }
  if (errors.length > 0) return { config: empty, errors, warnings };
  const root = doc.contents;
  if (!isMap(root)) {
    errors.push({ message: 'the config must be a mapping with a `projects:` list', origin: at(root) });
    return { config: empty, errors, warnings };
  }

  const str = (map: YAMLMap, key: string, required: boolean): string | undefined => {
    const node = map.get(key, true);
    if (node === undefined) {
      if (required) errors.push({ message: `\`${key}\` is required`, origin: at(map) });
      return undefined;
    }
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
      errors.push({ message: `\`${key}\` must be a non-empty string`, origin: at(node) });
      return undefined;
    }
    return node.value.trim();
  };
  const unknownKeys = (map: YAMLMap, allowed: string[], where: string): void => {
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!allowed.includes(key)) {
        warnings.push({ message: `unknown key \`${key}\` in ${where} (known: ${allowed.join(', ')}); ignored`, origin: at(pair.key as Node) });
      }
    }
  };

  unknownKeys(root, TOP_KEYS, 'the top level');
  const config: Config = {
    ...empty,
    title: str(root, 'title', false) ?? empty.title,
  };
  const database = str(root, 'database', false);
  if (database !== undefined) config.database = path.resolve(baseDir, database);
  const mirrors = str(root, 'mirrors', false);
  config.mirrors = mirrors !== undefined ? path.resolve(baseDir, mirrors) : path.join(path.dirname(config.database), 'mirrors');

  const reports = str(root, 'reports', false);
  if (reports !== undefined) config.reports = path.resolve(baseDir, reports);

  const github = root.get('github', true);
  if (github !== undefined) config.github = parseGithub(github as Node);
  const ctx: ParseContext = { at, str, unknownKeys, errors, warnings, baseDir };
  const identity = root.get('identity', true);
  if (identity !== undefined) config.identity = parseIdentity(ctx, identity as Node);
  const bots = root.get('bots', true);
  if (bots !== undefined) config.identity = { ...config.identity, bots: parseBots(ctx, bots as Node) };

  const projects = root.get('projects', true);
  if (!isSeq(projects) || projects.items.length === 0) {
    errors.push({ message: '`projects` must be a non-empty list of `- name: … repos: […]`', origin: at(projects ?? root) });
    return { config, errors, warnings };
  }
  const projectNames = new Map<string, Origin>();
  const repoNames = new Map<string, Origin>();
  const repoUrls = new Map<string, Origin>();
  for (const projectNode of projects.items) {
    if (!isMap(projectNode)) {
      errors.push({ message: 'each project must be a mapping with `name` and `repos`', origin: at(projectNode as Node) });
      continue;
    }
    unknownKeys(projectNode, PROJECT_KEYS, 'a project');
    const name = str(projectNode, 'name', true);
    const origin = at(projectNode);
    if (name !== undefined) {
      const seen = projectNames.get(name);
      if (seen) errors.push({ message: `project "${name}" is already defined at line ${seen.line}`, origin });
      projectNames.set(name, origin);
    }
    const reposNode = projectNode.get('repos', true);
    const project: ProjectConfig = { name: name ?? '', repos: [], owners: [], origin };
    if (!isSeq(reposNode) || reposNode.items.length === 0) {
      errors.push({ message: `project "${name ?? '?'}" needs a non-empty \`repos\` list`, origin: at(reposNode ?? projectNode) });
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
  }
  return { config, errors, warnings };

  function parseGithub(node: Node): GithubConfig {
    if (!isMap(node)) {
      errors.push({ message: '`github` must be a mapping with `tokenEnv`, `graphqlUrl` or `concurrency`', origin: at(node) });
      return DEFAULT_GITHUB;
    }
    unknownKeys(node, GITHUB_KEYS, '`github`');
    const tokenEnv = str(node, 'tokenEnv', false) ?? DEFAULT_GITHUB.tokenEnv;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv)) {
      errors.push({ message: '`tokenEnv` names an environment variable (the token itself never goes in this file)', origin: at(node.get('tokenEnv', true) as Node) });
    }
    const graphqlUrl = str(node, 'graphqlUrl', false);
    let webUrl = DEFAULT_GITHUB.webUrl;
    if (graphqlUrl !== undefined) {
      try {
        webUrl = githubWebUrl(graphqlUrl);
      } catch {
        errors.push({ message: `\`graphqlUrl\` "${graphqlUrl}" is not a URL`, origin: at(node.get('graphqlUrl', true) as Node) });
      }
    }
    let concurrency = DEFAULT_GITHUB.concurrency;
    const concurrencyNode = node.get('concurrency', true);
    if (concurrencyNode !== undefined) {
      const value = isScalar(concurrencyNode) ? concurrencyNode.value : undefined;
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10) concurrency = value;
      else errors.push({ message: '`concurrency` must be a whole number from 1 to 10 (GitHub asks for little concurrency)', origin: at(concurrencyNode as Node) });
    }
    return { tokenEnv, graphqlUrl, webUrl, concurrency };
  }

  function parseExclude(node: YAMLMap): string[] {
    const value = node.get('exclude', true);
    if (value === undefined) return [];
    if (isSeq(value) && value.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
      return value.items.map((item) => String((item as { value: string }).value));
    }
    errors.push({ message: '`exclude` must be a list of repository name patterns such as `- "*-archive"`', origin: at(value as Node) });
    return [];
  }

  function parseRepo(node: Node): RepoConfig | OwnerConfig | undefined {
    if (isScalar(node) && typeof node.value === 'string') {
      errors.push({ message: `a repository must be a mapping such as \`- github: ${node.value}\` or \`- git: ${node.value}\``, origin: at(node) });
      return undefined;
    }
    if (!isMap(node)) {
      errors.push({ message: 'a repository must be a mapping with `github:` or `git:`', origin: at(node) });
      return undefined;
    }
    unknownKeys(node, REPO_KEYS, 'a repository');
    const origin = at(node);
    const github = str(node, 'github', false);
    const git = str(node, 'git', false);
    const clone = str(node, 'clone', false);
    const branch = str(node, 'branch', false);
    const name = str(node, 'name', false);
    if ((github === undefined) === (git === undefined)) {
      errors.push({ message: 'a repository needs exactly one of `github: owner/name` or `git: URL-or-path`', origin });
      return undefined;
    }
    const exclude = parseExclude(node);
    if (github !== undefined) {
      const target = parseGithubTarget(github);
      if (target.kind === 'invalid') {
        errors.push({ message: target.message, origin: at(node.get('github', true) as Node) });
        return undefined;
      }
      if (target.kind === 'owner') {
        for (const key of ['clone', 'branch', 'name'] as const) {
          if (node.has(key)) errors.push({ message: `\`${key}:\` does not apply to \`github: ${github}\` (all of an owner's repositories)`, origin: at(node.get(key, true) as Node) });
        }
        return { owner: target.owner, exclude, origin };
      }
      if (exclude.length > 0) warnings.push({ message: '`exclude:` only applies to `github: owner/*`', origin: at(node.get('exclude', true) as Node) });
      const location = clone !== undefined ? parseGitLocation(clone, baseDir) : undefined;
      return {
        name: name ?? github,
        kind: 'github',
        url: location?.url ?? githubCloneUrl(config.github.webUrl, github),
        local: location?.local ?? false,
        branch,
        github: { owner: target.owner, name: target.name },
        origin,
      };
    }
    if (exclude.length > 0) warnings.push({ message: '`exclude:` only applies to `github: owner/*`', origin: at(node.get('exclude', true) as Node) });
    if (clone !== undefined) {
      warnings.push({ message: '`clone:` only applies to `github:` repositories; for `git:` put the location in `git:`', origin: at(node.get('clone', true) as Node) });
    }
    const location = parseGitLocation(git as string, baseDir);
    return { name: name ?? location.name, kind: 'git', url: location.url, local: location.local, branch, origin };
  }
}

export function formatProblem(problem: ConfigProblem): string {
  return `${problem.origin.file}:${problem.origin.line}: ${problem.message}`;
}
