import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { collect } from '../../src/collect/run.js';
import { loadConfig } from '../../src/config/load.js';
import { silentLog } from '../../src/log.js';
import { queryDb } from '../helpers/db.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

// The last step before the run is marked finished: a failure there is an error no repository catches.
vi.mock('../../src/identity/load.js', async (original) => ({
  ...(await original<typeof import('../../src/identity/load.js')>()),
  storeIdentity: () => Promise.reject(new Error('disk full')),
}));

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

describe('an error no repository catches', () => {
  it('marks the run failed with the message instead of leaving it running', async () => {
    const repo = await TestRepo.create(path.join(dir, 'demo'));
    await repo.commit({ message: 'one' });
    await writeConfig(dir, `title: Test\nprojects:\n  - name: Demo\n    repos:\n      - git: ./demo\n`);
    const config = await loadConfig(path.join(dir, 'cdstats.yaml'), silentLog);
    await expect(collect(config, { projects: [], wait: 0, log: silentLog })).rejects.toThrow('disk full');
    const runs = await queryDb(path.join(dir, 'data', 'cdstats.duckdb'), 'SELECT status, finished_at IS NOT NULL AS finished, errors FROM runs');
    expect(runs).toEqual([{ status: 'failed', finished: true, errors: 'collect stopped: disk full' }]);
  });
});
