import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TestRepo, tempDir, writeConfig, type Person } from '../helpers/git.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

let dir: string;
let cleanup: () => Promise<void>;
let browser: Browser;
let site: string;

async function commits(repo: TestRepo, author: Person, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) await repo.commit({ author, date: `2024-05-${String(i).padStart(2, '0')}T10:00:00Z` });
}

/**
 * Covered: 8 commits in May 2024 by an Acme address, 4 by a Globex one (both named by
 * identity.domains): 12 of 12 contributions with a known company. Bare: 12 commits in May
 * 2024 by an address no source names: 0 of 12.
 */
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cdstats-coverage-'));
  const covered = await TestRepo.create(path.join(dir, 'covered'));
  await commits(covered, { name: 'Ann', email: 'ann@acme.example' }, 8);
  await commits(covered, { name: 'Gil', email: 'gil@globex.example' }, 4);
  const bare = await TestRepo.create(path.join(dir, 'bare'));
  await commits(bare, { name: 'Bo', email: 'bo@nowhere.example' }, 12);
  await writeConfig(
    dir,
    `title: Coverage
projects:
  - name: Covered
    repos:
      - git: ./covered
  - name: Bare
    repos:
      - git: ./bare
identity:
  domains: { acme.example: Acme, globex.example: Globex }
`,
  );
  expect((await runCli(['collect'], { cwd: dir })).code).toBe(0);
  expect((await runCli(['report', '--as-of', '2024-06-30'], { cwd: dir })).code).toBe(0);
  site = path.join(dir, 'report');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await cleanup?.();
});

async function visit(file: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, acceptDownloads: true });
  await page.goto(pathToFileURL(path.join(site, file)).href);
  const pending = page.locator('figure.chart:not([data-state="drawn"]):not([data-state="failed"])');
  await expect.poll(() => pending.count(), { timeout: 30_000 }).toBe(0);
  expect(await page.locator('figure.chart[data-state="failed"]').count()).toBe(0);
  return page;
}

describe('company figures in the report, in a browser', () => {
  it('the overview draws the elephant factor where representative, with every project\'s coverage in the subtitle and CSV, and says which is not', async () => {
    const page = await visit('index.html');
    const svg = (await page.locator('#chart-elephant_factor svg').textContent()) ?? '';
    expect(svg).toContain('Affiliation coverage — Covered: 100% of 12 contributions by people · Bare: 0% of 12 contributions by people.');
    expect(await page.locator('#chart-elephant_factor svg .mark-rect path').count()).toBe(1);
    expect(await page.locator('#chart-elephant_factor [data-status="not-representative"]').textContent()).toMatch(/^Not representative, so not shown: Bare \(0% of 12 contributions by people\)\. Under 50% /);
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('#chart-elephant_factor .downloads button', { hasText: 'CSV' }).click()]);
    const csv = (await readFile((await file.path()) ?? '', 'utf8')).trim().split('\r\n');
    expect(csv).toEqual(['Project,Elephant factor,Affiliation coverage,Contributions with a known affiliation,Contributions by people', 'Covered,1,1,12,12', 'Bare,,0,0,12']);
    // The health table: the elephant factor only where representative, the coverage beside it.
    const health = await page.locator('#chart-project_health tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    const heads = await page.locator('#chart-project_health thead th').allTextContents();
    const column = (label: string) => health.map((r) => r[heads.indexOf(label)]);
    expect(column('Elephant factor')).toEqual(['1', '—']);
    expect(column('Affiliation coverage (12 months)')).toEqual(['100%', '0%']);
    expect(column('Contributions by people (12 months)')).toEqual(['12', '12']);
    await page.close();
  });

  it('a covered project ranks its companies with the coverage beside them, and draws its companies line with the coverage subtitle', async () => {
    const page = await visit('projects/covered.html');
    expect(await page.locator('#chart-top_companies thead th').allTextContents()).toEqual(['Company', 'Contributions', 'People', 'Share', 'Affiliation coverage', 'Contributions with a known affiliation', 'Contributions by people']);
    expect(await page.locator('#chart-top_companies tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)))).toEqual([
      ['Acme', '8', '1', '66.7%', '100%', '12', '12'],
      ['Globex', '4', '1', '33.3%', '100%', '12', '12'],
    ]);
    expect(await page.locator('#chart-top_companies [data-coverage]').textContent()).toMatch(/^Affiliation coverage: 100% of 12 contributions by people\./);
    const svg = (await page.locator('#chart-companies svg').textContent()) ?? '';
    expect(svg).toContain('Affiliation coverage: 100% of 12 contributions by people.');
    expect(await page.locator('[data-status="not-representative"]').count()).toBe(0);
    await page.close();
  });

  it('a project with no affiliation data says "not representative" with its coverage instead of a ranking', async () => {
    const page = await visit('projects/bare.html');
    expect(await page.locator('#chart-top_companies').count()).toBe(0);
    expect(await page.locator('#chart-companies').count()).toBe(0);
    const messages = await page.locator('[data-status="not-representative"]').allTextContents();
    expect(messages.map((m) => m.split(': not representative: ')[0])).toEqual(['Companies', 'Top companies']);
    expect(messages[1]).toMatch(/^Top companies: not representative: 0% of 12 contributions by people\. Under 50% of these contributions have an author with a known company or Independent .*identity\.gitdm.*identity\.people.*identity\.domains.*cdstats people --unaffiliated --top 50 --gitdm to-fill\.txt/);
    await page.close();
  });
});
