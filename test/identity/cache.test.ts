import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastIdentitySource } from '../../src/identity/session.js';
import { Database } from '../../src/store/db.js';
import { runCli } from '../helpers/cli.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;
let work: string;
let database: string;

const ADA = { name: 'Ada Lovelace', email: 'ada@x.org' };
const affiliations = (company: string) => `ada: ada!x.org\n\t${company}\n`;

/** Ada's company as `cdstats query` sees it, and how the command got its people. */
async function adaCompany(): Promise<{ company: unknown; source: ReturnType<typeof lastIdentitySource> }> {
  const result = await runCli(['query', '--format', 'json', "SELECT DISTINCT company FROM contributions WHERE person = 'Ada Lovelace'"], { cwd: work });
  expect(result.code).toBe(0);
  return { company: (JSON.parse(result.stdout) as { company: unknown }[])[0]?.company, source: lastIdentitySource() };
}

/** What the stored resolution was built from, read the way another DuckDB client would. */
async function stored(): Promise<{ run_id: unknown; built_at: unknown; inputs: unknown }> {
  const db = await Database.open(database, true);
  try {
    const [row] = await db.all('SELECT run_id, built_at::VARCHAR AS built_at, inputs FROM identity_state');
    return row as { run_id: unknown; built_at: unknown; inputs: unknown };
  } finally {
    db.close();
  }
}

async function write(sql: string): Promise<void> {
  const db = await Database.open(database, false);
  try {
    await db.run(sql);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  work = path.join(dir, 'work');
  database = path.join(work, 'data', 'cdstats.duckdb');
  const repo = await TestRepo.create(path.join(work, 'repo'));
  await repo.commit({ author: ADA, date: '2024-01-10T10:00:00Z' });
  await writeFile(path.join(work, 'people.txt'), affiliations('Initech'));
  await writeConfig(work, 'projects:\n  - name: Demo\n    repos:\n      - git: ./repo\nidentity:\n  gitdm: [people.txt]\n');
  expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
});
afterAll(() => cleanup());

describe('the identity cache', () => {
  it('is stored by collect and read as it is while nothing changes', async () => {
    const before = await stored();
    expect(before.run_id).toBe(1);
    expect(await adaCompany()).toEqual({ company: 'Initech', source: 'cache' });
    expect(await adaCompany()).toEqual({ company: 'Initech', source: 'cache' });
    expect(await stored()).toEqual(before);
  });

  it('is rebuilt by the next command after an edit, then read again', async () => {
    const before = await stored();
    await writeFile(path.join(work, 'people.txt'), affiliations('Globex'));
    expect(await adaCompany()).toEqual({ company: 'Globex', source: 'built and stored' });
    const after = await stored();
    expect(after.inputs).not.toBe(before.inputs);
    expect(after.run_id).toBe(1);
    expect(await adaCompany()).toEqual({ company: 'Globex', source: 'cache' });
  });

  it('is not rebuilt by a collect that finds nothing new: only its run is recorded', async () => {
    const before = await stored();
    expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
    expect(await stored()).toEqual({ ...before, run_id: 2 });
    expect(await adaCompany()).toEqual({ company: 'Globex', source: 'cache' });
  });

  it('is not trusted after a collect killed half-way, and is rebuilt then', async () => {
    await write("INSERT INTO runs (run_id, command, started_at, status) VALUES (3, 'collect', now()::TIMESTAMP, 'running')");
    expect(await adaCompany()).toEqual({ company: 'Globex', source: 'built and stored' });
    expect((await stored()).run_id).toBe(3);
    expect(await adaCompany()).toEqual({ company: 'Globex', source: 'cache' });
  });

  it('is neither used nor stored while a collect is writing', async () => {
    const before = await stored();
    await write("INSERT INTO runs (run_id, command, started_at, status) VALUES (4, 'collect', now()::TIMESTAMP, 'running')");
    // This process holds the collect lock, as a collect would.
    await writeFile(`${database}.collect.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    try {
      expect(await adaCompany()).toEqual({ company: 'Globex', source: 'built' });
      expect(await stored()).toEqual(before);
    } finally {
      await rm(`${database}.collect.lock`);
      await write("UPDATE runs SET status = 'failed' WHERE run_id = 4");
    }
  });

  it('is used alone, not stored, while another process has the database open', async () => {
    await writeFile(path.join(work, 'people.txt'), affiliations('Hooli'));
    const script = `import('@duckdb/node-api').then(async ({ DuckDBInstance }) => { await DuckDBInstance.create(${JSON.stringify(database)}, { access_mode: 'READ_ONLY' }); process.stdout.write('open\\n'); process.stdin.resume(); process.stdin.on('end', () => process.exit(0)); })`;
    const other = spawn(process.execPath, ['-e', script], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        other.stdout.on('data', () => resolve());
        other.on('exit', (code) => reject(new Error(`the other process exited with ${code}`)));
      });
      expect(await adaCompany()).toEqual({ company: 'Hooli', source: 'built' });
    } finally {
      other.stdin.end();
      await new Promise((resolve) => other.on('close', resolve));
    }
    expect(await adaCompany()).toEqual({ company: 'Hooli', source: 'built and stored' });
  });
});
