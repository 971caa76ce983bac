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
  origin: Origin;
}

export interface ProjectConfig {
  name: string;
  repos: RepoConfig[];
  origin: Origin;
}

export interface Config {
  title: string;
  /** Absolute path of the DuckDB file. */
  database: string;
  /** Absolute path of the folder holding bare mirrors of remote repositories. */
  mirrors: string;
  projects: ProjectConfig[];
  /** The file the config was read from, or undefined for the implicit one. */
  file: string | undefined;
}

export interface ConfigProblem {
  message: string;
  origin: Origin;
}
