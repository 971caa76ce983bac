import { readFile, realpath } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';
import { inkUnder, pngSize } from '../helpers/vega.js';

/**
 * A site of twelve projects, so that the overview draws small multiples: the view in the URL
 * (period and projects shown, restored after a reload and carried from page to page, from disk
 * and from a web server), hostile URLs, and the caption of every exported image.
 */

const XSS = '<img src=x onerror=alert(1)>';
const AS_OF = '2024-06-30';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
/** Project 1 to Project 11, and one named like an XSS payload. */
const PROJECTS = [...Array.from({ length: 11 }, (_, i) => `Project ${i + 1}`), XSS];

let dir: string;
let cleanup: () => Promise<void>;
let browser: Browser;
let site: string;
let server: Server;
let http: string;

/** Serves the site as a static host would: files only, below the site's folder. */
async function serve(root: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
  const web = createServer((request, response) => {
    const file = path.join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(root + path.sep)) return void response.writeHead(403).end();
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  return web;
}

/** Project i (from 0) has i % 4 + 1 authors, each with a commit in April, May and June 2024. */
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cdstats-view-'));
  const repos: string[] = [];
  for (const [i, name] of PROJECTS.entries()) {
    const repo = await TestRepo.create(path.join(dir, `repo-${i}`));
    for (const month of ['04', '05', '06']) {
      for (let a = 0; a <= i % 4; a++) await repo.commit({ author: { name: `Dev ${i}-${a}`, email: `dev${i}-${a}@example.org` }, date: `2024-${month}-1${a}T10:00:00Z` });
    }
    repos.push(`  - name: "${name}"\n    repos:\n      - git: ./repo-${i}\n`);
  }
  await writeConfig(dir, `title: View report\nprojects:\n${repos.join('')}`);
  expect((await runCli(['collect'], { cwd: dir })).code).toBe(0);
  expect((await runCli(['report', '--as-of', AS_OF], { cwd: dir })).code).toBe(0);
  site = await realpath(path.join(dir, 'report'));
  server = await serve(site);
  http = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await cleanup?.();
});

interface Visit {
  page: Page;
  problems: string[];
  dialogs: string[];
}

/** Opens a page of the site (a path with its query string and anchor) from disk or the server, recording errors, warnings and dialogs. */
async function visit(file: string, from: 'file' | 'http' = 'file'): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, acceptDownloads: true });
  const result: Visit = { page, problems: [], dialogs: [] };
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && result.problems.push(`console ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => result.problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    result.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(from === 'file' ? `${pathToFileURL(site).href}/${file}` : `${http}${file}`);
  await drawn(page);
  return result;
}

/** Waits until every chart is drawn, none failed. */
async function drawn(page: Page): Promise<void> {
  await expect.poll(() => page.locator('figure.chart:not([data-state="drawn"])').count(), { timeout: 30_000 }).toBe(0);
}

/** The lines drawn in a chart, and the names of its legend. */
async function lines(page: Page, id: string): Promise<{ paths: number; legend: string[] }> {
  const chart = page.locator(`#chart-${id} svg`);
  return { paths: await chart.locator('.mark-line path').count(), legend: await chart.locator('.role-legend-label text').allTextContents() };
}

/** The query string of the page's URL, decoded for reading. */
function query(page: Page): string {
  return decodeURIComponent(new URL(page.url()).search.replace(/\+/g, ' '));
}

describe('small multiples', () => {
  it('draws twelve projects as one panel each, ordered by the latest value, and a few selected as one chart of coloured lines', async () => {
    const { page, problems, dialogs } = await visit('index.html');
    const many = await lines(page, 'active_contributors');
    // Twelve projects and All projects (the overview's total: each person once).
    expect(many.paths).toBe(13);
    expect(many.legend).toEqual([]);
    const spec = JSON.parse(await download(page, 'active_contributors', 'Vega-Lite spec')) as { facet: { sort: string[] }; columns: number };
    // 4, 3, 2 and 1 authors a month: the projects with most first, config order among equals.
    expect(spec.facet.sort).toEqual(['All projects', 'Project 4', 'Project 8', XSS, 'Project 3', 'Project 7', 'Project 11', 'Project 2', 'Project 6', 'Project 10', 'Project 1', 'Project 5', 'Project 9']);
    expect(spec.columns).toBeGreaterThan(1);
    // Each panel is named, as text.
    // (a long name is cut to its panel's width)
    expect(await page.locator('#chart-active_contributors svg text', { hasText: '<img src=x' }).count()).toBe(1);
    for (const name of [...PROJECTS.slice(0, 11), 'All projects']) expect(await page.locator('#chart-active_contributors svg text', { hasText: new RegExp(`^${name}$`) }).count()).toBe(1);

    await page.locator('.project-filter summary').click();
    for (const name of ['Project 2', 'Project 4', XSS]) await page.locator('.project-filter label', { hasText: name }).locator('input').check();
    // (the legend cuts a long name) All projects stays, whatever projects are picked.
    await expect.poll(async () => (await lines(page, 'active_contributors')).legend.map((name) => name.slice(0, 10))).toEqual(['Project 2', 'Project 4', XSS.slice(0, 10), 'All projects'.slice(0, 10)]);
    await drawn(page);
    expect((await lines(page, 'active_contributors')).paths).toBe(4);
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});

/** Downloads a chart's file by its button; returns its content as text. */
async function download(page: Page, id: string, label: string): Promise<string> {
  return (await downloadFile(page, id, label)).content.toString('utf8');
}

async function downloadFile(page: Page, id: string, label: string): Promise<{ name: string; content: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`#chart-${id} .downloads button`, { hasText: label }).click()]);
  return { name: file.suggestedFilename(), content: await readFile((await file.path()) ?? '') };
}

