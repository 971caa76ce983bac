import { appendFile, access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_CONFIG_FILE } from '../config/load.js';
import { EXIT_USAGE, UserError } from '../errors.js';
import { streamLog } from '../log.js';
import type { CliIo } from './io.js';

export const STARTER_CONFIG = `# cdstats configuration: which projects to analyse and where to keep the data.
# Every key is described in the README of cdstats, section "Configuration".

# Shown as the title of the report.
title: My projects

# The DuckDB database holding everything collected. Relative paths are relative to this file.
# Remote repositories are mirrored in a "mirrors" folder next to it.
database: data/cdstats.duckdb

# Your own report pages (YAML files like the package's reports/*.yaml), added to the report:
# reports: my-reports

projects:
  - name: Example
    # maturity: incubating        # optional: sandbox, incubating, graduated, or your own words
    # joined: 2024-01-15          # optional: the day it joined (cdstats query <id> --from joined)
    repos:
      # A GitHub repository: cloned from https://github.com/OWNER/NAME.git.
      - github: tektoncd/pipeline
      # Clone from a local mirror instead (the repository is still known as its GitHub name):
      # - github: tektoncd/cli
      #   clone: /srv/mirrors/cli.git
      # Any git host, history only:
      # - git: https://gitlab.com/group/repo.git
      # A local repository, read in place (path relative to this file):
      # - git: ../some-repo
      #   branch: main            # optional: the branch to analyse (default: the repository's HEAD)
      #   group: core             # optional: its repository group (core, plugins, docs…)

# Groups of projects, counted as one (a person active in several of them counts once):
# groups:
#   My foundation: [Example]
`;

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** `cdstats init`: writes the starter config and adds the data and report folders to .gitignore. */
export async function runInit(configFile: string | undefined, force: boolean, io: CliIo): Promise<void> {
  const log = streamLog(io.stderr);
  const file = path.resolve(io.cwd, configFile ?? DEFAULT_CONFIG_FILE);
  if (!force && (await exists(file))) throw new UserError(`${file} already exists; use --force to overwrite it`, EXIT_USAGE);
  await writeFile(file, STARTER_CONFIG);
  log.info(`wrote ${file}: edit the projects, then run \`cdstats collect\``);
  const ignore = path.join(path.dirname(file), '.gitignore');
  const current = (await exists(ignore)) ? await readFile(ignore, 'utf8') : '';
  const lines = current.split('\n').map((l) => l.trim());
  // `report` without a slash: the report is a symbolic link, which `report/` does not match.
  const wanted = ['data/', 'report'].filter((entry) => !lines.includes(entry) && !lines.includes(`/${entry}`));
  if (wanted.length > 0) {
    await appendFile(ignore, `${current === '' || current.endsWith('\n') ? '' : '\n'}${wanted.join('\n')}\n`);
    log.info(`added ${wanted.join(', ')} to ${ignore}`);
  }
}
