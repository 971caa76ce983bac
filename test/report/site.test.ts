import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishSite } from '../../src/report/site.js';
import { Database } from '../../src/store/db.js';
import { runCli } from '../helpers/cli.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

const XSS = '<img src=x onerror=alert(1)>';
const EVIL = { name: XSS, email: 'Mallory@Example.org' };
const ADA = { name: 'Ada', email: 'ada@example.org' };
const BOB = { name: 'Bob', email: 'bob@example.org' };
const AS_OF = '2024-06-30';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

let dir: string;
let cleanup: () => Promise<void>;
let browser: Browser;
let site: string;
let repos: { alpha: TestRepo[]; evil: TestRepo[] };
let report: { code: number | null; stderr: string };

/** Two collected projects (one named like an XSS payload, with an author named so too) and one never collected. */
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cdstats-report-'));
  const core = await TestRepo.create(path.join(dir, 'alpha-core'));
  await core.commit({ files: { 'a.txt': 'one\ntwo\n' }, author: ADA, date: '2024-01-10T10:00:00+02:00', message: `fix ${XSS}` });
  await core.commit({ files: { 'a.txt': 'one\n' }, author: EVIL, date: '2024-01-20T10:00:00Z' });
  await core.git(['checkout', '-q', '-b', 'feature']);
  await core.commit({ files: { 'b.txt': 'b\n' }, author: BOB, date: '2024-03-04T10:00:00Z' });
  await core.git(['checkout', '-q', 'main']);
  await core.commit({ files: { 'c.txt': 'c\nc\nc\n' }, author: ADA, date: '2024-03-05T10:00:00Z' });
  await core.merge('feature', { author: ADA, date: '2024-03-06T10:00:00Z' });
  const docs = await TestRepo.create(path.join(dir, 'alpha-docs'));
  await docs.commit({ files: { 'README.md': '# docs\n' }, author: { name: 'Ada L.', email: 'ADA@example.org' }, date: '2024-02-01T10:00:00Z' });
  const evil = await TestRepo.create(path.join(dir, 'evil'));
  await evil.commit({ files: { 'x.txt': 'x\n' }, author: BOB, date: '2024-02-15T10:00:00Z' });
  await evil.commit({ files: { 'y.txt': 'y\n' }, author: EVIL, date: '2024-04-01T10:00:00Z', message: XSS });
  repos = { alpha: [core, docs], evil: [evil] };
  await writeConfig(
    dir,
    `title: Fixture report
projects:
  - name: Alpha
    repos:
      - git: ./alpha-core
      - git: ./alpha-docs
  - name: "${XSS}"
    repos:
      - git: ./evil
  - name: Pending
    repos:
      - git: ./not-there
`,
  );
  const collect = await runCli(['collect'], { cwd: dir });
  expect(collect.stderr).toMatch(/not-there/);
  // Built from a subfolder with --config: the default output folder is next to the config file.
  await mkdir(path.join(dir, 'elsewhere'));
  report = await runCli(['--config', '../cdstats.yaml', 'report', '--as-of', AS_OF], { cwd: path.join(dir, 'elsewhere') });
  site = path.join(dir, 'report');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await cleanup?.();
});

interface Visit {
  page: Page;
  problems: string[];
  requests: string[];
  dialogs: string[];
}

/** Opens a page of the site from file:// and records everything that would mean a broken or unsafe page. */
async function visit(file: string): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const result: Visit = { page, problems: [], requests: [], dialogs: [] };
  page.on('console', (m) => m.type() === 'error' && result.problems.push(`console: ${m.text()}`));
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

/** Waits until every chart has drawn its lines and points (or failed), then returns how many lines there are. */
async function chartsDrawn(page: Page): Promise<number> {
  const pending = page.locator('[data-spec]:not(.failed):not(:has(svg .mark-line path):has(svg .mark-symbol path))');
  await expect.poll(() => pending.count(), { timeout: 30_000 }).toBe(0);
  expect(await page.locator('.vega.failed').count()).toBe(0);
  return page.locator('[data-spec] svg .mark-line path').count();
}

