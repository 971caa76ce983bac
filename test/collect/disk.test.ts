import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { queryDb } from '../helpers/db.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

// Issue 12, case 11: a database or mirror that cannot be written (a full disk, a file where a
// folder should be) is said with its path and what to do; what is stored stays. As root, chmod
// stops no write: the folder is put under a file, and a full disk is injected at the store's
// seam, with the words DuckDB uses.
const fault = vi.hoisted(() => ({ diskFull: false }));
vi.mock('../../src/store/commits.js', async (original) => {
  const real = await original<typeof import('../../src/store/commits.js')>();
  return {
    ...real,
    insertCommits: (...args: Parameters<typeof real.insertCommits>) =>
      fault.diskFull ? Promise.reject(new Error(`IO Error: Could not write file "${args[0].file}.wal": No space left on device`)) : real.insertCommits(...args),
  };
});

let dir: string;
let cleanup: () => Promise<void>;
let repo: TestRepo;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  repo = await TestRepo.create(path.join(dir, 'demo'));
  await repo.commit({ message: 'one' });
  await writeFile(path.join(dir, 'a-file'), 'not a folder\n');
});
afterAll(() => cleanup());

describe('a path that cannot be written', () => {
  it('a database under a file: names the path, exit 1', async () => {
    const work = path.join(dir, 'database');
    await writeConfig(work, 'database: ../a-file/cdstats.duckdb\nprojects:\n  - name: Demo\n    repos:\n      - git: ../demo\n');
    const result = await runCli(['collect'], { cwd: work });
    expect(result.stderr).toBe(
      `cdstats: cannot write the database ${dir}/a-file/cdstats.duckdb: ${dir}/a-file is a file, not a folder; move it, or set \`database:\` to another place; what is stored stays, and the next collect goes on from there\n`,
    );
    expect(result.code).toBe(1);
  });

  it('mirrors under a file: that repository fails naming its mirror, the others go on', async () => {
    const work = path.join(dir, 'mirrors');
    await writeConfig(work, `mirrors: ../a-file/mirrors\nprojects:\n  - name: Demo\n    repos:\n      - git: ../demo\n      - git: file://${repo.dir}\n        name: remote\n`);
    const result = await runCli(['collect'], { cwd: work });
    expect(result.stderr).toContain('demo: 1 new commit (main)');
    expect(result.stderr).toMatch(new RegExp(`remote: failed: cannot write the mirror ${dir}/a-file/mirrors/remote-[0-9a-f]{12}\\.git: ${dir}/a-file is a file, not a folder; move it, or set \`mirrors:\` to another place\\n`));
    expect(result.code).toBe(1);
  });

  it('a full disk while writing the database: says so with its path, and what was stored stays', async () => {
    const work = path.join(dir, 'full');
    await writeConfig(work, 'projects:\n  - name: Demo\n    repos:\n      - git: ../demo\n');
    expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
    await repo.commit({ message: 'two' });
    fault.diskFull = true;
    const result = await runCli(['collect'], { cwd: work });
    fault.diskFull = false;
    const db = path.join(work, 'data', 'cdstats.duckdb');
    expect(result.stderr).toContain(
      `demo: failed: cannot write the database ${db}: the disk is full (IO Error: Could not write file "${db}.wal": No space left on device); free some space, or set \`database:\` to another place; what is stored stays`,
    );
    expect(result.code).toBe(1);
    expect(await queryDb(db, 'SELECT subject FROM commits')).toEqual([{ subject: 'one' }]);
  });
});

describe('writeError', () => {
  it("knows git's words for a full disk, and not an ssh server's refusal", () => {
    expect(writeError('the mirror', '/m/x.git', new Error('fatal: write error: No space left on device'), '`mirrors:`')?.message).toBe(
      'cannot write the mirror /m/x.git: the disk is full (fatal: write error: No space left on device); free some space, or set `mirrors:` to another place',
    );
    expect(writeError('the mirror', '/m/x.git', new Error('git@host: Permission denied (publickey).\nfatal: Could not read from remote repository.'), '`mirrors:`')).toBeUndefined();
  });
});
