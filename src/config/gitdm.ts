import path from 'node:path';
import { githubCloneUrl, mirrorPath, parseGithubTarget, parseGitLocation, transportProblem } from './repo.js';
import type { GitdmFormat, GitdmRepoSource, GitdmSource, Origin } from './types.js';
import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YamlFile } from './yaml.js';

/**
 * What cdstats reads from a gitdm repository unless told otherwise: cncf/gitdm's layout, as
 * devstats uses it: the affiliation files at the top and the email map under src/. The company
 * names mapping (src/company-names-mapping) is read only when `companyNames:` names it: gitdm
 * wrote it to fold the spellings of GitHub profiles, and applied to the curated affiliation
 * files it renames their companies away from what devstats shows ("Red Hat Inc." → "Red Hat",
 * "Microsoft Corporation" → "Microsoft") and turns some employers into Independent
 * (universities) or another company ("Outreach" → "Outreachy").
 */
export const GITDM_DEFAULTS = {
  affiliations: ['developers_affiliations*.txt'],
  emailMap: 'src/cncf-config/email-map',
  companyNames: null,
} as const;

const FORMATS: readonly GitdmFormat[] = ['affiliations', 'email-map', 'company-names'];
const KEYS = ['file', 'format', 'git', 'github', 'branch', 'affiliations', 'emailMap', 'companyNames'];

export interface GitdmContext {
  baseDir: string;
  /** Folder of the bare mirrors (config.mirrors). */
  mirrors: string;
  /** Base of `github:` clone URLs. */
  webUrl: string;
}

/** A repository source with the defaults; `local` ones are read in place, others mirrored at collect. */
export function gitdmRepo(url: string, local: boolean, name: string, origin: Origin, mirrors: string, options: Partial<Pick<GitdmRepoSource, 'affiliations' | 'emailMap' | 'companyNames'>> & { branch?: string } = {}): GitdmRepoSource {
  const repo = { name: `gitdm-${name}`, kind: 'git' as const, url, local, branch: options.branch, origin };
  return {
    kind: 'repo',
    repo,
    gitDir: local ? url : mirrorPath(mirrors, repo),
    affiliations: options.affiliations ?? [...GITDM_DEFAULTS.affiliations],
    emailMap: options.emailMap === undefined ? GITDM_DEFAULTS.emailMap : options.emailMap,
    companyNames: options.companyNames === undefined ? GITDM_DEFAULTS.companyNames : options.companyNames,
    origin,
  };
}

/** A path inside the repository, `false` for none, or the default when absent. */
function repoPath(yaml: YamlFile, map: YAMLMap, key: 'emailMap' | 'companyNames'): string | null | undefined {
  const node = yaml.node(map, key);
  if (node === undefined) return undefined;
  if (isScalar(node) && node.value === false) return null;
  if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value.trim().replace(/^\/+/, '');
  const fallback = GITDM_DEFAULTS[key];
  return yaml.fail(node, `\`${key}\` is a path inside the repository${fallback === null ? ' (such as src/company-names-mapping)' : ` (default ${fallback})`}, or \`false\` to read none`);
}

function patterns(yaml: YamlFile, map: YAMLMap): string[] | undefined {
  const node = yaml.node(map, 'affiliations');
  if (node === undefined) return undefined;
  if (isScalar(node) && typeof node.value === 'string') return [node.value.trim()];
  if (isSeq(node) && node.items.every((item) => isScalar(item) && typeof item.value === 'string')) return node.items.map((item) => String((item as { value: string }).value).trim());
  return yaml.fail(node, '`affiliations` is a list of path patterns such as "developers_affiliations*.txt"');
}

/** A string entry: a URL is a repository, a path is a file (or, when it is a folder, a local repository). */
function fromString(yaml: YamlFile, node: Node, value: string, context: GitdmContext): GitdmSource | undefined {
  const problem = transportProblem(value);
  if (problem !== undefined) return yaml.fail(node, problem);
  const location = parseGitLocation(value, context.baseDir);
  const origin = yaml.at(node);
  if (!location.local) return gitdmRepo(location.url, false, location.name, origin, context.mirrors);
  return { kind: 'file', path: location.url, format: undefined, origin };
}

function fromMap(yaml: YamlFile, node: YAMLMap, context: GitdmContext): GitdmSource | undefined {
  yaml.checkKeys(node, KEYS, 'a gitdm source');
  const origin = yaml.at(node);
  const file = yaml.text(node, 'file');
  const git = yaml.text(node, 'git');
  const github = yaml.text(node, 'github');
  if ([file, git, github].filter((v) => v !== undefined).length !== 1) {
    return yaml.fail(node, 'a gitdm source needs exactly one of `file: PATH`, `git: URL-or-path` or `github: owner/name`');
  }
  if (file !== undefined) {
    for (const key of ['branch', 'affiliations', 'emailMap', 'companyNames']) if (node.has(key)) yaml.fail(yaml.node(node, key), `\`${key}:\` applies to a repository (\`git:\` or \`github:\`), not to \`file:\``);
    return { kind: 'file', path: path.resolve(context.baseDir, file), format: yaml.oneOf(node, 'format', FORMATS), origin };
  }
  if (node.has('format')) yaml.fail(yaml.node(node, 'format'), '`format:` applies to `file:`; a repository has `affiliations:`, `emailMap:` and `companyNames:`');
  const options = { branch: yaml.text(node, 'branch'), affiliations: patterns(yaml, node), emailMap: repoPath(yaml, node, 'emailMap'), companyNames: repoPath(yaml, node, 'companyNames') };
  if (github !== undefined) {
    const target = parseGithubTarget(github);
    if (target.kind !== 'repo') return yaml.fail(yaml.node(node, 'github'), target.kind === 'invalid' ? target.message : 'a gitdm source is one repository, not `owner/*`');
    const url = githubCloneUrl(context.webUrl, github);
    return gitdmRepo(url, false, parseGitLocation(url, context.baseDir).name, origin, context.mirrors, options);
  }
  const problem = transportProblem(git as string);
  if (problem !== undefined) return yaml.fail(yaml.node(node, 'git'), problem);
  const location = parseGitLocation(git as string, context.baseDir);
  return gitdmRepo(location.url, location.local, location.name, origin, context.mirrors, options);
}

/** `identity.gitdm`: a list (or one entry) of paths, URLs, or mappings with options. */
export function parseGitdmSources(yaml: YamlFile, node: Node | undefined, context: GitdmContext): GitdmSource[] {
  if (node === undefined) return [];
  const items = isSeq(node) ? (node.items as Node[]) : [node];
  const sources: GitdmSource[] = [];
  for (const item of items) {
    const source =
      isScalar(item) && typeof item.value === 'string' && item.value.trim() !== ''
        ? fromString(yaml, item, item.value.trim(), context)
        : isMap(item)
          ? fromMap(yaml, item, context)
          : yaml.fail(item, 'each `identity.gitdm` entry is a file path, a repository URL or path, or a mapping with `file:`, `git:` or `github:`');
    if (source) sources.push(source);
  }
  return sources;
}
