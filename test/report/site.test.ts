import { cp, mkdir, readFile, readdir, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishSite } from '../../src/report/publish.js';
import { Database } from '../../src/store/db.js';
import { GitHubFixture } from '../github/fixture.js';
import { startGitHubServer, type GitHubServer } from '../github/server.js';
import { runCli } from '../helpers/cli.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

const XSS = '<img src=x onerror=alert(1)>';
const EVIL = { name: XSS, email: 'Mallory@Example.org' };
const ADA = { name: 'Ada', email: 'ada@example.org' };
const BOB = { name: 'Bob', email: 'bob@example.org' };
/** An author whose name is a URL: text on the site, never a link. */
const PHISH = { name: 'https://evil.example/login', email: 'phish@example.org' };
const AS_OF = '2024-06-30';
const TOKEN = 'ghp_report_test_token_0123456789';
const TOKEN_ENV = 'CDSTATS_REPORT_TEST_TOKEN';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
const PAGES = ['index.html', 'about.html', 'projects/alpha.html', 'projects/img-src-x-onerror-alert-1.html', 'projects/pending.html'];

let dir: string;
let cleanup: () => Promise<void>;
let browser: Browser;
let server: GitHubServer;
let site: string;
let alpha: TestRepo;
let report: { code: number | null; stderr: string };

/**
 * Alpha: a GitHub repository (its git history from a local clone, pull requests, reviews,
 * comments, issues, releases and stars from the local GitHub server) over two years. A git-only
 * project named like an XSS payload, with an author named so too. Pending: never collected.
 */
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cdstats-report-'));
  alpha = await TestRepo.create(path.join(dir, 'alpha'));
  const dates = ['2023-11-10T10:00:00+02:00', '2023-12-01T10:00:00Z', '2024-01-10T10:00:00Z', '2024-01-20T10:00:00Z', '2024-02-03T09:00:00-05:00', '2024-03-05T10:00:00Z', '2024-04-16T10:00:00Z', '2024-06-01T10:00:00Z'];
  for (const [i, date] of dates.entries()) {
    await alpha.commit({ files: { 'a.txt': `line ${i}\n`.repeat(i + 1) }, author: [ADA, BOB, EVIL][i % 3] ?? ADA, date, message: i === 2 ? `fix ${XSS}` : `change ${i}` });
  }
  await alpha.commit({ files: { 'late.txt': 'after as-of\n' }, author: ADA, date: '2024-08-01T10:00:00Z' });
  const evil = await TestRepo.create(path.join(dir, 'evil'));
  await evil.commit({ files: { 'x.txt': 'x\n' }, author: BOB, date: '2024-02-15T10:00:00Z' });
  await evil.commit({ files: { 'y.txt': 'y\n' }, author: EVIL, date: '2024-04-01T10:00:00Z', message: XSS });
  await evil.commit({ files: { 'z.txt': 'z\n' }, author: PHISH, date: '2024-04-02T10:00:00Z', message: PHISH.name });

  const fixture = new GitHubFixture({ start: '2023-11-01T00:00:00Z', step: 3 * 86_400 });
  const ada = fixture.user('ada', { name: 'Ada', email: 'ada@example.org' });
  const bob = fixture.user('bob', { name: 'Bob', email: 'bob@example.org' });
  const repo = fixture.addRepository('acme/alpha', { forkCount: 2 });
  for (let n = 0; n < 40; n++) {
    const state = n % 3 === 0 ? 'MERGED' : n % 3 === 1 ? 'CLOSED' : 'OPEN';
    const pr = fixture.addPullRequest(repo, { title: n === 5 ? XSS : `PR ${n}`, author: n % 2 ? ada : bob, state, ...(state === 'MERGED' ? { mergedBy: ada } : {}) });
    fixture.addReview(pr, { author: n % 2 ? bob : ada, state: 'APPROVED' });
    const issue = fixture.addIssue(repo, { title: `Issue ${n}`, author: bob, state: n % 2 ? 'CLOSED' : 'OPEN' });
    fixture.addComment(issue, { author: ada });
    if (n % 10 === 0) fixture.addRelease(repo, `v0.${n}.0`, { author: ada });
    fixture.addStargazer(repo, fixture.user(`fan-${n}`));
  }
  server = await startGitHubServer({ fixture, token: TOKEN });
  await writeConfig(
    dir,
    `title: Fixture report
github:
  tokenEnv: ${TOKEN_ENV}
  graphqlUrl: ${server.url}
projects:
  - name: Alpha
    repos:
      - github: acme/alpha
        clone: ./alpha
  - name: "${XSS}"
    repos:
      - git: ./evil
  - name: Pending
    repos:
      - git: ./not-there
`,
  );
  const collect = await runCli(['collect'], { cwd: dir, env: { [TOKEN_ENV]: TOKEN } });
  expect(collect.stderr).toMatch(/not-there/);
  // Built from a subfolder with --config: the default output folder is next to the config file.
  await mkdir(path.join(dir, 'elsewhere'));
  report = await runCli(['--config', '../cdstats.yaml', 'report', '--as-of', AS_OF], { cwd: path.join(dir, 'elsewhere') });
  site = path.join(dir, 'report');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cleanup?.();
});

