// The GitHub collector's API budget, measured with the local GitHub server's cost accounting
// (GitHub's published formula): points per 1,000 pull requests with their reviews, comments
// and labels, points per 1,000 issues with theirs, points per repository when nothing changed, and
// points per 1,000 GitHub profiles (the `company` of each login, with the organisations named as @handle).
// Run by `npm run bench` after `tsc -p tsconfig.bench.json` compiled the test server into dist-bench/.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLEET, fleetBudget } from './fleet.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** @param {string} file */
const built = (file) => import(path.join(root, 'dist-bench', file));
/** @typedef {import('../test/github/fixture.js').GitHubFixture} GitHubFixture */
/** @typedef {import('../test/github/server.js').GitHubServer} GitHubServer */
const { GitHubFixture } = await built('test/github/fixture.js');
const { addKubernetesLikeRepository, addKubernetesActivity, random } = await built('test/github/kubernetes.js');
const { startGitHubServer } = await built('test/github/server.js');
const { collect } = await built('src/collect/run.js');
const { loadConfig } = await built('src/config/load.js');
const { silentLog } = await built('src/log.js');

const PULL_REQUESTS = 1000;
const ISSUES = 1000;
const PR_OPERATIONS = ['PullRequests', 'MoreLabels', 'MoreReviews', 'MoreComments'];
/**
 * Points per 1,000 on the kubernetes-like repository when inline review comments came over
 * GraphQL (a batch asking `reviews(first: 5)`, then a query per pull request with more reviews),
 * measured by this bench at d5c8ffc, before they moved to REST.
 */
const GRAPHQL_INLINE = { cold: { pullRequests: 340.9, issues: 14.6 }, warm: { pullRequests: 360, issues: 20.3 } };
const ISSUE_OPERATIONS = ['Issues'];

/**
 * Pull requests like a busy CNCF repository's: 0–3 labels, 0–4 reviews, 0–8 conversation
 * comments, inline review comments on a quarter of them; issues with 0–6 comments.
 * @param {GitHubFixture} fixture
 * @param {string} name
 * @param {() => number} rand
 */
function populate(fixture, name, rand) {
  const repo = fixture.addRepository(name, { forkCount: 10 });
  const people = Array.from({ length: 40 }, (_, i) => fixture.user(`${name.replace('/', '-')}-dev${i}`));
  const pick = () => people[Math.floor(rand() * people.length)] ?? null;
  const counts = { reviews: 0, comments: 0, reviewComments: 0, issueComments: 0 };
  for (let i = 0; i < PULL_REQUESTS; i++) {
    const state = rand() < 0.7 ? 'MERGED' : rand() < 0.5 ? 'CLOSED' : 'OPEN';
    const labels = Array.from({ length: Math.floor(rand() * 4) }, (_, l) => `area/${l}`);
    const pr = fixture.addPullRequest(repo, { author: pick(), state, ...(state === 'MERGED' ? { mergedBy: pick() } : {}), labels });
    const reviews = Math.floor(rand() * 5);
    for (let r = 0; r < reviews; r++) {
      const review = fixture.addReview(pr, { author: pick(), state: r === reviews - 1 ? 'APPROVED' : 'COMMENTED' });
      counts.reviews++;
      if (r === 0 && rand() < 0.25) {
        const inline = 1 + Math.floor(rand() * 10);
        for (let c = 0; c < inline; c++) fixture.addReviewComment(pr, review, { author: pick() });
        counts.reviewComments += inline;
      }
    }
    const comments = Math.floor(rand() * 9);
    for (let c = 0; c < comments; c++) fixture.addComment(pr, { author: pick() });
    counts.comments += comments;
  }
  for (let i = 0; i < ISSUES; i++) {
    const issue = fixture.addIssue(repo, { author: pick(), labels: rand() < 0.5 ? ['bug'] : [], state: rand() < 0.6 ? 'CLOSED' : 'OPEN' });
    const comments = Math.floor(rand() * 7);
    for (let c = 0; c < comments; c++) fixture.addComment(issue, { author: pick() });
    counts.issueComments += comments;
  }
  return counts;
}

const PROFILES = 2000;

