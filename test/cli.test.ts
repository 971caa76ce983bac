import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../src/cli/program.js';
import { QUERIES_DIR } from '../src/indicators/load.js';
import { CLI, captureIo, runCli, spawnCli } from './helpers/cli.js';
import { queryDb } from './helpers/db.js';
import { ADA, GRACE } from './helpers/fixture.js';
import { TestRepo, tempDir, writeConfig } from './helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;
let work: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  work = path.join(dir, 'work');
  const repo = await TestRepo.create(path.join(work, 'repo'));
  await repo.commit({ message: 'first, with "quotes"', author: ADA, date: '2024-03-01T10:00:00Z' });
  await repo.commit({ message: 'second\u00e9', author: GRACE, date: '2024-03-02T10:00:00Z' });
  await writeConfig(work, 'projects:\n  - name: P\n    repos:\n      - git: ./repo\n');
  expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
});
afterAll(() => cleanup());

const SQL = 'SELECT author_name AS name, subject FROM commits ORDER BY authored_at';

describe('cdstats query', () => {
  it('prints CSV when not on a terminal', async () => {
    const result = await runCli(['query', SQL], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('name,subject\nAda Lovelace,"first, with ""quotes"""\nGrace Hopper,secondé\n');
  });

  it('prints JSON, NDJSON and an aligned table when asked', async () => {
    const json = await runCli(['query', 'SELECT count(*) AS n, sum(files_changed) AS f FROM commits', '--format', 'json'], { cwd: work });
    expect(JSON.parse(json.stdout)).toEqual([{ n: 2, f: 2 }]);
    const ndjson = await runCli(['query', SQL, '--format', 'ndjson'], { cwd: work });
    expect(ndjson.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { name: 'Ada Lovelace', subject: 'first, with "quotes"' },
      { name: 'Grace Hopper', subject: 'secondé' },
    ]);
    const table = await runCli(['query', 'SELECT 1 AS n, \'x\' AS label', '--format', 'table'], { cwd: work });
    expect(table.stdout).toBe('n  label\n-  -----\n1  x    \n(1 row)\n');
  });

  it('reads SQL from a file or standard input', async () => {
    const file = path.join(dir, 'q.sql');
    await writeFile(file, 'SELECT count(*) AS n FROM commits');
    expect((await runCli(['query', '--file', file], { cwd: work })).stdout).toBe('n\n2\n');
    expect((await runCli(['query', '-'], { cwd: work, input: 'SELECT 40 + 2 AS answer' })).stdout).toBe('answer\n42\n');
  });

  it('never writes, and says which query failed', async () => {
    const write = await runCli(['query', "DELETE FROM commits"], { cwd: work });
    expect(write.code).toBe(1);
    expect(write.stderr).toMatch(/query from the command line failed: .*read-only/i);
    expect(await queryDb(path.join(work, 'data', 'cdstats.duckdb'), 'SELECT count(*) AS n FROM commits')).toEqual([{ n: 2 }]);
    const bad = await runCli(['query', 'SELEC nonsense'], { cwd: work });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cdstats: query from the command line failed: Parser Error/);
  });

  it('reaches no file, extension or setting: only the database', async () => {
    const other = path.join(dir, 'other.duckdb');
    const outside = path.join(dir, 'outside');
    await writeFile(path.join(dir, 'secret.txt'), 'secret\n');
    const attempts = [
      `COPY commits TO '${outside}.csv'`,
      `EXPORT DATABASE '${outside}'`,
      `ATTACH '${other}' AS other (READ_WRITE)`,
      'INSTALL httpfs',
      'LOAD httpfs',
      `SELECT * FROM read_csv('${path.join(dir, 'secret.txt')}')`,
      `SELECT * FROM glob('${dir}/*')`,
      "SET memory_limit = '1GB'",
      'SET enable_external_access = true',
    ];
    for (const sql of attempts) {
      const result = await runCli(['query', sql], { cwd: work });
      expect(result.code, sql).toBe(1);
      expect(result.stderr, sql).toMatch(/query from the command line failed: (Permission Error|Invalid Input Error: Cannot change configuration option)[^]*cdstats query reads the database only/);
    }
    expect(await readdir(dir)).not.toEqual(expect.arrayContaining(['outside.csv', 'outside', 'other.duckdb']));
    // The session's own temporary objects and the indicators' vocabulary still work.
    const temp = await runCli(['query', 'CREATE TEMP TABLE t AS SELECT 1 AS n; SELECT count(*) AS n FROM scoped_contributions(NULL, NULL, now()::TIMESTAMP)'], { cwd: work });
    expect(temp.stdout).toBe('n\n2\n');
  });

  it('explains a missing database', async () => {
    const empty = path.join(dir, 'nodb');
    await writeConfig(empty, 'projects:\n  - name: P\n    repos:\n      - git: ./r\n');
    const result = await runCli(['query', 'SELECT 1'], { cwd: empty });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no database at ${path.join(empty, 'data', 'cdstats.duckdb')}: run \`cdstats collect\` first`);
  });
});

