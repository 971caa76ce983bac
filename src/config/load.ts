import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { EXIT_USAGE, UserError } from '../errors.js';
import { runGit } from '../git.js';
import type { Log } from '../log.js';
import { DEFAULT_IDENTITY } from './identity.js';
import { DEFAULT_DATABASE, DEFAULT_GIT, DEFAULT_GITHUB, formatProblem, parseConfig } from './parse.js';
import { folderName } from './repo.js';
import type { Config } from './types.js';

export const DEFAULT_CONFIG_FILE = 'cdstats.yaml';

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Reads the config named by --config. When the default file is absent, cdstats analyses the
 * git repository of the current directory, so a fresh clone works with no set-up.
 */
export async function loadConfig(option: string | undefined, log: Log, cwd: string = process.cwd()): Promise<Config> {
  const file = path.resolve(cwd, option ?? DEFAULT_CONFIG_FILE);
  if ((await stat(file).catch(() => undefined))?.isDirectory()) throw await folderGiven(file);
  if (await exists(file)) {
    const { config, errors, warnings } = parseConfig(await readFile(file, 'utf8'), path.relative(cwd, file) || file, cwd);
    for (const warning of warnings) log.warn(formatProblem(warning));
    if (errors.length > 0) {
      const list = errors.map((e) => `  ${formatProblem(e)}`).join('\n');
      throw new UserError(`${errors.length} problem${errors.length > 1 ? 's' : ''} in ${file}:\n${list}`, EXIT_USAGE);
    }
    return config;
  }
  if (option !== undefined) throw new UserError(`config file ${file} does not exist; \`cdstats init\` writes a starter one`, EXIT_USAGE);
  return implicitConfig(cwd);
}

/** The error for a config path that is a folder, naming the config inside it when there is one. */
async function folderGiven(folder: string): Promise<UserError> {
  const inside = path.join(folder, DEFAULT_CONFIG_FILE);
  const hint = (await exists(inside)) ? `did you mean ${inside}?` : `give the config file (\`cdstats init --config ${inside}\` writes one)`;
  return new UserError(`--config names a folder, ${folder}, not a file; ${hint}`, EXIT_USAGE);
}

async function implicitConfig(cwd: string): Promise<Config> {
  let top: string;
  try {
    top = (await runGit(['rev-parse', '--show-toplevel'], cwd)).trim();
  } catch {
    throw new UserError(
      `no ${DEFAULT_CONFIG_FILE} in ${cwd} and it is not inside a git repository; run \`cdstats init\` to write a config, or pass --config FILE`,
      EXIT_USAGE,
    );
  }
  const name = folderName(top);
  const origin = { file: '(implicit: the current git repository)', line: 1 };
  const database = path.resolve(cwd, DEFAULT_DATABASE);
  return {
    title: name,
    database,
    mirrors: path.join(path.dirname(database), 'mirrors'),
    projects: [{ name, origin, owners: [], repos: [{ name, kind: 'git', url: top, local: true, branch: undefined, origin }], maturity: undefined, joined: undefined, repoGroups: [] }],
    groups: [],
    github: DEFAULT_GITHUB,
    git: DEFAULT_GIT,
    identity: DEFAULT_IDENTITY,
    reports: undefined,
    file: undefined,
  };
}