/**
 * The profiles' budget, in a world of its own: PROFILES people opening one issue each, two in
 * three with a company in their profile, a third of those as `@handle` of one of 50 organisations.
 * @param {string} work
 * @returns {Promise<number>} points per 1,000 profiles read
 */
async function profilesBudget(work) {
  const fixture = new GitHubFixture({ start: '2020-01-01T00:00:00Z', step: 60 });
  const repo = fixture.addRepository('bench/people');
  for (let o = 0; o < 50; o++) fixture.organization(`org-${o}`, { name: `Organisation ${o}, Inc.` });
  for (let i = 0; i < PROFILES; i++) {
    const company = i % 3 === 0 ? null : i % 3 === 1 ? `@org-${i % 50}` : `Company ${i % 200} LLC`;
    fixture.addIssue(repo, { author: fixture.user(`person-${i}`, { company }) });
  }
  const server = await startGitHubServer({ fixture, token: 'bench-token', limit: 1_000_000 });
  try {
    const clone = path.join(work, 'people');
    execFileSync('git', ['init', '-q', '-b', 'main', clone]);
    execFileSync('git', ['-C', clone, '-c', 'user.name=b', '-c', 'user.email=b@example.org', 'commit', '-q', '--allow-empty', '-m', 'x']);
    const config = path.join(work, 'profiles.yaml');
    await writeFile(config, `database: profiles.duckdb\ngithub:\n  tokenEnv: CDSTATS_BENCH_TOKEN\n  graphqlUrl: ${server.url}\nprojects:\n  - name: People\n    repos:\n      - github: bench/people\n        clone: ${clone}\n`);
    const summary = await collect(await loadConfig(config, silentLog), { projects: [], wait: 0, log: silentLog });
    if (summary.reposFailed > 0 || !summary.profiles) throw new Error(summary.errors.join('\n'));
    const points = server.stats.byOperation.Profiles?.points ?? 0;
    return (points * 1000) / summary.profiles.read;
  } finally {
    await server.close();
  }
}

/**
 * A clone with one commit and a config collecting `repos` (owner/name) from `server`.
 * @param {string} work @param {string} name @param {string[]} repos @param {GitHubServer} server
 */
async function configure(work, name, repos, server) {
  const clone = path.join(work, `${name}-clone`);
  execFileSync('git', ['init', '-q', '-b', 'main', clone]);
  execFileSync('git', ['-C', clone, '-c', 'user.name=b', '-c', 'user.email=b@example.org', 'commit', '-q', '--allow-empty', '-m', 'x']);
  const config = path.join(work, `${name}.yaml`);
  const list = repos.map((r) => `      - github: ${r}\n        clone: ${clone}\n`).join('');
  await writeFile(config, `database: ${name}.duckdb\ngithub:\n  tokenEnv: CDSTATS_BENCH_TOKEN\n  graphqlUrl: ${server.url}\nprojects:\n  - name: Bench\n    repos:\n${list}`);
  return async () => {
    const summary = await collect(await loadConfig(config, silentLog), { projects: [], wait: 0, log: silentLog });
    if (summary.reposFailed > 0) throw new Error(summary.errors.join('\n'));
    return summary;
  };
}

/**
 * Points the server charged for pull requests (their pages and follow-ups) and for issues,
 * told apart by operation and by the node a follow-up asks about.
 * @param {GitHubServer} server
 */
function pointsByKind(server) {
  const rest = Object.entries(server.stats.byOperation).reduce((n, [op, s]) => n + (op.startsWith('REST ') ? s.requests : 0), 0);
  const issueOps = new Set(['Issues']);
  const other = new Set(['Probe', 'Releases', 'Stargazers', 'CommitAuthors', 'Profiles', 'OrganizationRepositories']);
  let pullRequests = 0;
  let issues = 0;
  for (const r of server.requests) {
    const id = typeof r.variables.id === 'string' ? r.variables.id : '';
    if (issueOps.has(r.operation ?? '') || id.startsWith('I_')) issues += r.cost;
    else if (!other.has(r.operation ?? '')) pullRequests += r.cost;
  }
  return { pullRequests, issues, rest };
}