describe('the first hour', () => {
  /** A terminal `columns` wide as standard output. */
  function onTerminal(columns: number) {
    const { io, stdout, stderr } = captureIo({ cwd: work });
    const chunks: string[] = [];
    const terminal = { ...io, stdout: { isTTY: true, columns, write: (chunk: string | Uint8Array) => chunks.push(String(chunk)) } };
    return { io: terminal, stdout: () => chunks.join('') + stdout(), stderr };
  }

  it('lists the indicators one line each on a terminal, cut to its width; in full with --long or when piped', async () => {
    const count = (await readdir(QUERIES_DIR)).filter((f) => f.endsWith('.sql')).length;
    const narrow = onTerminal(100);
    expect(await run(['query', '--list'], narrow.io)).toBe(0);
    const lines = narrow.stdout().trimEnd().split('\n');
    // A header, a rule, one line per indicator and the count.
    expect(lines).toHaveLength(count + 3);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(100);
    expect(lines.find((l) => l.startsWith('active_contributors '))).toMatch(/…$/);
    expect(narrow.stderr()).toContain('cdstats query --list --long');
    const long = onTerminal(100);
    expect(await run(['query', '--list', '--long'], long.io)).toBe(0);
    expect(long.stdout()).toContain('CHAOSS');
    expect(long.stdout().split('\n').some((l) => [...l].length > 100)).toBe(true);
    const piped = await runCli(['query', '--list'], { cwd: work });
    expect(piped.stdout.trimEnd().split('\n')).toHaveLength(count + 1);
    expect(piped.stdout).toContain('CHAOSS');
  });

  it('shows the definition of an indicator with `query <id> --help`', async () => {
    const result = await runCli(['query', 'bus_factor', '--help'], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^bus_factor: Bus factor\n/);
    expect(result.stdout).toContain('the smallest number of people');
    expect(result.stdout).toContain('Parameters: projects, repos, as_of, window INTEGER = 365, kind VARCHAR = \'commit\'');
    expect(result.stdout).toContain('Usage: cdstats query');
  });

  it('says a misspelt indicator is not one and names the nearest, exit 2', async () => {
    for (const [typo, meant] of [['active_contributor', 'active_contributors'], ['Bus_Factor', 'bus_factor'], ['comits', 'commits']]) {
      const result = await runCli(['query', typo ?? '', '--period', 'quarter'], { cwd: work });
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: `cdstats: "${typo}" is not an indicator: did you mean \`${meant}\`? (\`cdstats query --list\` lists them)\n` });
    }
    const word = await runCli(['query', 'nonsense'], { cwd: work });
    expect(word.code).toBe(1);
    expect(word.stderr).toContain('"nonsense" is neither an indicator (`cdstats query --list` lists them) nor SQL');
  });

  it('lists each table once with `show tables`, saying which ones this session resolves now', async () => {
    const result = await runCli(['query', 'SHOW TABLES;', '--format', 'json'], { cwd: work });
    const rows = JSON.parse(result.stdout) as { name: string; type: string; reads: string }[];
    const names = rows.map((r) => r.name);
    expect(names).toEqual([...new Set(names)].sort());
    expect(names).toEqual(expect.arrayContaining(['affiliations', 'commits', 'contributions', 'identities', 'people']));
    // The stored resolution is this session's too while the identity files are unchanged (the identity cache).
    expect(rows.find((r) => r.name === 'people')).toEqual({ name: 'people', type: 'table', reads: 'stored' });
    expect(rows.find((r) => r.name === 'contributions')?.type).toBe('view');
    expect(rows.find((r) => r.name === 'commits')?.reads).toBe('stored');
  });

  it('shows the global options in the help of every command', async () => {
    for (const command of ['init', 'collect', 'report', 'people', 'query']) {
      const result = await runCli([command, '--help'], { cwd: work });
      expect([command, result.code, result.stdout]).toEqual([command, 0, expect.stringMatching(/Global Options:[^]*-c, --config <file>/)]);
    }
  });

  it('says there is nothing to report in a database where nothing was collected, and what to run; exit 1, no site', async () => {
    const empty = path.join(dir, 'nothing-yet');
    await writeConfig(empty, 'projects:\n  - name: P\n    repos:\n      - git: ./not-there\n');
    expect((await runCli(['collect'], { cwd: empty })).code).toBe(1);
    const result = await runCli(['report'], { cwd: empty });
    expect(result.stderr).toBe(`cdstats: nothing is collected yet for the projects of the config in ${path.join(empty, 'data', 'cdstats.duckdb')}, so there is nothing to report: run \`cdstats collect\` (its summary says why a repository failed), then \`cdstats report\` again\n`);
    expect(result.code).toBe(1);
    expect(await readdir(empty)).not.toContain('report');
  });
});

