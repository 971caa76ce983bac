// Every indicator of queries/, for all projects at monthly period, on a generated database of
// more than a million contributions across 12 projects: prints each query's time and the total;
// then builds the report site of that database, with two groups of six projects (so its groups
// page too), and prints its build time (as a ratio of the indicators' total) and page weights
// (run by `npm run bench` after the build; `node bench/indicators.mjs` alone works too).
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** @param {string} file */
const built = (file) => import(path.join(root, 'dist', file));
const { openForWrite } = await built('store/db.js');
const { defineVocabulary } = await built('store/vocabulary.js');
const { loadIdentity } = await built('identity/load.js');
const { DEFAULT_IDENTITY } = await built('config/identity.js');
const { listIndicators, runIndicator } = await built('indicators/load.js');
const { silentLog } = await built('log.js');
const { loadDefinitions } = await built('report/definitions.js');
const { readReportData } = await built('report/data.js');
const { renderSite } = await built('report/pages.js');
const { writeSite } = await built('report/site.js');

const PROJECTS = 12;
const REPOS = 24;
const COMMITS = 420_000;
const PULL_REQUESTS = 150_000;
const REVIEWS = 200_000;
const COMMENTS = 250_000;
const ISSUES = 60_000;
const PEOPLE = 20_000;
const SPAN = 9 * 365 * 86400; // 2016 to the end of 2024, in seconds

// A skewed, deterministic choice of person: a few people do most of the work, as in real projects.
/** @param {string} seed */
const who = (seed) => `CAST(floor(pow(CAST(hash(${seed}) % 1000003 AS DOUBLE) / 1000003.0, 3) * ${PEOPLE}) AS BIGINT)`;
/** @param {string} i @param {number} count */
const when = (i, count) => `TIMESTAMP '2016-01-01' + to_seconds(CAST(${i} * ${Math.floor(SPAN / count)} AS BIGINT))`;

