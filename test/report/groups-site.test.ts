import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

const AS_OF = '2024-06-30';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
const person = (name: string) => ({ name, email: `${name.toLowerCase()}@example.org` });
const [ANN, BEN, CAT, DAN, EVE] = ['Ann', 'Ben', 'Cat', 'Dan', 'Eve'].map(person) as [ReturnType<typeof person>, ReturnType<typeof person>, ReturnType<typeof person>, ReturnType<typeof person>, ReturnType<typeof person>];

let dir: string;
let cleanup: () => Promise<void>;
let browser: Browser;
let site: string;
let report: { code: number; stderr: string };

/**
 * Three projects sharing people, counted by hand. The window is the 365 days to 2024-06-30.
 *
 *   A (joined 2024-02-01, graduated): Ann 2024-01-10 and 2024-03-05, Ben 2024-02-01, a bot
 *     2024-02-02, Eve 2023-01-15 (before the window).
 *   B (incubating):                  Ann 2024-04-01, Cat 2024-05-01, 05-02 and 05-03.
 *   C (joined 2024-03-01):           Dan 2024-02-10, Ann 2024-06-01.
 *   groups: G = [A, B], H = [C]; All projects = A, B, C.
 *
 * Active in the window: A {Ann, Ben} 2, B {Ann, Cat} 2, C {Dan, Ann} 2; G {Ann, Ben, Cat} 3, not
 * 4; all {Ann, Ben, Cat, Dan} 4, not 6. Contributions per contributor: A 3/2 = 1.5, B 4/2 = 2,
 * C 2/2 = 1; G 7/3 = 2.33; H 1; all 9/4 = 2.25. Since joining: A {Ann, Ben} 2 (2 contributions),
 * C {Ann} 1 (1).
 */
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cdstats-groups-site-'));
  const commits: [string, ReturnType<typeof person>, string][] = [
    ['a', ANN, '2024-01-10'],
    ['a', ANN, '2024-03-05'],
    ['a', BEN, '2024-02-01'],
    ['a', { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' }, '2024-02-02'],
    ['a', EVE, '2023-01-15'],
    ['b', ANN, '2024-04-01'],
    ['b', CAT, '2024-05-01'],
    ['b', CAT, '2024-05-02'],
    ['b', CAT, '2024-05-03'],
    ['c', DAN, '2024-02-10'],
    ['c', ANN, '2024-06-01'],
  ];
  const repos = new Map<string, TestRepo>();
  for (const name of ['a', 'b', 'c']) repos.set(name, await TestRepo.create(path.join(dir, name)));
  for (const [repo, author, day] of commits.sort((x, y) => x[2].localeCompare(y[2]))) await repos.get(repo)?.commit({ author, date: `${day}T10:00:00Z` });
  await writeConfig(
    dir,
    `title: Groups fixture
projects:
  - name: A
    maturity: graduated
    joined: 2024-02-01
    repos: [{ git: ./a }]
  - name: B
    maturity: Incubating
    repos: [{ git: ./b }]
  - name: C
    joined: 2024-03-01
    repos: [{ git: ./c }]
groups:
  G: [A, B]
  H: [C]
`,
  );
  expect((await runCli(['collect'], { cwd: dir })).code).toBe(0);
  report = await runCli(['report', '--as-of', AS_OF], { cwd: dir });
  site = path.join(dir, 'report');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await cleanup?.();
});