interface Visit {
  page: Page;
  problems: string[];
  requests: string[];
  dialogs: string[];
}

/** Opens a page of the site from file:// and records everything that would mean a broken or unsafe page. */
async function visit(file: string, width = 1000): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width, height: 800 }, acceptDownloads: true });
  const result: Visit = { page, problems: [], requests: [], dialogs: [] };
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && result.problems.push(`console ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => result.problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => result.problems.push(`failed request: ${r.url()}`));
  page.on('request', (r) => result.requests.push(r.url()));
  page.on('dialog', (d) => {
    result.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(path.join(site, file)).href);
  return result;
}

/** Waits until every chart of the page is drawn (or failed), then returns the drawn ones' ids. */
async function chartsDrawn(page: Page): Promise<string[]> {
  const pending = page.locator('figure.chart:not([data-state="drawn"]):not([data-state="failed"])');
  await expect.poll(() => pending.count(), { timeout: 30_000 }).toBe(0);
  expect(await page.locator('figure.chart[data-state="failed"]').count()).toBe(0);
  return page.locator('figure.chart').evaluateAll((figures) => figures.map((f) => f.id));
}

/** The number of drawn marks (lines, bars, cells, areas) in each chart's SVG. */
async function marks(page: Page): Promise<Record<string, number>> {
  return page
    .locator('figure.chart')
    .evaluateAll((figures) =>
      Object.fromEntries(figures.map((f) => [f.id, f.querySelectorAll('svg .mark-line path, svg .mark-rect path, svg .mark-area path, svg .mark-symbol path').length])),
    );
}

/** Picks a period in the page's period switch. */
async function choose(page: Page, period: string): Promise<void> {
  await page.locator(`form.period-switch input[value="${period}"]`).check();
}

/** The cell texts of each body row of a table. */
async function rows(page: Page, selector: string): Promise<string[][]> {
  const list = await page.locator(`${selector} tbody tr`).all();
  return Promise.all(list.map((row) => row.locator('td').allTextContents()));
}

/** Commits of the branch up to --as-of, by UTC year of the author date, as git counts them. */
async function gitCommitsByYear(repo: TestRepo): Promise<string[][]> {
  const until = Date.parse(`${AS_OF}T23:59:59.999Z`) / 1000;
  const years = new Map<string, number>();
  for (const line of (await repo.git(['log', '--format=%at'])).trim().split('\n')) {
    if (Number(line) > until) continue;
    const year = String(new Date(Number(line) * 1000).getUTCFullYear());
    years.set(year, (years.get(year) ?? 0) + 1);
  }
  return [...years].sort().map(([year, n]) => [year, String(n)]);
}

describe('cdstats report', () => {
  it('writes the overview, the about page and a page per configured project next to the config file', async () => {
    expect(report.stderr).toMatch(/wrote the report \(5 pages\) to .*report; open .*report\/index\.html/);
    expect(report.code).toBe(0);
    // A link to the published version, swapped in one rename by the next report.
    expect(await readlink(site)).toMatch(/^report\.sites\/v\d+-\d+-\d+$/);
    expect((await readdir(path.join(site, 'projects'))).sort()).toEqual(['alpha.html', 'img-src-x-onerror-alert-1.html', 'pending.html']);
    expect((await readdir(path.join(site, 'assets'))).sort()).toEqual(['report.css', 'report.js', 'vega-embed.min.js', 'vega-lite.min.js', 'vega.min.js']);
    await expect(readdir(path.join(dir, 'elsewhere'))).resolves.toEqual([]);
  });

  it.each(PAGES)('%s opens from file:// and draws every chart with marks: no errors, warnings, failed requests, network or dialogs', async (file) => {
    const { page, problems, requests, dialogs } = await visit(file);
    const drawn = await chartsDrawn(page);
    if (file === 'projects/alpha.html' || file === 'index.html') expect(drawn.length).toBeGreaterThan(4);
    if (file === 'projects/pending.html' || file === 'about.html') expect(drawn).toEqual([]);
    for (const [id, count] of Object.entries(await marks(page))) expect([id, count > 0]).toEqual([id, true]);
    // Each drawn chart is an image with a description for screen readers, and a table alternative.
    for (const id of drawn) {
      expect(await page.locator(`#${id} .vega`).getAttribute('aria-label')).toMatch(/^(Line chart|Bar chart|Heat map)[^:]*: .+/);
      expect(await page.locator(`#${id} details summary`).textContent()).toMatch(/ as a table$/);
    }
    // No link leaves the site but to a URL the config names, and none here is a web URL: an author named https://… is text.
    const links = await page.locator('a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? a.getAttribute('xlink:href') ?? ''));
    expect(links.filter((href) => /^[a-z][a-z0-9+.-]*:/i.test(href))).toEqual([]);
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://') && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('draws every time series of a GitHub project, and says "not collected" for a git-only one', async () => {
    const { page } = await visit('projects/alpha.html');
    const drawn = await chartsDrawn(page);
    for (const id of ['chart-prs_opened', 'chart-pr_time_to_merge', 'chart-time_to_first_response', 'chart-issues_opened', 'chart-releases', 'chart-stars_forks', 'chart-activity_heatmap', 'chart-active_contributors']) {
      expect(drawn).toContain(id);
    }
    expect(await page.locator('[data-status="not-collected"]').count()).toBe(0);
    const evil = await visit('projects/img-src-x-onerror-alert-1.html');
    await chartsDrawn(evil.page);
    const missing = (await evil.page.locator('[data-status="not-collected"] strong').allTextContents()).flatMap((t) => t.split(', '));
    expect(missing).toEqual(expect.arrayContaining(['Pull requests opened', 'Pull request time to merge', 'Issues opened', 'Stars and forks']));
    expect(await evil.page.locator('#chart-commits svg .mark-line path').count()).toBe(1);
    await page.close();
    await evil.page.close();
  });

  it('switches every time series between week, month, quarter and year', async () => {
    const { page } = await visit('projects/alpha.html');
    await chartsDrawn(page);
    await page.locator('#chart-commits details summary').click();
    // The table alternative is filled when it is opened (the toggle event comes asynchronously).
    const months = async () => (await rows(page, '#chart-commits details table')).map((r) => r[0]);
    await expect.poll(months).toEqual(['Nov 2023', 'Dec 2023', 'Jan 2024', 'Feb 2024', 'Mar 2024', 'Apr 2024', 'May 2024', 'Jun 2024']);
    // The first path: the solid line (a running period adds a dashed one).
    const line = page.locator('#chart-commits svg .mark-line path').first();
    const monthlyPath = await line.getAttribute('d');

    await choose(page, 'year');
    // Every drawn chart switches: retention, the one of a fixed period (quarterly), has too few people here to be drawn.
    const switchable = await page.locator('figure.chart[data-period]').count();
    await expect.poll(() => page.locator('figure.chart[data-period="year"][data-state="drawn"]').count()).toBe(switchable);
    expect(await line.getAttribute('d')).not.toBe(monthlyPath);
    // As of June 30, 2024 is still running: its row says it is partial, and its segment is dashed.
    const yearly = await rows(page, '#chart-commits details table');
    expect(yearly.map((r) => r.slice(0, 2))).toEqual(await gitCommitsByYear(alpha));
    expect(yearly.map((r) => r[2])).toEqual(['no', 'yes']);
    expect(await page.locator('#chart-commits svg .mark-line path[stroke-dasharray="4,3"]').count()).toBe(1);
    expect(await page.locator('#chart-commits svg text', { hasText: 'Year' }).count()).toBeGreaterThan(0);

    await choose(page, 'week');
    await expect.poll(() => page.locator('#chart-commits[data-period="week"][data-state="drawn"]').count()).toBe(1);
    const weekly = await rows(page, '#chart-commits details table');
    expect(weekly[0]?.[0]).toBe('2023-11-06');
    expect(weekly.reduce((sum, r) => sum + Number(r[1]), 0)).toBe((await gitCommitsByYear(alpha)).reduce((sum, r) => sum + Number(r[1]), 0));
    // Three people, a few pull requests a month: no share is given, and the page says why instead of drawing 0 and 100%.
    expect(await page.locator('#chart-retention').count()).toBe(0);
    expect(await page.locator('[data-status="too-few"]').allTextContents()).toEqual([
      'Too few to give a share: Retention, Retention by cohort (under 10 people or items in every period; see About the numbers).',
      'Too few to give a share: Pull request acceptance ratio (under 10 people or items in every period; see About the numbers).',
    ]);
    await page.close();
  });

  it('downloads a chart as SVG, PNG, Vega-Lite spec and CSV', async () => {
    const { page } = await visit('projects/alpha.html');
    await chartsDrawn(page);
    await choose(page, 'quarter');
    await expect.poll(() => page.locator('#chart-commits[data-period="quarter"][data-state="drawn"]').count()).toBe(1);
    const download = async (label: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator('#chart-commits .downloads button', { hasText: label }).click()]);
      return { name: file.suggestedFilename(), content: await readFile((await file.path()) ?? '') };
    };
    const svg = await download('SVG');
    expect(svg.name).toBe('alpha-commits-quarter.svg');
    expect(svg.content.toString('utf8')).toMatch(/^<svg[^]*Commits[^]*<\/svg>$/);
    const png = await download('PNG');
    expect(png.name).toBe('alpha-commits-quarter.png');
    expect(png.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.content.readUInt32BE(16)).toBeGreaterThan(400);
    const spec = await download('Vega-Lite spec');
    expect(spec.name).toBe('alpha-commits-quarter.vl.json');
    const parsed = JSON.parse(spec.content.toString('utf8')) as { $schema: string; data: { values: { period: string; value: number }[] } };
    expect(parsed.$schema).toMatch(/vega-lite/);
    const csv = await download('CSV');
    expect(csv.name).toBe('alpha-commits-quarter.csv');
    const lines = csv.content.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Quarter,Commits,Partial period');
    // As of June 30 (its end) the second quarter is complete.
    expect(lines.slice(1)).toEqual(parsed.data.values.map((v) => `${v.period},${v.value},false`));
    expect(lines).toHaveLength(1 + 3); // 2023 Q4, 2024 Q1 and Q2
    await page.close();
  });

  it('shows names from the data as text: in headings, tables, chart legends and tooltips', async () => {
    const { page, dialogs } = await visit('index.html');
    await chartsDrawn(page);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('table a', { hasText: XSS }).count()).toBe(2);
    expect(await page.locator('#chart-active_contributors svg text', { hasText: '<img src=x' }).count()).toBeGreaterThan(0);
    let tooltip = '';
    for (const point of await page.locator('#chart-active_contributors svg .mark-symbol path').all()) {
      await point.hover({ force: true });
      tooltip = (await page.locator('#vg-tooltip-element').textContent()) ?? '';
      if (tooltip.includes(XSS)) break;
    }
    expect(tooltip).toContain(XSS);
    expect(await page.locator('#vg-tooltip-element img').count()).toBe(0);
    const project = await visit('projects/img-src-x-onerror-alert-1.html');
    await chartsDrawn(project.page);
    expect(await project.page.locator('h1').textContent()).toBe(XSS);
    // git drops < and > from author names; what is left is still shown as text.
    expect(await project.page.locator('#chart-top_contributors td', { hasText: 'img src=x onerror=alert(1)' }).count()).toBe(1);
    expect(await project.page.locator('#chart-top_contributors td', { hasText: PHISH.name }).count()).toBe(1);
    expect(await project.page.locator(`a[href="${PHISH.name}"]`).count()).toBe(0);
    expect(await project.page.locator('img').count()).toBe(0);
    expect([...dialogs, ...project.dialogs]).toEqual([]);
    await page.close();
    await project.page.close();
  });

  it('fits a phone: no page wider than the screen', async () => {
    for (const file of ['index.html', 'projects/alpha.html', 'about.html']) {
      const { page } = await visit(file, 390);
      await chartsDrawn(page);
      expect([file, await page.evaluate('document.documentElement.scrollWidth')]).toEqual([file, 390]);
      await page.close();
    }
  });

  it('explains the numbers: definitions, coverage per repository and source, and the as-of date', async () => {
    const { page } = await visit('about.html');
    expect(await page.locator('.lead').textContent()).toContain(`computed as of ${AS_OF}`);
    const coverage = await rows(page, 'table');
    const status = Object.fromEntries(coverage.map((r) => [`${r[1]} ${r[2]}`, r[3]]));
    expect(status).toMatchObject({
      'acme/alpha git history': 'collected',
      'acme/alpha GitHub pull requests': 'collected',
      'acme/alpha GitHub issues': 'collected',
      'evil git history': 'collected',
      'not-there git history': 'failed',
    });
    const definitions = await page.locator('dl.definitions dt').allTextContents();
    expect(definitions).toEqual(expect.arrayContaining(['Active contributors', 'Bus factor', 'Pull request time to merge', 'Project health', 'Top contributors']));
    await page.close();
  });

  it('totals equal what git reports, up to --as-of', async () => {
    const out = path.join(dir, 'january');
    const result = await runCli(['report', '--as-of', '2024-01-31', '--out', out], { cwd: dir, env: { [TOKEN_ENV]: TOKEN } });
    expect(result.code).toBe(0);
    const html = await readFile(path.join(out, 'index.html'), 'utf8');
    const until = Date.parse('2024-02-01T00:00:00Z') / 1000;
    const january = (await alpha.git(['log', '--format=%at %ae'])).trim().split('\n').filter((l) => Number(l.split(' ')[0]) < until);
    expect(january).toHaveLength(4);
    const authors = new Set(january.map((l) => (l.split(' ')[1] ?? '').toLowerCase())).size;
    expect(html).toMatch(new RegExp(`<tr><td><a href="projects/alpha.html">Alpha</a></td><td class="num">1</td><td class="num">${january.length}</td><td class="num">${authors}</td><td>2023-11-10</td><td>2024-01-20</td>`));
  });
});