/** The cell texts of each body row of the table with this caption. */
async function tableRows(page: Page, caption: string): Promise<string[][]> {
  const rows = await page.locator(`table:has(caption:text-is("${caption}")) tbody tr`).all();
  return Promise.all(rows.map((row) => row.locator('td').allTextContents()));
}

async function gitLines(repo: TestRepo): Promise<{ added: number; deleted: number }> {
  const rows = (await repo.git(['log', '--no-merges', '--numstat', '--format='])).split('\n').filter((l) => l.trim() !== '');
  return rows.reduce((sum, row) => {
    const [added = '0', deleted = '0'] = row.split('\t');
    return { added: sum.added + Number(added), deleted: sum.deleted + Number(deleted) };
  }, { added: 0, deleted: 0 });
}

/** What git itself says about a project's repositories. */
async function gitFacts(project: TestRepo[]) {
  const facts = { repos: project.length, commits: 0, added: 0, deleted: 0 };
  for (const repo of project) {
    facts.commits += Number((await repo.git(['rev-list', '--count', 'HEAD'])).trim());
    const lines = await gitLines(repo);
    facts.added += lines.added;
    facts.deleted += lines.deleted;
  }
  const log = await gitLog(project);
  const day = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
  return { ...facts, authors: new Set(log.map((c) => c.email)).size, first: day(Math.min(...log.map((c) => c.at))), last: day(Math.max(...log.map((c) => c.at))) };
}

/** Author time (seconds) and lower-cased author e-mail of every commit of the project. */
async function gitLog(project: TestRepo[]): Promise<{ at: number; email: string }[]> {
  const lines = (await Promise.all(project.map((repo) => repo.git(['log', '--format=%at %ae'])))).flatMap((out) => out.trim().split('\n'));
  return lines.map((line) => {
    const [at = '', email = ''] = line.split(' ');
    return { at: Number(at), email: email.toLowerCase() };
  });
}

async function totalsTable(page: Page): Promise<Record<string, string[]>> {
  const rows = await tableRows(page, 'Totals per project');
  return Object.fromEntries(rows.map(([project = '', ...cells]) => [project, cells]));
}

const number = (text: string | undefined) => Number((text ?? '').replace(/,/g, ''));