/** Opens a page of the site from file://, recording console errors and warnings and page errors. */
async function visit(file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(`console ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));
  const [name = '', query = ''] = file.split('?');
  await page.goto(`${pathToFileURL(path.join(site, name)).href}${query === '' ? '' : `?${query}`}`);
  return { page, problems };
}

/** Waits until every chart of the page is drawn, and returns the ids of the drawn ones. */
async function chartsDrawn(page: Page): Promise<string[]> {
  await expect.poll(() => page.locator('figure.chart:not([data-state="drawn"]):not([data-state="failed"])').count(), { timeout: 30_000 }).toBe(0);
  expect(await page.locator('figure.chart[data-state="failed"]').count()).toBe(0);
  return page.locator('figure.chart').evaluateAll((figures) => figures.map((f) => f.id));
}

/** The cell texts of each body row of the table beside a chart. */
async function tableRows(page: Page, chart: string): Promise<string[][]> {
  const rows = await page.locator(`#${chart} table tbody tr`).all();
  return Promise.all(rows.map((row) => row.locator('th, td').allTextContents()));
}

/** The texts a chart's SVG draws. */
async function svgTexts(page: Page, chart: string): Promise<string[]> {
  return page.locator(`#${chart} svg text`).allTextContents();
}

describe('the groups page in Chromium', () => {
  it('is built and linked from the overview', async () => {
    expect(report.code).toBe(0);
    expect(report.stderr).toMatch(/wrote the report \(6 pages\)/);
    const { page } = await visit('index.html');
    await page.getByRole('link', { name: 'Groups', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/\/groups\.html$/);
    await page.close();
  });

  it('draws every chart with marks, with no console error or warning', async () => {
    const { page, problems } = await visit('groups.html');
    const drawn = await chartsDrawn(page);
    expect(drawn).toEqual(['chart-contributions_per_contributor', 'chart-contributions_per_contributor-2', 'chart-contributions_per_contributor-3', 'chart-contributions_per_contributor-4', 'chart-active_contributors']);
    for (const id of drawn) expect([id, await page.locator(`#${id} svg .mark-symbol path, #${id} svg .mark-rect path, #${id} svg .mark-line path`).count()]).not.toEqual([id, 0]);
    // A diamond per group and All projects for the group's own figure, a dot per project of each.
    expect(await page.locator('#chart-contributions_per_contributor svg .mark-symbol.role-mark path').count()).toBe(3 + (2 + 1 + 3));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('tables each group’s people counted once, beside its projects’ median and spread', async () => {
    const { page } = await visit('groups.html');
    await chartsDrawn(page);
    // Group | Projects | Median of its projects | Middle half | Lowest – highest | The group as a whole
    expect(await tableRows(page, 'chart-contributions_per_contributor')).toEqual([
      ['G', '2', '2', '2 – 2', '2 – 2', '3'],
      ['H', '1', '2', '2 – 2', '2 – 2', '2'],
      ['All projects', '3', '2', '2 – 2', '2 – 2', '4'],
    ]);
    expect(await tableRows(page, 'chart-contributions_per_contributor-3')).toEqual([
      ['G', '2', '1.75', '1.63 – 1.88', '1.5 – 2', '2.33', '3'],
      ['H', '1', '1', '1 – 1', '1 – 1', '1', '2'],
      ['All projects', '3', '1.5', '1.25 – 1.75', '1 – 2', '2.25', '4'],
    ]);
    expect(await page.locator('#chart-contributions_per_contributor caption .window').textContent()).toBe('Window: the 365 days to 2024-06-30');
    // Per project, highest first, with maturity, group and n.
    expect(await tableRows(page, 'chart-contributions_per_contributor-4')).toEqual([
      ['B', 'incubating', 'G', '2', '2'],
      ['A', 'graduated', 'G', '1.5', '2'],
      ['C', '—', 'H', '1', '2'],
    ]);
    // Since joining: each project with a joined day, from that day.
    expect(await page.locator('#chart-contributors tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim())))).toEqual([
      ['A', 'graduated', '2024-02-01', 'G', '2', '2'],
      ['C', '—', '2024-03-01', 'H', '1', '1'],
    ]);
    await page.close();
  });

  it('draws a line per group and All projects over time', async () => {
    const { page } = await visit('groups.html');
    await chartsDrawn(page);
    await expect.poll(() => svgTexts(page, 'chart-active_contributors')).toEqual(expect.arrayContaining(['Group', 'G', 'H', 'All projects']));
    await page.close();
  });
});

describe('joined and all projects elsewhere in Chromium', () => {
  it('draws the day a project joined as a labelled rule on its project page’s time series', async () => {
    const { page, problems } = await visit('projects/a.html');
    await chartsDrawn(page);
    await expect.poll(() => svgTexts(page, 'chart-active_contributors')).toContain('Joined 2024-02-01');
    await expect.poll(() => svgTexts(page, 'chart-commits')).toContain('Joined 2024-02-01');
    expect(await page.locator('p.project-facts').textContent()).toBe('graduated · joined the foundation on 2024-02-01 · in G');
    expect(problems).toEqual([]);
    await page.close();
    const b = await visit('projects/b.html');
    await chartsDrawn(b.page);
    expect((await svgTexts(b.page, 'chart-active_contributors')).some((t) => t.startsWith('Joined'))).toBe(false);
    await b.page.close();
  });

  it('adds All projects, each person once, to the overview’s contributors and contributions per contributor', async () => {
    const { page, problems } = await visit('index.html');
    await chartsDrawn(page);
    await expect.poll(() => svgTexts(page, 'chart-active_contributors')).toContain('All projects');
    await expect.poll(() => svgTexts(page, 'chart-contributions_per_contributor')).toEqual(expect.arrayContaining(['All projects', '2.25']));
    await page.locator('#chart-contributions_per_contributor details summary').click();
    // The table alternative is filled when it opens.
    const rows = () => page.locator('#chart-contributions_per_contributor details tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    await expect.poll(rows).toContainEqual(['All projects', '2.25', '4']);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the view of the groups page in its URL', () => {
  it('narrows the page to the groups checked (All projects stays), and restores them and the period after a reload', async () => {
    const { page, problems } = await visit('groups.html');
    await chartsDrawn(page);
    const dots = () => page.locator('#chart-contributions_per_contributor svg .mark-symbol.role-mark path').count();
    await page.locator('form.project-filter summary').click();
    await page.locator('input[name="group"][value="H"]').check();
    await page.locator('form.period-switch input[value="quarter"]').check();
    await expect.poll(() => new URL(page.url()).search).toBe('?period=quarter&group=H');
    await chartsDrawn(page);
    // H: its project and its diamond; All projects: three and a diamond.
    await expect.poll(dots).toBe(2 + 4);
    const check = async () => {
      expect(await page.locator('input[name="group"][value="H"]').isChecked()).toBe(true);
      expect(await page.locator('input[name="period"][value="quarter"]').isChecked()).toBe(true);
      expect(await page.locator('#chart-active_contributors').getAttribute('data-period')).toBe('quarter');
      expect(await page.locator('#chart-contributions_per_contributor tbody tr:not([hidden]) th').allTextContents()).toEqual(['H', 'All projects']);
      expect(await page.locator('#chart-contributions_per_contributor-2 tbody tr:not([hidden]) td:first-child').allTextContents()).toEqual(['C']);
      expect(await svgTexts(page, 'chart-active_contributors')).not.toContain('G');
      // Links to the other pages carry the view on.
      expect(await page.locator('#chart-contributions_per_contributor-2 tbody tr:not([hidden]) a').first().getAttribute('href')).toBe('projects/c.html?period=quarter&group=H');
    };
    await check();
    await page.reload();
    await chartsDrawn(page);
    await expect.poll(dots).toBe(2 + 4);
    await check();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws the joined rule on the overview when the project filter shows one project, beside All projects', async () => {
    const { page, problems } = await visit('index.html?project=A');
    await chartsDrawn(page);
    await expect.poll(() => svgTexts(page, 'chart-active_contributors')).toEqual(expect.arrayContaining(['A joined 2024-02-01', 'All projects']));
    expect(await svgTexts(page, 'chart-active_contributors')).not.toContain('B');
    expect(problems).toEqual([]);
    await page.close();
  });
});