/**
 * The budget on a kubernetes-like repository (test/github/kubernetes.ts): a cold collect, then
 * a day of activity (200 pull requests and 200 issues updated, 100 of each new) collected.
 * @param {string} work
 */
async function kubernetesBudget(work) {
  const fixture = new GitHubFixture({ start: '2016-01-01T00:00:00Z', step: 60 });
  const name = 'kube/kubernetes';
  const counts = addKubernetesLikeRepository(fixture, name, { pullRequests: 10_000, issues: 5_000 });
  const server = await startGitHubServer({ fixture, token: 'bench-token', limit: 1_000_000 });
  try {
    const run = await configure(work, 'kubernetes', [name], server);
    const cold = await run();
    const coldPoints = pointsByKind(server);
    if (process.env.BENCH_DEBUG) console.error(server.stats.byOperation);
    fixture.advance(86_400);
    addKubernetesActivity(fixture, name, { updated: 200, added: 100 });
    server.resetStats();
    const warm = await run();
    const warmPoints = pointsByKind(server);
    if (process.env.BENCH_DEBUG) console.error(server.stats.byOperation);
    const github = (/** @type {typeof cold} */ summary) => summary.github[0] ?? { pullRequests: 0, issues: 0 };
    /** @param {ReturnType<typeof pointsByKind>} p @param {{ pullRequests: number, issues: number }} n */
    const per1000 = (p, n) => ({ pullRequests: (p.pullRequests * 1000) / n.pullRequests, issues: (p.issues * 1000) / n.issues, rest: (p.rest * 1000) / n.pullRequests });
    return { counts, cold: per1000(coldPoints, github(cold)), warm: per1000(warmPoints, github(warm)), stored: github(warm) };
  } finally {
    await server.close();
  }
}

