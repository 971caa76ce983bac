import path from 'node:path';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { checkGithubName, githubCloneUrl, parseGitLocation } from './repo.js';
import type { Config, ConfigProblem, Origin, ProjectConfig, RepoConfig } from './types.js';

// yaml is CommonJS under Node: require() spares the start-up cost of lexing it for ES exports.
const { isMap, isScalar, isSeq, LineCounter, parseDocument } = createRequire(import.meta.url)('yaml') as typeof Yaml;

export interface ParsedConfig {
  config: Config;
  errors: ConfigProblem[];
  warnings: ConfigProblem[];
}

const TOP_KEYS = ['title', 'database', 'mirrors', 'projects'];
const PROJECT_KEYS = ['name', 'repos'];
const REPO_KEYS = ['github', 'git', 'clone', 'branch', 'name'];
export const DEFAULT_DATABASE = 'data/cdstats.duckdb';

/**
 * Parses and validates a cdstats.yaml text. Pure: `file` is only used for messages and to
 * resolve relative paths. Every problem is collected, so a user fixes them all at once.
 */
export function parseConfig(text: string, file: string): ParsedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const baseDir = path.dirname(path.resolve(file));
  const at = (node: Node | null | undefined): Origin => ({
    file,
    line: node?.range ? lineCounter.linePos(node.range[0]).line : 1,
  });
  const empty: Config = {
    title: 'cdstats',
    database: path.resolve(baseDir, DEFAULT_DATABASE),
    mirrors: path.resolve(baseDir, 'data/mirrors'),
    projects: [],
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
    const project: ProjectConfig = { name: name ?? '', repos: [], origin };
    if (!isSeq(reposNode) || reposNode.items.length === 0) {
      errors.push({ message: `project "${name ?? '?'}" needs a non-empty \`repos\` list`, origin: at(reposNode ?? projectNode) });
    } else {
      for (const repoNode of reposNode.items) {
        const repo = parseRepo(repoNode as Node);
        if (!repo) continue;
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

  function parseRepo(node: Node): RepoConfig | undefined {
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
    if (github !== undefined) {
      const problem = checkGithubName(github);
      if (problem) {
        errors.push({ message: problem, origin: at(node.get('github', true) as Node) });
        return undefined;
      }
      const location = clone !== undefined ? parseGitLocation(clone, baseDir) : undefined;
      return {
        name: name ?? github,
        kind: 'github',
        url: location?.url ?? githubCloneUrl(github),
        local: location?.local ?? false,
        branch,
        origin,
      };
    }
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