describe('cdstats report', () => {
  it('writes index.html and a page per configured project next to the config file, and says so', async () => {
    expect(report.code).toBe(0);
    expect(report.stderr).toMatch(/wrote the report \(4 pages\) to .*report; open .*report\/index\.html/);
    expect((await readdir(path.join(site, 'projects'))).sort()).toEqual(['alpha.html', 'img-src-x-onerror-alert-1.html', 'pending.html']);
    expect((await readdir(path.join(site, 'assets'))).sort()).toEqual(['report.css', 'report.js', 'vega-embed.min.js', 'vega-lite.min.js', 'vega.min.js']);
    await expect(readdir(path.join(dir, 'elsewhere'))).resolves.toEqual([]);
  });

  it.each([
    ['index.html', 2 * 2],
    ['projects/alpha.html', 2],
    ['projects/img-src-x-onerror-alert-1.html', 2],
    ['projects/pending.html', 0],
  ])('%s draws its %i lines from file:// with no errors, failed requests, network or dialogs', async (file, lines) => {
    const { page, problems, requests, dialogs } = await visit(file);
    expect(await chartsDrawn(page)).toBe(lines);
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('shows names from git as text: in headings, tables, chart legends and tooltips', async () => {
    const { page, dialogs } = await visit('index.html');
    await chartsDrawn(page);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('table a', { hasText: XSS }).count()).toBe(1);
    expect(await page.locator('#chart-commits svg text', { hasText: '<img src=x' }).count()).toBeGreaterThan(0);
    let tooltip = '';
    for (const point of await page.locator('#chart-commits svg .mark-symbol path').all()) {
      await point.hover({ force: true });
      tooltip = (await page.locator('#vg-tooltip-element').textContent()) ?? '';
      if (tooltip.includes(XSS)) break;
    }
    expect(tooltip).toContain(XSS);
    expect(await page.locator('#vg-tooltip-element img').count()).toBe(0);
    const project = await visit('projects/img-src-x-onerror-alert-1.html');
    await chartsDrawn(project.page);
    expect(await project.page.locator('h1').textContent()).toBe(XSS);
    expect(await project.page.locator('img').count()).toBe(0);
    expect([...dialogs, ...project.dialogs]).toEqual([]);
    await page.close();
    await project.page.close();
  });

  it('totals equal what git reports, and a project never collected says so', async () => {
    const { page } = await visit('index.html');
    const totals = await totalsTable(page);
    expect(Object.keys(totals)).toEqual(['Alpha', XSS, 'Pending not collected yet']);
    for (const [name, project] of [['Alpha', repos.alpha], [XSS, repos.evil]] as const) {
      const git = await gitFacts(project);
      const [repoCount, commits, authors, first, last, added, deleted] = totals[name] ?? [];
      expect({ repos: number(repoCount), commits: number(commits), authors: number(authors), first, last, added: number(added), deleted: number(deleted) }).toEqual(git);
    }
    expect(totals['Pending not collected yet']).toEqual(['—', '—', '—', '—', '—', '—', '—']);
    await page.close();
  });

  it('lists each repository of a project with its commits as git counts them', async () => {
    const { page } = await visit('projects/alpha.html');
    const rows = await tableRows(page, 'Repositories of the project');
    const expected = await Promise.all(
      repos.alpha.map(async (repo) => [path.basename(repo.dir), repo.dir, 'main', (await repo.git(['rev-list', '--count', 'HEAD'])).trim()]),
    );
    expect(rows.map((r) => r.slice(0, 4))).toEqual(expected);
    await page.close();
  });

  it('counts only data up to --as-of', async () => {
    const out = path.join(dir, 'january');
    const result = await runCli(['report', '--as-of', '2024-01-31', '--out', out], { cwd: dir });
    expect(result.code).toBe(0);
    const html = await readFile(path.join(out, 'index.html'), 'utf8');
    const until = Date.parse('2024-02-01T00:00:00Z') / 1000;
    const january = (await gitLog(repos.alpha)).filter((c) => c.at < until);
    expect(january.length).toBeGreaterThan(0);
    expect(html).toContain(`<tr><td><a href="projects/alpha.html">Alpha</a></td><td class="num">2</td><td class="num">${january.length}</td><td class="num">${new Set(january.map((c) => c.email)).size}</td>`);
    expect(html).toMatch(/<td><a href="projects\/img-src-x-onerror-alert-1\.html">[^<]*<\/a><\/td><td class="num">1<\/td><td class="num">0<\/td>/);
  });

  it('rejects an invalid --as-of with exit code 2, naming the value', async () => {
    const result = await runCli(['report', '--as-of', '2024-02-30'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--as-of "2024-02-30"');
  });
});

describe('a failed build', () => {
  async function siblings(out: string): Promise<string[]> {
    return (await readdir(path.dirname(out))).filter((name) => name.startsWith(`${path.basename(out)}.`));
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
    await db.run('DROP VIEW contributions');
    db.close();
    const config = (await readFile(path.join(dir, 'cdstats.yaml'), 'utf8')).replace('title:', 'database: broken.duckdb\ntitle:');
    await writeFile(path.join(dir, 'broken.yaml'), config);
    const before = await readFile(path.join(site, 'index.html'), 'utf8');
    const result = await runCli(['--config', 'broken.yaml', 'report', '--as-of', AS_OF], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/indicator commits failed: .*contributions/);
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
});
