/** Where a config value came from, for messages that point at file:line. */
export interface Origin {
  file: string;
  line: number;
}

export interface RepoConfig {
  /** Stable display name, unique across the config: `owner/name`, `host/path` or a folder name. */
  name: string;
  /** `github` repos get GitHub data in later phases; `git` repos only git history. */
  kind: 'github' | 'git';
  /** What git clones and fetches from: a URL, or an absolute path for a local repository. */
  url: string;
  /** Local repositories are read in place; remote ones are mirrored under the data folder. */
  local: boolean;
  /** Branch to analyse; the repository's default branch when absent. */
  branch: string | undefined;
  /** Owner and name on GitHub, for `github:` repositories. */
  github?: { owner: string; name: string };
  /** The repository group it belongs to (`group:` on the repository), if any. */
  group?: string;
  origin: Origin;
}

/** `github: owner/*`: every non-archived, non-fork repository of an organisation or user. */
export interface OwnerConfig {
  owner: string;
  /** Glob patterns (`*` and `?`) matched against the repository name or owner/name. */
  exclude: string[];
  /** The repository group every repository of the owner belongs to (`group:`), if any. */
  group?: string;
  origin: Origin;
}

export interface GithubConfig {
  /** Name of the environment variable holding the token. */
  tokenEnv: string;
  /** GraphQL endpoint from the config; GITHUB_GRAPHQL_URL or GitHub's own when absent. */
  graphqlUrl: string | undefined;
  /** Base of clone URLs for `github:` repositories (`https://github.com`, or a GitHub Enterprise host). */
  webUrl: string;
  /** Repositories collected from the API at once. */
  concurrency: number;
  /** Seconds one request may take, answer included, before its repository fails. */
  timeoutSeconds: number;
  /** Minutes one repository's GitHub data may take in a run (a later run resumes where it stopped). */
  repoDeadlineMinutes: number;
  /** Days a GitHub profile (its `company`) stays fresh before a collect reads it again. */
  profileRefreshDays: number;
  /** The most GitHub profiles read in one collect (0: none). */
  profilesPerRun: number;
}

export interface GitConfig {
  /**
   * Minutes one repository's git work (clone or fetch, reading its history) may take in a run;
   * past them its git processes are killed and it fails. Waits for other repositories do not count.
   */
  timeoutMinutes: number;
}

/** One person as the config declares them: their identities, and their affiliations (gitdm syntax). */
export interface PersonOverride {
  name: string | undefined;
  emails: string[];
  logins: string[];
  /** `Company`, `Company until YYYY-MM-DD`, `Company from X until Y`, `Company from X`, each with its line. */
  affiliations: { text: string; origin: Origin }[];
  origin: Origin;
}

/** What a gitdm file holds: `developers_affiliations*.txt` blocks, the email map, or company name aliases. */
export type GitdmFormat = 'affiliations' | 'email-map' | 'company-names';

/**
 * A gitdm file named in the config. A path that turns out to be a folder when it is read is a
 * local git repository, read in place with the defaults of GitdmRepoSource.
 */
export interface GitdmFileSource {
  kind: 'file';
  /** Absolute. */
  path: string;
  /** undefined: from the file's name (`email-map` → email map, `company-names` → aliases, else affiliations). */
  format: GitdmFormat | undefined;
  origin: Origin;
}

/** A git repository of gitdm data (cncf/gitdm's layout by default), read at its branch tip. */
export interface GitdmRepoSource {
  kind: 'repo';
  /** Mirrored at collect like a project's repository (remote), or read in place (local). */
  repo: RepoConfig;
  /** Where git runs: the mirror's folder, or the local repository. */
  gitDir: string;
  /** Patterns of the affiliation files' paths (`*` stays within a folder). */
  affiliations: string[];
  /** Path of the email map in the repository; null: none is read. */
  emailMap: string | null;
  /** Path of the company names mapping (`From -> To` aliases); null: none is read. */
  companyNames: string | null;
  origin: Origin;
}

export type GitdmSource = GitdmFileSource | GitdmRepoSource;

export interface IdentityConfig {
  /** Extra .mailmap files (absolute), on top of each repository's own. */
  mailmaps: string[];
  /** gitdm files and repositories, in the order listed (a later affiliation line wins overlapping days). */
  gitdm: GitdmSource[];
  /** Email domain (lower case) → company, for people with no other affiliation. */
  domains: Map<string, string>;
  /** Company alias (lower case) → the one name to use (acquisitions, spellings). */
  aliases: Map<string, string>;
  people: PersonOverride[];
  bots: { include: string[]; exclude: string[] };
}

/** The maturity levels cdstats knows (CNCF's and the CD Foundation's); any other text is kept as written. */
export const MATURITIES = ['sandbox', 'incubating', 'graduated'] as const;

/** A repository group of a project (devstats' "repository groups": core, plugins…). */
export interface RepoGroupConfig {
  name: string;
  /** Repository names (as `repos[].name` makes them) or glob patterns (`jenkinsci/*-plugin`). */
  repos: string[];
  origin: Origin;
}

export interface ProjectConfig {
  name: string;
  repos: RepoConfig[];
  /** Owners whose repositories are listed over the GitHub API at collect time. */
  owners: OwnerConfig[];
  /** `sandbox`, `incubating`, `graduated` (lower-cased), or free text as written; undefined when not given. */
  maturity: string | undefined;
  /** The day the project joined the foundation, YYYY-MM-DD; undefined when not given. */
  joined: string | undefined;
  /** `repoGroups:`, in the order written. */
  repoGroups: RepoGroupConfig[];
  origin: Origin;
}

/** A named group of projects (`groups:`): its figures count each person once, wherever they contributed in it. */
export interface GroupConfig {
  name: string;
  /** Project names, each once, in the order written. */
  projects: string[];
  origin: Origin;
}

export interface Config {
  title: string;
  /** Absolute path of the DuckDB file. */
  database: string;
  /** Absolute path of the folder holding bare mirrors of remote repositories. */
  mirrors: string;
  projects: ProjectConfig[];
  /** `groups:`, in the order written. */
  groups: GroupConfig[];
  github: GithubConfig;
  git: GitConfig;
  identity: IdentityConfig;
  /** Absolute path of a folder of report definitions that add to (or replace) the package's reports/. */
  reports: string | undefined;
  /** The file the config was read from, or undefined for the implicit one. */
  file: string | undefined;
}

export interface ConfigProblem {
  message: string;
  origin: Origin;
}