const work = await mkdtemp(path.join(tmpdir(), 'cdstats-bench-github-'));
try {
  const fixture = new GitHubFixture({ start: '2020-01-01T00:00:00Z', step: 300 });
  const rand = random(7);
  const counts = populate(fixture, 'bench/one', rand);
  populate(fixture, 'bench/two', rand);
  const token = 'bench-token';
  /** @type {GitHubServer} */
  const server = await startGitHubServer({ fixture, token, limit: 1_000_000 });
  const clones = ['one', 'two'].map((name) => {
    const clone = path.join(work, name);
    execFileSync('git', ['init', '-q', '-b', 'main', clone]);
    execFileSync('git', ['-C', clone, '-c', 'user.name=b', '-c', 'user.email=b@example.org', 'commit', '-q', '--allow-empty', '-m', 'x']);
    return clone;
  });
  process.env.CDSTATS_BENCH_TOKEN = token;
  await writeFile(
    path.join(work, 'cdstats.yaml'),
    `github:\n  tokenEnv: CDSTATS_BENCH_TOKEN\n  graphqlUrl: ${server.url}\nprojects:\n  - name: Bench\n    repos:\n      - github: bench/one\n        clone: ${clones[0]}\n      - github: bench/two\n        clone: ${clones[1]}\n`,
  );
  const run = async () => collect(await loadConfig(path.join(work, 'cdstats.yaml'), silentLog), { projects: [], wait: 0, log: silentLog });
  /** @param {string[]} ops */
  const sum = (ops) => ops.reduce((n, op) => n + (server.stats.byOperation[op]?.points ?? 0), 0);

  const cold = await run();
  if (cold.reposFailed > 0) throw new Error(cold.errors.join('\n'));
  const prPoints = sum(PR_OPERATIONS) / 2;
  if (process.env.BENCH_DEBUG) console.error(server.stats.byOperation);
  const issuePoints = sum(ISSUE_OPERATIONS) / 2;
  const totalCold = server.stats.points;
  server.resetStats();
  await run();
  const noop = server.stats.points / 2;
  await server.close();
  const profilePoints = await profilesBudget(work);
  const kube = await kubernetesBudget(work);
  const fleet = await fleetBudget({ GitHubFixture, startGitHubServer, collect, loadConfig, silentLog }, work);

  process.stdout.write(`\ncdstats GitHub budget — per repository: ${PULL_REQUESTS} pull requests (${counts.reviews} reviews, ${counts.comments} comments, ${counts.reviewComments} inline review comments), ${ISSUES} issues (${counts.issueComments} comments)\n`);
  /** @type {[string, number, string][]} */
  const rows = [
    ['cold collect, points per 1,000 pull requests', (prPoints * 1000) / PULL_REQUESTS, '≤ 40'],
    ['cold collect, points per 1,000 issues', (issuePoints * 1000) / ISSUES, ''],
    ['cold collect, all points for 2 repositories', totalCold, ''],
    ['re-collect with nothing changed, points per repository', noop, '≤ 3'],
    [`cold collect, points per 1,000 profiles (${PROFILES} users, 50 orgs)`, profilePoints, '≤ 11'],
  ];
  for (const [what, value, limit] of rows) process.stdout.write(`${what.padEnd(62)} ${String(Math.round(value * 10) / 10).padStart(8)}  ${limit}\n`);
  const k = kube.counts;
  process.stdout.write(`\nkubernetes-like repository: ${k.pullRequests} pull requests (${k.reviews} reviews: median 4, p90 20, p99 80; ${k.reviewComments} inline comments on ${k.withInline}), ${k.issues} issues; then a day: ${kube.stored.pullRequests} pull requests and ${kube.stored.issues} issues updated or new\n`);
  process.stdout.write(`${''.padEnd(62)} ${'before'.padStart(8)} ${'now'.padStart(8)}\n`);
  /** @type {[string, number | string, number, string][]} */
  const kubeRows = [
    ['cold collect, points per 1,000 pull requests', GRAPHQL_INLINE.cold.pullRequests, kube.cold.pullRequests, '≤ 40'],
    ['cold collect, points per 1,000 issues', GRAPHQL_INLINE.cold.issues, kube.cold.issues, ''],
    ['cold collect, REST requests per 1,000 pull requests', '', kube.cold.rest, ''],
    ['incremental collect, points per 1,000 pull requests updated', GRAPHQL_INLINE.warm.pullRequests, kube.warm.pullRequests, ''],
    ['incremental collect, points per 1,000 issues updated', GRAPHQL_INLINE.warm.issues, kube.warm.issues, ''],
    ['incremental collect, REST requests per 1,000 pull requests', '', kube.warm.rest, ''],
  ];
  const round = (/** @type {number | string} */ v) => String(typeof v === 'number' ? Math.round(v * 10) / 10 : v);
  for (const [what, before, now, limit] of kubeRows) process.stdout.write(`${what.padEnd(62)} ${round(before).padStart(8)} ${round(now).padStart(8)}  ${limit}\n`);
  process.stdout.write(`\nan organisation of ${FLEET} repositories, each with a commit, a pull request with a review, an issue, a release and a star\n`);
  /** @type {[string, string, string][]} */
  const fleetRows = [
    [`no-op run, points per unchanged repository (github: fleet/*)`, (fleet.orgNoop.points / FLEET).toFixed(3), '< 0.05'],
    [`no-op run, points per unchanged repository (listed one by one)`, (fleet.eachNoop.points / FLEET).toFixed(3), '< 0.05'],
    [`run with ${fleet.changed} of ${FLEET} changed, points (github: fleet/*)`, String(fleet.orgChanged.points), ''],
    [`  the same for 2,500 repositories, 10% changed (5 times)`, String(5 * fleet.orgChanged.points), '≤ 5,000'],
    [`no-op run, wall time without git (github: fleet/*), s`, fleet.orgNoop.seconds.toFixed(2), `${(fleet.orgNoop.seconds / fleet.baseline).toFixed(1)} × baseline`],
    [`no-op run, wall time without git (listed one by one), s`, fleet.eachNoop.seconds.toFixed(2), `${(fleet.eachNoop.seconds / fleet.baseline).toFixed(1)} × baseline`],
    [`  baseline: no-op run of one of the repositories, s`, fleet.baseline.toFixed(2), ''],
    [`no-op run, requests to GitHub (github: fleet/*; one by one)`, `${fleet.orgNoop.requests}; ${fleet.eachNoop.requests}`, ''],
  ];
  for (const [what, value, limit] of fleetRows) process.stdout.write(`${what.padEnd(62)} ${value.padStart(8)}  ${limit}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
