import { copyFile, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ADA } from '../helpers/fixture.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;
let good: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cdstats-damaged-'));
  const repo = await TestRepo.create(path.join(dir, 'repo'));
  await repo.commit({ message: 'first', author: ADA, date: '2024-03-01T10:00:00Z' });
  await writeConfig(dir, 'projects:\n  - name: P\n    repos:\n      - git: ./repo\n');
  expect((await runCli(['collect'], { cwd: dir })).code).toBe(0);
  good = path.join(dir, 'data', 'cdstats.duckdb');
});
afterAll(() => cleanup());

const ALL = ['query', 'report', 'people'];
const ARGS: Record<string, string[]> = { query: ['SELECT * FROM sync_state'], report: ['--out', 'site'], people: [] };

/** Ways a database file gets damaged (cut short by a full disk or a copy stopped, overwritten, not a database at all), and the commands that meet it. */
const DAMAGE: [string, string[], (file: string) => Promise<void>][] = [
  ['truncated to half', ALL, async (file) => truncate(file, Math.floor((await stat(file)).size / 2))],
  ['truncated to 100 bytes', ALL, async (file) => truncate(file, 100)],
  ['empty', ALL, async (file) => truncate(file, 0)],
  ['with garbage over its blocks', ALL, (file) => scramble(file, 4096, Infinity)],
  // The tables in these blocks are read only by a query that reads them: people reads none of them.
  ['with garbage in its last blocks', ['query', 'report'], (file) => scramble(file, -4 * 262_144, Infinity)],
  ['with a garbage header', ALL, (file) => scramble(file, 0, 4096)],
  ['that is a text file', ALL, async (file) => writeFile(file, 'projects:\n  - name: P\n')],
  ['that is a SQLite file', ALL, async (file) => writeFile(file, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4080)]))],
];

/** Overwrites bytes `from` (from the end when negative) to `to` with garbage. */
async function scramble(file: string, from: number, to: number): Promise<void> {
  const bytes = await readFile(file);
  for (let i = from < 0 ? bytes.length + from : from; i < Math.min(to, bytes.length); i++) bytes[i] = (i * 7919) % 251;
  await writeFile(file, bytes);
}

describe.each(DAMAGE)('a database file %s', (what, commands, damage) => {
  it.each(commands)('`cdstats %s` says it is damaged and what to do, exit 1', async (command) => {
    const name = `${what.replace(/\W+/g, '-')}-${command}.duckdb`;
    const file = path.join(dir, name);
    await copyFile(good, file);
    await damage(file);
    await writeFile(path.join(dir, `${name}.yaml`), `database: ${name}\nprojects:\n  - name: P\n    repos:\n      - git: ./repo\n`);
    const result = await runCli(['--config', `${name}.yaml`, command, ...(ARGS[command] ?? [])], { cwd: dir });
    const [line, ...more] = result.stderr.split('\n');
    expect(line).toMatch(`cdstats: database ${file} is damaged (`);
    expect(line?.endsWith('): restore it from a backup, or move it aside and run `cdstats collect` to build it again from the mirrors')).toBe(true);
    expect(more).toEqual(['']);
    expect(result.code).toBe(1);
  });
});
