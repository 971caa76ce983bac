import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface Person {
  name: string;
  email: string;
}

export interface CommitSpec {
  /** File contents by path; null deletes the file. */
  files?: Record<string, string | Buffer | null>;
  message?: string;
  author?: Person;
  committer?: Person;
  /** ISO date with offset, e.g. `2024-01-15T10:00:00+02:00`. */
  date?: string;
  committerDate?: string;
}

const DEFAULT_PERSON: Person = { name: 'Ada Lovelace', email: 'ada@example.org' };

/** A temporary folder removed by `cleanup()`. */
export async function tempDir(prefix = 'cdstats-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs git with a fixed, config-independent environment and returns stdout. */
export async function git(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await exec('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', TZ: 'UTC', ...env },
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  return stdout;
}

/** A real git repository in a temp folder, with commits made at fixed dates by fixed people. */
export class TestRepo {
  private constructor(readonly dir: string) {}

  static async create(dir: string, options: { bare?: boolean } = {}): Promise<TestRepo> {
    await mkdir(dir, { recursive: true });
    await git(dir, ['init', '-q', ...(options.bare ? ['--bare'] : []), '-b', 'main']);
    return new TestRepo(dir);
  }

  git(args: string[], env: Record<string, string> = {}): Promise<string> {
    return git(this.dir, args, env);
  }

  /** Writes the files, commits them (allowing empty commits) and returns the new sha. */
  async commit(spec: CommitSpec = {}): Promise<string> {
    for (const [file, content] of Object.entries(spec.files ?? { [`file-${Math.random().toString(36).slice(2)}.txt`]: 'x\n' })) {
      const full = path.join(this.dir, file);
      if (content === null) {
        await this.git(['rm', '-q', '--', file]);
      } else {
        await mkdir(path.dirname(full), { recursive: true });
        await writeFile(full, content);
        await this.git(['add', '--', file]);
      }
    }
    const author = spec.author ?? DEFAULT_PERSON;
    const committer = spec.committer ?? author;
    const date = spec.date ?? '2024-01-01T12:00:00+00:00';
    await this.git(['commit', '-q', '--allow-empty', '--no-verify', '-m', spec.message ?? 'change'], {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: spec.committerDate ?? date,
    });
    return this.head();
  }

  async head(): Promise<string> {
    return (await this.git(['rev-parse', 'HEAD'])).trim();
  }

  /** Merges `branch` into the current branch with a merge commit. */
  async merge(branch: string, spec: Omit<CommitSpec, 'files'> = {}): Promise<string> {
    const author = spec.author ?? DEFAULT_PERSON;
    const date = spec.date ?? '2024-01-01T12:00:00+00:00';
    await this.git(['merge', '-q', '--no-ff', '--no-edit', '-m', spec.message ?? `Merge ${branch}`, branch], {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
      GIT_COMMITTER_DATE: date,
    });
    return this.head();
  }
}

export async function writeConfig(dir: string, yaml: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'cdstats.yaml');
  await writeFile(file, yaml);
  return file;
}