describe('cdstats report --format svg|png', () => {
  it('draws one chart of the overview, or of a project page, to a file', async () => {
    const svg = await runCli(['report', '--format', 'svg', '--indicator', 'active_contributors', '--as-of', AS_OF], { cwd: dir });
    expect(svg.stderr).toMatch(/wrote active_contributors \(Active contributors, month\) to active_contributors-month\.svg/);
    const text = await readFile(path.join(dir, 'active_contributors-month.svg'), 'utf8');
    expect(text).toMatch(/^<svg/);
    expect(text).toContain('Active contributors');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).not.toContain('<img');
    const png = await runCli(['report', '--format', 'png', '--indicator', 'pr_time_to_merge', '--project', 'Alpha', '--period', 'quarter', '--as-of', AS_OF, '--out', 'ttm.png'], { cwd: dir });
    expect(png.code).toBe(0);
    const image = await readFile(path.join(dir, 'ttm.png'));
    expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(image.readUInt32BE(16)).toBeGreaterThan(720);
    await writeFile(path.join(dir, 'b-file'), 'not a folder');
    const unwritable = await runCli(['report', '--format', 'png', '--indicator', 'commits', '--as-of', AS_OF, '--out', 'b-file/c.png'], { cwd: dir });
    expect([unwritable.code, unwritable.stderr]).toEqual([1, `cdstats: cannot write the chart to ${path.join(dir, 'b-file', 'c.png')}: ${path.join(dir, 'b-file')} is a file, not a folder\n`]);
    // Alpha's three people give no retention share: an error that says so, not a blank image.
    const few = await runCli(['report', '--format', 'svg', '--indicator', 'retention', '--project', 'Alpha', '--as-of', AS_OF], { cwd: dir });
    expect([few.code, few.stderr]).toEqual([1, expect.stringContaining('retention: too few for a value anywhere for Alpha up to 2024-06-30 (every n is under 10')]);
  });

  it.each([
    [['--indicator', 'commits'], '--indicator applies to one chart: add --format svg or --format png'],
    [['--format', 'png'], '--format png draws one chart: name it with --indicator <id>'],
    [['--format', 'png', '--indicator', 'nope'], '--indicator nope: no such indicator'],
    [['--format', 'png', '--indicator', 'top_contributors'], 'the report shows it as a table, not a chart'],
    [['--format', 'svg', '--indicator', 'retention', '--project', 'Alpha', '--period', 'week'], '--period week: the retention chart has a fixed period (quarter) in its report definition'],
    [
      ['--format', 'png', '--indicator', 'contributions_per_contributor', '--period', 'month'],
      '--period month: the contributions_per_contributor chart covers one window, the 365 days up to the as-of date, not periods: it takes no --period (`cdstats query contributions_per_contributor --param window=N` computes another window)',
    ],
    [['--format', 'svg', '--indicator', 'commits', '--project', 'Nope'], '--project Nope: no such project in the config'],
  ])('refuses %j with exit code 2', async (args, message) => {
    const result = await runCli(['report', ...args], { cwd: dir });
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(2);
  });

  it('says when the chart has no data or its source was not collected, with exit code 1', async () => {
    const result = await runCli(['report', '--format', 'svg', '--indicator', 'prs_opened', '--project', XSS, '--as-of', AS_OF], { cwd: dir });
    expect(result.stderr).toContain(`prs_opened: not collected for ${XSS} (its data comes from GitHub, which is collected for \`github:\` repositories when a token is set). What was collected, per repository and source: cdstats query "SELECT project, repo, source, status, last_error FROM coverage ORDER BY ALL", or the report's About the numbers page`);
    expect(result.code).toBe(1);
    // The command it names shows the coverage view: git only for that project.
    const coverage = await runCli(['query', 'SELECT project, repo, source, status, last_error FROM coverage ORDER BY ALL', '--format', 'json'], { cwd: dir });
    const sources = (JSON.parse(coverage.stdout) as { project: string; source: string }[]).filter((row) => row.project === XSS).map((row) => row.source);
    expect(sources).toEqual(['git', 'git_tags']);
  });
});

