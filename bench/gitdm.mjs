// The identity cache with a gitdm repository of cncf/gitdm's size and shape (run by `npm run
// bench` after the build; `node bench/gitdm.mjs` alone works too): 10 generated affiliation
// files of some 3 MB (100,000 people) and a 14 MB email map in a git repository, read at its
// tip, over a generated database of 120,000 commits by 20,000 authors. Prints, with a
// baseline from this process (opening the database, no people resolved):
//   the first resolution (read every file, resolve, store the cache): aim under 5 s;
//   a command whose inputs are unchanged (the cache read): aim under 50 ms over the baseline.
// Wall and CPU time both: on a busy machine the wall time says more about the neighbours.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** @param {string} file */
const built = (file) => import(path.join(root, 'dist', file));
const { openForRead, openForWrite } = await built('store/db.js');
const { DEFAULT_IDENTITY } = await built('config/identity.js');
const { gitdmRepo } = await built('config/gitdm.js');
const { openWithPeople, lastIdentitySource } = await built('identity/session.js');
const { silentLog } = await built('log.js');
const exec = promisify(execFile);

const PEOPLE = 100_000;
const FILES = 10;
const AUTHORS = 20_000;
const COMMITS = 120_000;
const EMAIL_MAP_BYTES = 14 * 1024 * 1024;
const COMPANIES = ['Google LLC', 'Red Hat Inc.', 'Microsoft Corporation', 'International Business Machines Corporation', 'VMware Inc.', 'Independent', 'Intel Corporation', 'CloudBees Inc.', 'Amazon', 'SAP'];

/** Deterministic pseudo-random numbers (mulberry32), so that every run generates the same files. */
function random(seed = 7) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random();
const pick = () => COMPANIES[Math.floor(rand() * COMPANIES.length)] ?? 'Acme';
const year = () => 2014 + Math.floor(rand() * 10);

/** The history lines of one person: `Company until …`, `… from … until …`, `… from …`. */
function history() {
  const count = 1 + Math.floor(rand() * 6);
  if (count === 1) return [pick()];
  const years = Array.from({ length: count - 1 }, year).sort();
  return years.map((y, i) => (i === 0 ? `${pick()} until ${y + i}-01-01` : `${pick()} from ${(years[i - 1] ?? 2014) + i - 1}-01-01 until ${y + i}-01-01`)).concat(`${pick()} from ${(years.at(-1) ?? 2020) + count - 2}-01-01`);
}

/** developers_affiliations1..10.txt: person `i` is `dev<i>` with a noreply address, a work address and a free-mail one. */
function affiliationFiles() {
  const files = Array.from({ length: FILES }, () => ['# This is the main developers affiliations file.']);
  for (let i = 0; i < PEOPLE; i++) {
    const lines = files[i % FILES] ?? [];
    lines.push(`dev${i}: ${i}+dev${i}!users.noreply.github.com, dev${i}!users.noreply.github.com, dev${i}!example${i % 40}.org, developer.number.${i}!gmail.com, d.${i}.at.work!corp${i % 400}.example.com`);
    for (const line of history()) lines.push(`\t${line}`);
  }
  return files.map((lines) => `${lines.join('\n')}\n`);
}