describe('CSV for spreadsheets', () => {
  it('keeps a git author named like a formula from running, in query and people output', async () => {
    const hostile = path.join(dir, 'hostile');
    const repo = await TestRepo.create(path.join(hostile, 'repo'));
    await repo.commit({ message: '-1+2', author: { name: '=HYPERLINK("http://x","y")', email: 'mallory@example.org' }, date: '2024-03-01T10:00:00Z' });
    await writeConfig(hostile, 'projects:\n  - name: P\n    repos:\n      - git: ./repo\n');
    expect((await runCli(['collect'], { cwd: hostile })).code).toBe(0);
    const query = await runCli(['query', 'SELECT author_name AS name, subject, -3 AS delta FROM commits', '--format', 'csv'], { cwd: hostile });
    expect(query.stdout).toBe('name,subject,delta\n"\'=HYPERLINK(""http://x"",""y"")",\'-1+2,-3\n');
    const people = await runCli(['people', '--format', 'csv'], { cwd: hostile });
    expect(people.stdout).toBe(
      'person_id,name,is_bot,emails,logins,company,affiliations,contributions,recent,recent_unaffiliated,first,last\n' +
        'email:mallory@example.org,"\'=HYPERLINK(""http://x"",""y"")",false,mallory@example.org,,,,1,1,1,2024-03-01,2024-03-01\n',
    );
  });
});

describe('cdstats query <indicator>', () => {
  it('lists the registry and runs an indicator with named parameters', async () => {
    const list = JSON.parse((await runCli(['query', '--list', '--format', 'json'], { cwd: work })).stdout) as { id: string; params: string }[];
    expect(list.find((i) => i.id === 'commits')?.params).toBe('projects, repos, period, from, to, as_of');
    const year = await runCli(['query', 'commits', '--period', 'year', '--as-of', '2025-06-30', '--format', 'json'], { cwd: work });
    expect(JSON.parse(year.stdout)).toEqual([
      { project: 'P', period: '2024-01-01', value: 2 },
      { project: 'P', period: '2025-01-01', value: 0 },
    ]);
    const now = await runCli(['query', 'commits', '--period', 'year', '--format', 'json'], { cwd: work, now: new Date('2025-06-30T12:00:00Z') });
    expect(now.stdout).toBe(year.stdout);
    const bounded = await runCli(['query', 'commits', '--project', 'P', '--period', 'day', '--from', '2024-03-02', '--to', '2024-03-03', '--format', 'csv'], { cwd: work });
    expect(bounded.stdout).toBe('project,period,value\nP,2024-03-02,1\n');
    const daily = await runCli(['query', 'commits', '--period', 'day', '--from', '2024-02-25', '--to', '2024-03-03', '--average', '--format', 'json'], { cwd: work });
    const last = (JSON.parse(daily.stdout) as { period: string; value_avg: number | null }[]).at(-1);
    expect(last).toEqual({ project: 'P', period: '2024-03-02', value: 1, value_avg: 0.29 });
  });

  it('says what is wrong with a parameter, exit 2', async () => {
    const cases: [string[], string][] = [
      [['query', 'commits', '--project', 'Nope'], 'unknown project "Nope"; the config has: P'],
      [['query', 'commits', '--param', 'window=3'], 'indicator commits has no parameter "window"'],
      [['query', 'repo_totals', '--period', 'week'], 'indicator repo_totals takes no --period (its parameters: as_of)'],
      [['query', 'commits', '--from', '03/02/2024'], '--from "03/02/2024" is not a date'],
      [['query', 'select 1', '--period', 'week'], '--period goes with an indicator id'],
      [['query', 'commits', '--average'], '--average needs --period day and a time series (commits: chart line, period month)'],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, { cwd: work });
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: expect.stringContaining(message) });
    }
  });
});

describe('configuration errors', () => {
  it('exit 2 with every problem and its line', async () => {
    const bad = path.join(dir, 'bad');
    await writeConfig(bad, 'projects:\n  - name: A\n    repos:\n      - github: nope\n      - git: ./x\n        clone: y\n  - name: A\n    repos: [{git: ./z}]\n');
    const result = await runCli(['collect'], { cwd: bad });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2 problems in');
    expect(result.stderr).toContain('cdstats.yaml:4: "nope" is not a GitHub repository name of the form owner/name (or owner/* for all of them)');
    expect(result.stderr).toContain('cdstats.yaml:7: project "A" is already defined at line 2');
    expect(result.stderr).toContain('warning: cdstats.yaml:6: `clone:` only applies to `github:` repositories');
  });

  it('exit 2 for an unknown key: a misspelt option is not silently ignored', async () => {
    const typo = path.join(dir, 'typo');
    await writeConfig(typo, 'projects:\n  - name: A\n    repos:\n      - git: ./x\n        branh: main\n');
    const result = await runCli(['collect'], { cwd: typo });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cdstats.yaml:5: unknown key `branh` in a repository: did you mean `branch`? (known: github, git, clone, branch, name, exclude, group)');
  });

  it('exit 2 for an unknown project or option', async () => {
    const unknown = await runCli(['collect', '--project', 'Nope'], { cwd: work });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown project "Nope"; the config has: P');
    const option = await runCli(['collect', '--batch-size', '0'], { cwd: work });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('--batch-size takes a whole number of at least 1, not "0"');
  });
});

