import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';
import { silentLog } from '../../src/log.js';
import { tempDir } from '../helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

async function failure(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error;
}

describe('--config naming a folder', () => {
  it('says it is a folder and names the cdstats.yaml inside it', async () => {
    const folder = path.join(dir, 'with-config');
    await mkdir(folder);
    await writeFile(path.join(folder, 'cdstats.yaml'), 'projects: []\n');
    const error = await failure(loadConfig(folder, silentLog, dir));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`--config names a folder, ${folder}, not a file; did you mean ${path.join(folder, 'cdstats.yaml')}?`);
  });

  it('says it is a folder when there is no config inside', async () => {
    const folder = path.join(dir, 'empty');
    await mkdir(folder);
    const error = await failure(loadConfig('empty', silentLog, dir));
    expect(error.message).toBe(`--config names a folder, ${folder}, not a file; give the config file (\`cdstats init --config ${path.join(folder, 'cdstats.yaml')}\` writes one)`);
  });
});