describe('report definitions of the user', () => {
  it('adds a page from the config’s reports folder without touching the package', async () => {
    await mkdir(path.join(dir, 'my-reports'));
    await writeFile(path.join(dir, 'my-reports', 'people.yaml'), 'title: People\nscope: overview\norder: 5\nsections:\n  - title: Who\n    charts:\n      - indicator: top_contributors\n        type: table\n        params: { top: 2 }\n');
    const config = (await readFile(path.join(dir, 'cdstats.yaml'), 'utf8')).replace('title:', 'reports: my-reports\ntitle:');
    await writeFile(path.join(dir, 'custom.yaml'), config);
    const out = path.join(dir, 'custom-site');
    const result = await runCli(['--config', 'custom.yaml', 'report', '--as-of', AS_OF, '--out', out], { cwd: dir });
    expect(result.code).toBe(0);
    const html = await readFile(path.join(out, 'people.html'), 'utf8');
    expect(html).toContain('<a href="people.html" aria-current="page">People</a>');
    expect((html.match(/<tr><td><a href="projects\/alpha.html">Alpha<\/a><\/td>/g) ?? []).length).toBe(2);
    await writeFile(path.join(dir, 'my-reports', 'people.yaml'), 'title: People\nscope: overview\nsections:\n  - title: Who\n    charts:\n      - indicator: top_contributors\n        type: table\n        columns: { nobody: Nobody }\n');
    const bad = await runCli(['--config', 'custom.yaml', 'report', '--as-of', AS_OF, '--out', out], { cwd: dir });
    expect(bad.stderr).toContain('my-reports/people.yaml:8: indicator top_contributors has no column `nobody`');
    expect(bad.code).toBe(2);
  });
});