describe('without a config file', () => {
  it('analyses the git repository of the current directory', async () => {
    const repo = await TestRepo.create(path.join(dir, 'solo'));
    await repo.commit({ message: 'only', author: ADA });
    const result = await runCli(['collect'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('solo: 1 new commit (main)');
    const rows = await queryDb(path.join(repo.dir, 'data', 'cdstats.duckdb'), 'SELECT project, name, url FROM repos');
    expect(rows).toEqual([{ project: 'solo', name: 'solo', url: repo.dir }]);
  });

  it('outside a repository, says what to do', async () => {
    const result = await runCli(['collect'], { cwd: path.join(dir, 'work', 'data') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not inside a git repository; run `cdstats init`');
  });
});

describe('cdstats init', () => {
  it('writes a starter config that validates, and git-ignores the data folder', async () => {
    const target = path.join(dir, 'fresh-project');
    await (await import('node:fs/promises')).mkdir(target);
    await writeFile(path.join(target, '.gitignore'), 'node_modules/');
    const result = await runCli(['init'], { cwd: target });
    expect(result.code).toBe(0);
    expect(await readFile(path.join(target, '.gitignore'), 'utf8')).toBe('node_modules/\ndata/\nreport\n');
    const { parseConfig } = await import('../src/config/parse.js');
    const parsed = parseConfig(await readFile(path.join(target, 'cdstats.yaml'), 'utf8'), 'cdstats.yaml');
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    const again = await runCli(['init'], { cwd: target });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; use --force');
  });

  it('the built binary is executable, as `npx cdstats` runs it', async () => {
    const { access, constants } = await import('node:fs/promises');
    await expect(access(CLI, constants.X_OK)).resolves.toBeUndefined();
  });

  it('--help lists the commands', async () => {
    const result = await spawnCli(['--help'], { cwd: dir });
    expect(result.code).toBe(0);
    for (const command of ['init', 'collect', 'report', 'query']) expect(result.stdout).toContain(command);
  });
});

describe('the binary', () => {
  it('reads standard input, writes standard output and exits with the status of the command', async () => {
    const answer = await spawnCli(['query', '-'], { cwd: work, input: 'SELECT 40 + 2 AS answer' });
    expect(answer).toEqual({ code: 0, stdout: 'answer\n42\n', stderr: '' });
    const failed = await spawnCli(['query', 'SELEC nonsense'], { cwd: work });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^cdstats: query from the command line failed: Parser Error/);
    const usage = await spawnCli(['collect', '--batch-size', '0'], { cwd: work });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--batch-size takes a whole number of at least 1, not "0"');
  });
});

describe('query while the database is being written', () => {
  it('waits for the writer to let go, then answers', async () => {
    const { spawn } = await import('node:child_process');
    const db = path.join(work, 'data', 'cdstats.duckdb');
    // Another process holds the database until told to let go (or until this one ends).
    const holder = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import { DuckDBInstance } from '@duckdb/node-api';
        const db = await DuckDBInstance.create(${JSON.stringify(db)});
        const release = () => { db.closeSync(); process.exit(0); };
        process.stdin.once('data', release).once('end', release);
        process.stdout.write('locked\\n');`],
      { cwd: path.resolve(path.dirname(CLI), '../..') },
    );
    let holderErrors = '';
    holder.stderr.on('data', (d: Buffer) => (holderErrors += d.toString()));
    const closed = new Promise((resolve) => holder.once('close', resolve));
    await Promise.race([
      new Promise((resolve) => holder.stdout.once('data', resolve)),
      closed.then(() => Promise.reject(new Error(`the process holding the database ended early: ${holderErrors}`))),
    ]);
    const { io, stdout, stderr } = captureIo({ cwd: work });
    const query = run(['query', 'SELECT count(*) AS n FROM commits'], io);
    await expect.poll(stderr, { timeout: 30_000 }).toContain('another process has it open');
    holder.stdin.end('let go\n');
    expect(await query).toBe(0);
    expect(stdout()).toBe('n\n2\n');
    await closed;
  });
});