const work = await mkdtemp(path.join(tmpdir(), 'cdstats-bench-indicators-'));
try {
  const db = await openForWrite(path.join(work, 'bench.duckdb'), silentLog);
  let start = performance.now();
  await db.run(`
    INSERT INTO projects SELECT 'project-' || i FROM range(${PROJECTS}) t(i);
    INSERT INTO repos SELECT i + 1, 'project-' || (i % ${PROJECTS}), 'org/repo-' || i, 'github', 'https://example.org/repo-' || i, 'main' FROM range(${REPOS}) t(i);
    INSERT INTO commits SELECT (i % ${REPOS}) + 1, md5(CAST(i AS VARCHAR)), 'Dev ' || ${who('i')},
        CASE WHEN ${who('i')} % 3 = 0 THEN ${who('i')} || '+dev' || ${who('i')} || '@users.noreply.github.com' ELSE 'dev' || ${who('i')} || '@example' || (${who('i')} % 40) || '.org' END,
        ${when('i', COMMITS)}, CAST(CAST(hash(i) % 25 AS INTEGER) * 60 - 720 AS SMALLINT), 'GitHub', 'noreply@github.com', ${when('i', COMMITS)}, 0,
        i % 9 = 0, 2, CAST(hash(i) % 200 AS INTEGER), CAST(hash(i + 1) % 80 AS INTEGER), true, 'change ' || i, true
      FROM range(${COMMITS}) t(i);
    INSERT INTO commit_trailers SELECT (i * 20 % ${REPOS}) + 1, md5(CAST(i * 20 AS VARCHAR)), 'co-authored-by', 'x', 'Dev', 'dev' || ${who('i + 7')} || '@example1.org' FROM range(${COMMITS / 20}) t(i);
    INSERT INTO pull_requests SELECT (i % ${REPOS}) + 1, i, 'PR' || i, 'pr ' || i, CASE WHEN i % 11 = 0 THEN 'dependabot' ELSE 'dev' || ${who('i + 3')} END, i % 11 = 0,
        ${when('i', PULL_REQUESTS)}, ${when('i', PULL_REQUESTS)} + INTERVAL 3 DAY,
        CASE WHEN i % 10 < 9 THEN ${when('i', PULL_REQUESTS)} + to_hours(CAST(hash(i) % 500 AS BIGINT)) END,
        CASE WHEN i % 10 < 7 THEN ${when('i', PULL_REQUESTS)} + to_hours(CAST(hash(i) % 500 AS BIGINT)) END,
        'dev1', CASE WHEN i % 10 < 7 THEN 'MERGED' WHEN i % 10 < 9 THEN 'CLOSED' ELSE 'OPEN' END, false, 10, 2, 1, 'main', ['area/x'], now()::TIMESTAMP, NULL
      FROM range(${PULL_REQUESTS}) t(i);
    INSERT INTO pr_reviews SELECT (p % ${REPOS}) + 1, p, 'PR' || p, 'R' || i, 'dev' || ${who('i + 5')}, false, 'APPROVED', ${when('p', PULL_REQUESTS)} + to_hours(CAST(hash(i) % 96 AS BIGINT)), NULL
      FROM (SELECT i, (i * 3) % ${PULL_REQUESTS} AS p FROM range(${REVIEWS}) t(i));
    INSERT INTO issues SELECT (i % ${REPOS}) + 1, ${PULL_REQUESTS} + i, 'I' || i, 'issue ' || i, 'dev' || ${who('i + 9')}, false,
        ${when('i', ISSUES)}, ${when('i', ISSUES)}, CASE WHEN i % 3 > 0 THEN ${when('i', ISSUES)} + to_days(CAST(hash(i) % 200 AS BIGINT)) END,
        CASE WHEN i % 3 > 0 THEN 'CLOSED' ELSE 'OPEN' END, NULL, [], now()::TIMESTAMP, NULL
      FROM range(${ISSUES}) t(i);
    INSERT INTO comments SELECT (p % ${REPOS}) + 1, 'C' || i, CASE WHEN i % 2 = 0 THEN 'PR' || p ELSE 'I' || (p % ${ISSUES}) END,
        CASE WHEN i % 2 = 0 THEN 'pull_request' ELSE 'issue' END, p, CASE WHEN i % 2 = 0 THEN 'pr_comment' ELSE 'issue_comment' END,
        'dev' || ${who('i + 11')}, false,
        CASE WHEN i % 2 = 0 THEN ${when('p', PULL_REQUESTS)} ELSE ${when(`p % ${ISSUES}`, ISSUES)} END + to_hours(CAST(hash(i) % 200 AS BIGINT)), NULL
      FROM (SELECT i, (i * 7) % ${PULL_REQUESTS} AS p FROM range(${COMMENTS}) t(i));
    INSERT INTO releases SELECT (i % ${REPOS}) + 1, 'V' || i, 'v' || i, 'v' || i, ${when('i', 2000)}, ${when('i', 2000)}, false, false FROM range(2000) t(i);
    INSERT INTO stargazers SELECT (i % ${REPOS}) + 1, 'fan' || i, i, ${when('i', 100000)} FROM range(100000) t(i);
    INSERT INTO repo_stats SELECT r, 1, TIMESTAMP '2024-12-01', 100, 10, 5, 3, 2 FROM range(1, ${REPOS + 1}) t(r);
    INSERT INTO commit_logins SELECT (i % ${REPOS}) + 1, md5(CAST(i AS VARCHAR)), 'dev' || ${who('i')} || '@example' || (${who('i')} % 40) || '.org', 'dev' || ${who('i')}, ${who('i')}
      FROM range(0, ${COMMITS}, 4) t(i);
    INSERT INTO sync_state (repo_id, source, covered_until, last_success_at)
      SELECT r, s, TIMESTAMP '2025-01-01', TIMESTAMP '2025-01-01' FROM range(1, ${REPOS + 1}) t(r), (VALUES ('git'), ('github_pull_requests'), ('github_issues'), ('github_releases'), ('github_stargazers')) v(s);
  `);
  const generated = performance.now() - start;
  start = performance.now();
  // People of 32 of the 40 email domains work for one of 8 companies; the others are unaffiliated.
  const domains = new Map(Array.from({ length: 32 }, (_, i) => [`example${i}.org`, `Company ${i % 8}`]));
  await defineVocabulary(db); // collect's connection has no use for it; this one runs the indicators
  const resolution = await loadIdentity(db, { ...DEFAULT_IDENTITY, domains }, silentLog);
  const identityMs = performance.now() - start;
  const [{ n }] = await db.all('SELECT count(*) AS n FROM contributions');
  process.stdout.write(`\ncdstats indicators — ${n.toLocaleString('en')} contributions, ${PROJECTS} projects, ${REPOS} repositories, ${resolution.people.length.toLocaleString('en')} people (data generated in ${(generated / 1000).toFixed(1)} s)\n`);
  process.stdout.write(`${'identity resolution (every query, report, people)'.padEnd(52)} ${identityMs.toFixed(0).padStart(7)} ms\n`);
  const asOf = new Date('2024-12-31T23:59:59Z');
  let total = 0;
  for (const indicator of await listIndicators()) {
    const t = performance.now();
    const rows = await runIndicator(db, indicator, { as_of: asOf, period: 'month' });
    const ms = performance.now() - t;
    total += ms;
    process.stdout.write(`${indicator.id.padEnd(40)} ${String(rows.length).padStart(6)} rows ${ms.toFixed(0).padStart(7)} ms\n`);
  }
  process.stdout.write(`${'every indicator, all projects, monthly'.padEnd(52)} ${total.toFixed(0).padStart(7)} ms  (aim: well under 10,000)\n`);

  // Groups: two groups of six projects and `all`, each counted as one unit (people once).
  await db.run(`INSERT INTO project_groups SELECT CASE WHEN i % 2 = 0 THEN 'even' ELSE 'odd' END, 'project-' || i FROM range(${PROJECTS}) t(i);
    INSERT INTO project_meta SELECT 'project-' || i, CASE WHEN i % 3 = 0 THEN 'graduated' END, CASE WHEN i % 2 = 0 THEN DATE '2019-03-12' END FROM range(${PROJECTS}) t(i)`);
  let grouped = 0;
  for (const indicator of (await listIndicators()).filter((/** @type {{ groups: string }} */ i) => i.groups !== 'no')) {
    const t = performance.now();
    await runIndicator(db, indicator, { as_of: asOf, period: 'month', projects: ['even', 'odd', 'all'] });
    grouped += performance.now() - t;
  }
  process.stdout.write(`${'every groupable indicator, 2 groups and all, monthly'.padEnd(52)} ${grouped.toFixed(0).padStart(7)} ms\n`);

  // The report site of this database: every chart of reports/*.yaml, time series at all four periods.
  start = performance.now();
  const pages = await loadDefinitions(undefined);
  const projects = Array.from({ length: PROJECTS }, (_, i) => `project-${i}`);
  // The same groups as the session's tables above, so that the site has its groups page too; even projects joined in 2019.
  const facts = {
    groups: ['even', 'odd'].map((name, parity) => ({ name, projects: projects.filter((_, i) => i % 2 === parity) })),
    meta: new Map(projects.map((p, i) => [p, { maturity: i % 3 === 0 ? 'graduated' : null, joined: i % 2 === 0 ? '2019-03-12' : null }])),
  };
  const data = await readReportData(db, pages, projects, asOf, facts);
  const readMs = performance.now() - start;
  const site = renderSite({ title: 'Bench', projects, asOf: { at: asOf, label: '2024-12-31' }, pages, data, builtAt: new Date(), facts });
  const out = path.join(work, 'site');
  await writeSite(out, site, silentLog);
  const reportMs = performance.now() - start;
  process.stdout.write(`\ncdstats report — ${site.length} pages\n`);
  process.stdout.write(`${'indicator results read (all periods)'.padEnd(52)} ${readMs.toFixed(0).padStart(7)} ms\n`);
  process.stdout.write(`${'whole build, written'.padEnd(52)} ${reportMs.toFixed(0).padStart(7)} ms  (${(reportMs / total).toFixed(2)} × every indicator monthly)\n`);
  /** @param {string} file */
  const weight = async (file) => {
    const bytes = await readFile(path.join(out, file));
    return `${(bytes.length / 1024).toFixed(0)} KB (${(gzipSync(bytes).length / 1024).toFixed(0)} KB gzip)`;
  };
  const projectPages = site.map((/** @type {{ path: string }} */ p) => p.path).filter((/** @type {string} */ file) => file.startsWith('projects/'));
  const sizes = await Promise.all(projectPages.map(async (/** @type {string} */ file) => (await readFile(path.join(out, file))).length));
  const largest = projectPages[sizes.indexOf(Math.max(...sizes))] ?? '';
  process.stdout.write(`${'page weight: index.html'.padEnd(40)} ${await weight('index.html')}\n`);
  process.stdout.write(`${'page weight: groups.html'.padEnd(40)} ${await weight('groups.html')}\n`);
  process.stdout.write(`${`page weight: largest project page`.padEnd(40)} ${await weight(largest)}\n`);
  process.stdout.write(`${'page weight: about.html'.padEnd(40)} ${await weight('about.html')}\n`);
  let assets = 0;
  let assetsGzip = 0;
  for (const file of await readdir(path.join(out, 'assets'))) {
    const bytes = await readFile(path.join(out, 'assets', file));
    assets += bytes.length;
    assetsGzip += gzipSync(bytes).length;
  }
  process.stdout.write(`${'assets (vega, vega-lite, vega-embed, page script, css)'.padEnd(40)} ${(assets / 1024).toFixed(0)} KB (${(assetsGzip / 1024).toFixed(0)} KB gzip), loaded once\n`);
  db.close();
} finally {
  await rm(work, { recursive: true, force: true });
}
