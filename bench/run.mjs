// npm run bench [-- --repo PATH] [-- --commits N]
// Measures cdstats against baselines run in this same process:
//   cold collect time ÷ `git log --numstat` time on the same repository,
//   no-op re-collect time ÷ cold collect time, peak memory of the collect process,
//   and the time of a per-month commits-and-authors query over all commits.
// Without --repo it generates a history of --commits commits (default 60,000) with git fast-import.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSyntheticRepo } from './synthetic.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'bin', 'cdstats.js');
const { values } = parseArgs({ options: { repo: { type: 'string' }, commits: { type: 'string', default: '60000' }, branch: { type: 'string', default: 'main' } } });

/**
 * Runs a command, draining its output, and returns the elapsed seconds and its stderr.
 * @param {string} command @param {string[]} args @param {object} [options]
 * @returns {Promise<{ seconds: number, stderr: string, code: number | null }>}
 */
function timed(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ seconds: (performance.now() - start) / 1000, stderr, code }));
  });
}

/**
 * The collect's own time, from its summary line (`collected … in 1.23 s`): without Node's start-up.
 * @param {string} stderr
 */
function workSeconds(stderr) {
  const match = /collected .* in ([\d.]+) s/.exec(stderr);
  return match ? Number(match[1]) : Number.NaN;
}

/** @param {string} stderr */
function maxRssMb(stderr) {
  const match = /BENCH_MAXRSS_KB=(\d+)/.exec(stderr);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

const work = await mkdtemp(path.join(tmpdir(), 'cdstats-bench-'));
try {
  let repo = values.repo ? path.resolve(values.repo) : '';
  if (!repo) {
    repo = path.join(work, 'synthetic.git');
    process.stderr.write(`generating a ${values.commits}-commit history with git fast-import…\n`);
    await createSyntheticRepo(repo, { commits: Number(values.commits), authors: 2000, files: 3000 });
  }
  const count = await timed('git', ['rev-list', '--count', values.branch], { cwd: repo });
  if (count.code !== 0) throw new Error(`${repo} has no branch ${values.branch}: ${count.stderr}`);
  await writeFile(path.join(work, 'cdstats.yaml'), `title: bench\nprojects:\n  - name: Bench\n    repos:\n      - git: ${repo}\n        branch: ${values.branch}\n`);

  const commits = await new Promise((resolve) => {
    const child = spawn('git', ['rev-list', '--count', values.branch], { cwd: repo });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', () => resolve(Number(out.trim())));
  });
  process.stderr.write(`repository: ${repo} (${commits} commits on ${values.branch})\n`);

  const gitLog = await timed('git', ['log', '--numstat', values.branch], { cwd: repo });
  if (gitLog.code !== 0) throw new Error(`git log --numstat failed: ${gitLog.stderr}`);
  const env = { ...process.env, NODE_OPTIONS: `--require ${path.join(root, 'bench', 'maxrss.cjs')}` };
  const cold = await timed(process.execPath, [cli, 'collect'], { cwd: work, env });
  if (cold.code !== 0) throw new Error(`cold collect failed: ${cold.stderr}`);
  // A no-op run is short: its time is the median of five, so one slow start does not decide it.
  const noops = [];
  for (let i = 0; i < 5; i++) {
    const run = await timed(process.execPath, [cli, 'collect'], { cwd: work, env });
    if (run.code !== 0 || !run.stderr.includes('up to date')) throw new Error(`no-op collect did not find the repository up to date: ${run.stderr}`);
    noops.push(run);
  }
  noops.sort((a, b) => a.seconds - b.seconds);
  const noop = noops[2] ?? noops[0];
  if (!noop) throw new Error('no no-op run');

  const { openForRead } = await import(path.join(root, 'dist', 'store', 'db.js'));
  const { silentLog } = await import(path.join(root, 'dist', 'log.js'));
  const db = await openForRead(path.join(work, 'data', 'cdstats.duckdb'), silentLog);
  const start = performance.now();
  const months = await db.all(
    `SELECT date_trunc('month', authored_at) AS month, count(*) AS commits, count(DISTINCT lower(author_email)) AS authors
     FROM commits GROUP BY ALL ORDER BY month`,
  );
  const queryMs = performance.now() - start;
  const [stored] = await db.all('SELECT count(*) AS n FROM commits');
  db.close();
  if (stored.n !== commits) throw new Error(`stored ${stored.n} commits, git has ${commits}`);

  /** @type {[string, string, string][]} */
  const rows = [
    ['git log --numstat (baseline)', `${gitLog.seconds.toFixed(2)} s`, ''],
    ['cdstats collect, cold', `${cold.seconds.toFixed(2)} s`, ''],
    ['cold collect ÷ git log --numstat', (cold.seconds / gitLog.seconds).toFixed(3), '≤ 1.2 (aim < 1.0)'],
    ['cdstats collect, nothing new (median of 5)', `${noop.seconds.toFixed(3)} s`, ''],
    ['no-op re-collect ÷ cold collect', (noop.seconds / cold.seconds).toFixed(4), '≤ 0.02'],
    ['  the same without Node start-up (collect work only)', (workSeconds(noop.stderr) / workSeconds(cold.stderr)).toFixed(4), ''],
    ['peak memory of the cold collect', `${maxRssMb(cold.stderr).toFixed(0)} MB`, '≤ 400 MB'],
    [`per-month commits and authors (${months.length} months)`, `${queryMs.toFixed(1)} ms`, ''],
  ];
  process.stdout.write(`cdstats bench — ${commits} commits, ${(await import('node:os')).availableParallelism()} cores\n`);
  for (const [what, value, limit] of rows) process.stdout.write(`${what.padEnd(48)} ${value.padStart(10)}  ${limit}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