describe('the view in the URL', () => {
  it.each(['file', 'http'] as const)('restores period and projects after a reload and carries them from page to page (%s)', async (from) => {
    const { page, problems, dialogs } = await visit('index.html', from);
    await page.locator('form.period-switch input[value="quarter"]').check();
    await page.locator('.project-filter summary').click();
    for (const name of ['Project 3', 'Project 5']) await page.locator('.project-filter label', { hasText: name }).locator('input').check();
    await expect.poll(() => query(page)).toBe('?period=quarter&project=Project 3&project=Project 5');
    await drawn(page);

    await page.reload();
    await drawn(page);
    expect(query(page)).toBe('?period=quarter&project=Project 3&project=Project 5');
    expect(await page.locator('form.period-switch input[value="quarter"]').isChecked()).toBe(true);
    expect(await page.locator('.project-filter input:checked').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value))).toEqual(['Project 3', 'Project 5']);
    expect(await page.locator('.project-filter [data-shown]').textContent()).toBe('2 of 12');
    expect(await page.locator('#chart-active_contributors').getAttribute('data-period')).toBe('quarter');
    expect((await lines(page, 'active_contributors')).legend).toEqual(['Project 3', 'Project 5', 'All projects']);
    // The tables show the same projects; their links carry the view.
    const health = page.locator('#chart-project_health tbody tr:not([hidden]) td:first-child');
    expect(await health.allTextContents()).toEqual(['Project 3', 'Project 5']);

    await health.locator('a', { hasText: 'Project 3' }).click();
    await page.waitForURL(/project-3\.html/);
    await drawn(page);
    expect(query(page)).toBe('?period=quarter&project=Project 3&project=Project 5');
    expect(await page.locator('form.period-switch input[value="quarter"]').isChecked()).toBe(true);
    expect(await page.locator('figure.chart[data-period]').evaluateAll((figures) => [...new Set(figures.map((f) => f.getAttribute('data-period')))])).toEqual(['quarter']);
    // A period chosen here goes on too, with the overview's projects it does not use.
    await page.locator('form.period-switch input[value="year"]').check();
    await expect.poll(() => query(page)).toBe('?period=year&project=Project 3&project=Project 5');

    await page.locator('header.site nav a', { hasText: 'Overview' }).click();
    await page.waitForURL(/index\.html/);
    await drawn(page);
    expect(query(page)).toBe('?period=year&project=Project 3&project=Project 5');
    expect(await page.locator('#chart-active_contributors').getAttribute('data-period')).toBe('year');
    expect((await lines(page, 'active_contributors')).legend).toEqual(['Project 3', 'Project 5', 'All projects']);

    // Every project again: the URL says nothing more, and the small multiples are back.
    await page.locator('.project-filter summary').click();
    await page.locator('.project-filter button[data-all]').click();
    await expect.poll(() => query(page)).toBe('?period=year');
    await drawn(page);
    expect((await lines(page, 'active_contributors')).paths).toBe(13);
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('ignores hostile and unknown values: nothing of the URL becomes HTML, the page shows its initial view and drops them from the URL', async () => {
    const hostile = [
      `period=${encodeURIComponent('<script>alert(1)</script>')}`,
      `project=${encodeURIComponent('<img src=x onerror=alert(2)>')}`,
      `project=${encodeURIComponent('"><svg onload=alert(3)>')}`,
      `${encodeURIComponent('<img src=x onerror=alert(4)>')}=1`,
      'period=javascript:alert(5)',
    ].join('&');
    const { page, problems, dialogs } = await visit(`index.html?${hostile}#${encodeURIComponent('"><img src=x onerror=alert(6)>')}`);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.locator('form.period-switch input[value="month"]').isChecked()).toBe(true);
    expect(await page.locator('.project-filter [data-shown]').textContent()).toBe('all 12');
    expect((await lines(page, 'active_contributors')).paths).toBe(13);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('[onload], [onerror]').count()).toBe(0);
    // The links carry nothing of it either: the initial view needs no query string.
    expect(await page.locator('a[href*="?"]').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('takes a project named like an XSS payload as the name it is, shown as text', async () => {
    const { page, problems, dialogs } = await visit(`index.html?project=${encodeURIComponent(XSS)}&period=year`);
    expect(query(page)).toBe(`?period=year&project=${XSS}`);
    expect(await page.locator('#chart-project_health tbody tr:not([hidden]) td:first-child').allTextContents()).toEqual([XSS]);
    await page.locator('#chart-active_contributors details summary').click();
    await expect.poll(async () => (await page.locator('#chart-active_contributors details tbody tr td:first-child').allTextContents())).toEqual([XSS, 'All projects']);
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});

describe('captions', () => {
  it("puts the caption into a chart's SVG, PNG and Vega-Lite spec downloads", async () => {
    const { page } = await visit('projects/project-2.html?period=quarter');
    const caption = 'Project 2 · Per quarter · Source: View report, cdstats · data to 2024-06-30';
    const svg = await download(page, 'commits', 'SVG');
    expect(svg).toContain(`>${caption}</text>`);
    const spec = JSON.parse(await download(page, 'commits', 'Vega-Lite spec')) as { usermeta: { caption: string }; title: { subtitle: string[] } };
    expect(spec.usermeta.caption).toBe(caption);
    expect(spec.title.subtitle.at(-1)).toBe(caption);
    // The PNG is drawn from the same view, at twice its size: the caption's line has its ink.
    const png = await downloadFile(page, 'commits', 'PNG');
    expect(png.name).toBe('project-2-commits-quarter.png');
    const size = /^<svg [^>]*width="([\d.]+)" height="([\d.]+)"/.exec(svg);
    expect(pngSize(png.content)).toEqual({ width: Number(size?.[1]) * 2, height: Number(size?.[2]) * 2 });
    expect(inkUnder(png.content, svg, caption, caption.length * 6, 2)).toBeGreaterThan(200);
    await page.close();

    const overview = await visit('index.html');
    expect(await download(overview.page, 'bus_factor', 'SVG')).toContain('>365 days to 2024-06-30 · Source: View report, cdstats</text>');
    expect(await download(overview.page, 'active_contributors', 'SVG')).toContain('>Per month · Source: View report, cdstats · data to 2024-06-30</tspan>');
    await overview.page.close();
  });

  it('puts it into the images of cdstats report --format svg|png', async () => {
    const svg = await runCli(['report', '--format', 'svg', '--indicator', 'bus_factor', '--as-of', AS_OF, '--out', 'bus.svg'], { cwd: dir });
    expect(svg.code).toBe(0);
    expect(await readFile(path.join(dir, 'bus.svg'), 'utf8')).toContain('>365 days to 2024-06-30 · Source: View report, cdstats</text>');
    const args = ['--indicator', 'commits', '--project', 'Project 2', '--period', 'quarter', '--as-of', AS_OF];
    expect((await runCli(['report', '--format', 'svg', ...args, '--out', 'commits.svg'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['report', '--format', 'png', ...args, '--out', 'commits.png'], { cwd: dir })).code).toBe(0);
    const caption = 'Project 2 · Per quarter · Source: View report, cdstats · data to 2024-06-30';
    const image = await readFile(path.join(dir, 'commits.svg'), 'utf8');
    expect(image).toContain(`>${caption}</text>`);
    const png = await readFile(path.join(dir, 'commits.png'));
    expect(inkUnder(png, image, caption, caption.length * 6, 2)).toBeGreaterThan(200);
    // The overview's twelve projects: small multiples there too.
    expect((await runCli(['report', '--format', 'svg', '--indicator', 'active_contributors', '--as-of', AS_OF, '--out', 'active.svg'], { cwd: dir })).code).toBe(0);
    const active = await readFile(path.join(dir, 'active.svg'), 'utf8');
    for (const name of PROJECTS.slice(0, 11)) expect(active).toContain(`>${name}</text>`);
    expect(active).toContain('>One panel per project, highest latest value first, all on the same scales.</tspan>');
  });
});