describe('a failed build', () => {
  /** What is beside the site, and in its versions folder but the published version. */
  async function siblings(out: string): Promise<string[]> {
    const name = path.basename(out);
    const current = await readlink(out).catch(() => '');
    const versions = (await readdir(`${out}.sites`).catch(() => [])).map((v) => `${name}.sites/${v}`).filter((v) => v !== current && v !== `${name}.sites/.gitignore`);
    return [...(await readdir(path.dirname(out))).filter((n) => n.startsWith(`${name}.`) && n !== `${name}.sites`), ...versions];
  }

  it('leaves the previous site untouched and removes its temporary folder', async () => {
    const out = path.join(dir, 'published');
    await publishSite(out, async (tmp) => writeFile(path.join(tmp, 'index.html'), '<meta name="generator" content="cdstats">old'));
    await expect(
      publishSite(out, async (tmp) => {
        await writeFile(path.join(tmp, 'index.html'), 'half-built');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('<meta name="generator" content="cdstats">old');
    expect(await siblings(out)).toEqual([]);
  });

  it('keeps the published site when the database is broken', async () => {
    await cp(path.join(dir, 'data', 'cdstats.duckdb'), path.join(dir, 'broken.duckdb'));
    const db = await Database.open(path.join(dir, 'broken.duckdb'), false);
    await db.run('DROP TABLE commit_trailers'); // sessions build their contributions view over it
    db.close();
    const config = (await readFile(path.join(dir, 'cdstats.yaml'), 'utf8')).replace('title:', 'database: broken.duckdb\ntitle:');
    await writeFile(path.join(dir, 'broken.yaml'), config);
    const before = await readFile(path.join(site, 'index.html'), 'utf8');
    const result = await runCli(['--config', 'broken.yaml', 'report', '--as-of', AS_OF], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.duckdb lacks part of the schema .*commit_trailers does not exist.*it may be damaged; restore it from a backup, or move it aside and run `cdstats collect`/);
    expect(await readFile(path.join(site, 'index.html'), 'utf8')).toBe(before);
    expect(await siblings(site)).toEqual([]);
  });

  it('refuses to replace a folder that is not a cdstats report', async () => {
    const out = path.join(dir, 'precious');
    await mkdir(out);
    await writeFile(path.join(out, 'notes.txt'), 'keep me');
    const result = await runCli(['report', '--as-of', AS_OF, '--out', out], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not empty and does not hold a cdstats report');
    expect(await readdir(out)).toEqual(['notes.txt']);
    expect(await siblings(out)).toEqual([]);
  });

  it('says which path cannot be written, with exit code 1', async () => {
    await writeFile(path.join(dir, 'a-file'), 'not a folder');
    const result = await runCli(['report', '--as-of', AS_OF, '--out', 'a-file/site'], { cwd: dir });
    expect(result.stderr).toBe(`cdstats: cannot publish the report at ${path.join(dir, 'a-file', 'site')}: ${path.join(dir, 'a-file')} is a file, not a folder\n`);
    expect(result.code).toBe(1);
  });

  it('rejects an invalid --as-of with exit code 2, naming the value', async () => {
    const result = await runCli(['report', '--as-of', '2024-02-30'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--as-of "2024-02-30"');
  });
});
