import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SSH_COMMAND, sshEnv } from '../../src/git.js';
import { tempDir } from '../helpers/git.js';

// ssh gets a connect timeout and no prompts where git would run plain ssh; a user's own ssh
// command (GIT_SSH_COMMAND, GIT_SSH, core.sshCommand) is used as it is.
describe('sshEnv', () => {
  it('adds cdstats ssh options only where the user chose no ssh command', () => {
    expect(sshEnv({}, () => false)).toEqual({ GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o ConnectTimeout=30' });
    expect(sshEnv({ GIT_SSH_COMMAND: 'ssh -i key' }, () => false)).toEqual({});
    expect(sshEnv({ GIT_SSH: '/usr/bin/plink' }, () => false)).toEqual({});
    expect(sshEnv({}, () => true)).toEqual({});
  });
});

let dir: string;
let cleanup: () => Promise<void>;
const saved = { PATH: process.env.PATH, GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL, GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND, GIT_SSH: process.env.GIT_SSH };

/** A script that writes the arguments it was run with to `<name>.args` and fails, as an unreachable host does. */
async function fakeSsh(name: string): Promise<{ file: string; args: () => Promise<string> }> {
  const file = path.join(dir, 'bin', name);
  await writeFile(file, `#!/bin/sh\necho "$@" >> ${file}.args\nexit 255\n`);
  await chmod(file, 0o755);
  return { file, args: () => readFile(`${file}.args`, 'utf8') };
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  await mkdir(path.join(dir, 'bin'));
  process.env.PATH = `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`;
  Reflect.deleteProperty(process.env, 'GIT_SSH_COMMAND');
  Reflect.deleteProperty(process.env, 'GIT_SSH');
});
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
  await cleanup();
});

describe('ssh as git runs it', () => {
  it('has a connect timeout and no prompts when the user set no ssh command', async () => {
    const ssh = await fakeSsh('ssh');
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    vi.resetModules();
    const { runGit } = await import('../../src/git.js');
    await expect(runGit(['ls-remote', 'ssh://git@example.invalid/x.git'], dir)).rejects.toThrow();
    expect(await ssh.args()).toContain(`${SSH_COMMAND.replace(/^ssh /, '')} `);
    await rm(`${ssh.file}.args`);
  });

  it("runs the user's core.sshCommand as it is", async () => {
    const mine = await fakeSsh('my-ssh');
    const gitconfig = path.join(dir, 'gitconfig');
    await writeFile(gitconfig, `[core]\n\tsshCommand = ${mine.file} -o ConnectTimeout=5\n`);
    process.env.GIT_CONFIG_GLOBAL = gitconfig;
    vi.resetModules();
    const { runGit } = await import('../../src/git.js');
    await expect(runGit(['ls-remote', 'ssh://git@example.invalid/x.git'], dir)).rejects.toThrow();
    const args = await mine.args();
    expect(args).toContain('-o ConnectTimeout=5');
    expect(args).not.toContain('BatchMode');
  });
});