/** The email map: histories for a third of the people (other addresses), domain keys, and filler keys up to 14 MB. */
function emailMap() {
  const lines = ['# Here is a set of mappings of domain names onto employer names.', '# [user!]domain  employer  [< yyyy-mm-dd]'];
  for (let d = 0; d < 400; d++) lines.push(`corp${d}.example.com ${pick()}`);
  let bytes = 0;
  for (let i = 0; bytes < EMAIL_MAP_BYTES; i++) {
    const key = i % 3 === 0 && i < PEOPLE ? `dev${i}!example${i % 40}.org` : `someone.else.${i}!users.noreply.github.com`;
    const count = 1 + Math.floor(rand() * 3);
    for (let n = 0; n < count; n++) {
      const line = n === count - 1 ? `${key} ${pick()}` : `${key} ${pick()} < ${2015 + n}-06-01`;
      lines.push(line);
      bytes += line.length + 1;
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Wall and CPU milliseconds of one run. @param {() => Promise<unknown>} run */
async function timed(run) {
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  await run();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

/** The median of several runs, by wall time. @param {() => Promise<unknown>} run */
async function median(run, times = 7) {
  const runs = [];
  for (let i = 0; i < times; i++) runs.push(await timed(run));
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)] ?? { ms: Number.NaN, cpu: Number.NaN };
}

const work = await mkdtemp(path.join(tmpdir(), 'cdstats-bench-gitdm-'));
try {
  let start = performance.now();
  const gitdm = path.join(work, 'gitdm');
  await mkdir(path.join(gitdm, 'src', 'cncf-config'), { recursive: true });
  const files = affiliationFiles();
  for (const [i, text] of files.entries()) await writeFile(path.join(gitdm, `developers_affiliations${i + 1}.txt`), text);
  const map = emailMap();
  await writeFile(path.join(gitdm, 'src', 'cncf-config', 'email-map'), map);
  const git = (/** @type {string[]} */ ...args) => exec('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: gitdm, maxBuffer: 1 << 24 });
  await git('init', '-q', '-b', 'main');
  await git('add', '.');
  await git('commit', '-q', '-m', 'generated');
  const mb = (/** @type {number} */ n) => (n / 1024 / 1024).toFixed(1);
  const filesBytes = files.reduce((n, f) => n + Buffer.byteLength(f), 0);
  process.stderr.write(`generated ${FILES} affiliation files (${mb(filesBytes)} MB, ${PEOPLE.toLocaleString('en')} people) and an email map (${mb(Buffer.byteLength(map))} MB) in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);

  const database = path.join(work, 'bench.duckdb');
  const db = await openForWrite(database, silentLog);
  await db.run(`
    INSERT INTO projects VALUES ('bench');
    INSERT INTO repos VALUES (1, 'bench', 'bench/repo', 'git', 'https://example.org/repo.git', 'main');
    INSERT INTO commits SELECT 1, md5(CAST(i AS VARCHAR)), 'Dev ' || (i % ${AUTHORS}),
        CASE WHEN i % 4 = 0 THEN 'dev' || (i % ${AUTHORS}) || '@users.noreply.github.com' ELSE 'dev' || (i % ${AUTHORS}) || '@example' || (i % ${AUTHORS} % 40) || '.org' END,
        TIMESTAMP '2015-01-01' + to_hours(CAST(i AS BIGINT)), 0, 'Dev', 'dev@example.org', TIMESTAMP '2015-01-01' + to_hours(CAST(i AS BIGINT)), 0,
        false, 1, 1, 1, true, 'change ' || i, true
      FROM range(${COMMITS}) t(i);
    INSERT INTO runs VALUES (1, 'collect', now()::TIMESTAMP, now()::TIMESTAMP, 'ok', 1, 0, ${COMMITS}, 0, 0, NULL, 0);
  `);
  db.close();

  const origin = { file: 'bench', line: 1 };
  const withGitdm = { database, identity: { ...DEFAULT_IDENTITY, gitdm: [gitdmRepo(gitdm, true, 'gitdm', origin, '')] } };
  const plain = { database, identity: DEFAULT_IDENTITY };
  /** @param {object} config */
  const session = async (config) => (await openWithPeople(config, silentLog)).close();

  const open = await median(async () => (await openForRead(database, silentLog)).close());
  /** @type {[string, { ms: number, cpu: number }, string][]} */
  const rows = [['open the database read-only (baseline)', open, '']];
  const over = (/** @type {{ ms: number }} */ t) => `+${(t.ms - open.ms).toFixed(1)} ms over the baseline`;
  rows.push(['people without gitdm, first resolution', await timed(() => session(plain)), `${lastIdentitySource()}`]);
  const plainHit = await median(() => session(plain));
  rows.push(['people without gitdm, unchanged (cache)', plainHit, over(plainHit)]);
  const first = await timed(() => session(withGitdm));
  rows.push(['people with gitdm, first resolution', first, `${lastIdentitySource()}; aim < 5,000 ms`]);
  const hit = await median(() => session(withGitdm));
  if (lastIdentitySource() !== 'cache') throw new Error(`the unchanged run did not read the cache: ${lastIdentitySource()}`);
  rows.push(['people with gitdm, unchanged inputs (cache)', hit, `${over(hit)} (aim < 50)`]);
  const check = await openWithPeople(withGitdm, silentLog);
  const [counts] = await check.all('SELECT count(*) AS people, (SELECT count(*) FROM affiliations) AS periods, (SELECT count(DISTINCT company) FROM contributions) AS companies FROM people');
  check.close();

  process.stdout.write(`\ncdstats gitdm bench — ${COMMITS.toLocaleString('en')} commits by ${AUTHORS.toLocaleString('en')} authors; gitdm: ${FILES} files of ${mb(filesBytes / FILES)} MB, ${mb(Buffer.byteLength(map))} MB email map; ${counts?.people} people, ${counts?.periods} periods, ${counts?.companies} companies\n`);
  process.stdout.write(`${''.padEnd(46)} ${'wall'.padStart(10)} ${'CPU'.padStart(10)}\n`);
  for (const [what, t, note] of rows) process.stdout.write(`${what.padEnd(46)} ${t.ms.toFixed(1).padStart(7)} ms ${t.cpu.toFixed(0).padStart(7)} ms  ${note}\n`);
  process.stdout.write(`${'peak memory of this process'.padEnd(46)} ${(process.resourceUsage().maxRSS / 1024).toFixed(0).padStart(7)} MB\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
