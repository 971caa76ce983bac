import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../src/indicators/load.js';
import type { Result } from '../../src/report/charts.js';
import type { ReportData } from '../../src/report/data.js';
import { parseDefinition } from '../../src/report/definitions.js';
import { renderSite } from '../../src/report/pages.js';
import { assignSlugs } from '../../src/report/parts.js';

const XSS = '<img src=x onerror=alert(1)>';

describe('assignSlugs', () => {
  it('makes file-system-safe names and never gives two projects the same one', () => {
    const slugs = assignSlugs(['Kubernetes', 'A b', 'a-b', 'a_b', 'Café Ünïcode', '数据', '---', 'CON', XSS, 'a-b-2']);
    expect([...slugs.values()]).toEqual(['kubernetes', 'a-b', 'a-b-2', 'a-b-3', 'cafe-unicode', 'project', 'project-2', 'con-project', 'img-src-x-onerror-alert-1', 'a-b-2-2']);
    expect(new Set(slugs.values()).size).toBe(slugs.size);
  });

  it('keeps slugs short', () => {
    expect(assignSlugs(['x'.repeat(300)]).get('x'.repeat(300))).toHaveLength(60);
  });
});

const indicator = (id: string, unit: string, params: string[], sources: string[] = [], missing: string | null = null): Indicator => ({
  id,
  title: `Title of ${id}`,
  description: `Definition of ${id}.`,
  unit,
  chart: 'line',
  params: params.map((name) => ({ name, type: name === 'projects' ? 'VARCHAR[]' : name === 'period' ? 'VARCHAR' : 'TIMESTAMP', default: undefined })),
  sources,
  sample: null,
  missing,
  coverage: null,
  groups: 'items',
  sql: '',
});
const INDICATORS = new Map(
  [
    indicator('commits', 'commits', ['projects', 'period', 'as_of']),
    indicator('prs_opened', 'pull requests', ['projects', 'period', 'as_of'], ['github_pull_requests']),
    indicator('releases', 'releases', ['projects', 'period', 'as_of']),
    indicator('bus_factor', 'people', ['projects', 'as_of']),
    indicator('elephant_factor', 'companies', ['projects', 'as_of'], [], 'no author has a known company: add affiliations.'),
    indicator('top_contributors', 'contributions', ['projects', 'as_of']),
  ].map((i) => [i.id, i]),
);

/** A page definition named after its scope. */
const define = (scope: 'overview' | 'project', sections: string) => parseDefinition(`title: ${scope}\nscope: ${scope}\nsections:\n${sections}`, `${scope}.yaml`, scope, INDICATORS);

const OVERVIEW = define(
  'overview',
  `
  - title: Activity
    charts:
      - { indicator: commits, type: line }
      - { indicator: bus_factor, type: bar }
      - { indicator: elephant_factor, type: bar }
`,
);
const PROJECT = define(
  'project',
  `  - title: Code
    charts:
      - { indicator: commits, type: line }
      - { indicator: prs_opened, type: line }
      - { indicator: releases, type: line }
  - title: People
    charts:
      - indicator: top_contributors
        type: table
        columns: { person: Person, contributions: Contributions }
`,
);

/**
 * Alpha (GitHub collected) and the XSS-named project (git only: its pull request series are
 * NULL); Pending never collected. Releases: none anywhere. Each period has its own rows.
 */
function results(indicatorId: string, period: string | null): Result {
  const periodOf = (month: string) => (period === 'year' ? '2024-01-01' : month);
  const series = (rows: [string, string, number | null][]) => ({ columns: ['project', 'period', 'value'], rows: rows.map(([project, month, value]) => ({ project, period: periodOf(month), value })) });
  switch (indicatorId) {
    case 'commits':
      return series([
        ['Alpha', '2024-01-01', 3],
        ['Alpha', '2024-02-01', 1],
        [XSS, '2024-02-01', 2],
      ]);
    case 'prs_opened':
      return series([
        ['Alpha', '2024-01-01', 1],
        [XSS, '2024-02-01', null],
      ]);
    case 'releases':
      return series([]);
    case 'elephant_factor':
      return { columns: ['project', 'value'], rows: [{ project: 'Alpha', value: null }, { project: XSS, value: null }] };
    case 'bus_factor':
      return {
        columns: ['project', 'value'],
        rows: [
          { project: 'Alpha', value: 2 },
          { project: XSS, value: null },
        ],
      };
    default:
      return { columns: ['project', 'person', 'contributions'], rows: [{ project: XSS, person: XSS, contributions: 4 }] };
  }
}

const data: ReportData = {
  lookup: (chart, period) => results(chart.indicator.id, period),
  coverage: [
    { project: 'Alpha', repo: 'acme/alpha', source: 'git', status: 'collected', coveredFrom: '2024-01-01 00:00:00', coveredUntil: '2024-03-01 00:00:00', dataUntil: '2024-02-20 09:00:00', lastSuccessAt: '2024-03-01 10:00:00', lastError: null },
    { project: 'Alpha', repo: 'acme/alpha', source: 'github_pull_requests', status: 'collected', coveredFrom: '2024-01-01 00:00:00', coveredUntil: '2024-03-01 00:00:00', dataUntil: '2024-03-01 00:00:00', lastSuccessAt: '2024-03-01 10:00:00', lastError: null },
    { project: XSS, repo: `repo ${XSS}`, source: 'git', status: 'collected', coveredFrom: '2024-01-01 00:00:00', coveredUntil: '2024-03-01 00:00:00', dataUntil: '2024-03-01 00:00:00', lastSuccessAt: '2024-02-01 10:00:00', lastError: null },
    { project: XSS, repo: `repo ${XSS}`, source: 'github_pull_requests', status: 'not collected', coveredFrom: null, coveredUntil: null, dataUntil: null, lastSuccessAt: null, lastError: `not collected: ${XSS}` },
  ],
  collectedAt: new Map([
    ['Alpha', new Date('2024-03-01T10:00:00Z')],
    [XSS, new Date('2024-02-01T10:00:00Z')],
  ]),
};
const asOf = { at: new Date('2024-03-31T23:59:59.999Z'), label: '2024-03-31', basis: 'given' } as const;
const site = renderSite({ title: 'T', projects: ['Alpha', XSS, 'Pending'], asOf, pages: [OVERVIEW, PROJECT], data, builtAt: new Date('2024-04-01T08:00:00Z') });
const page = (path: string) => site.find((p) => p.path === path)?.content ?? '';
/** The payload JSON of each chart on a page, by chart id. */
const payloads = (path: string) =>
  Object.fromEntries([...page(path).matchAll(/data-chart="([^"]+)"[^]*?class="chart-data">(.*?)<\/script>/g)].map(([, id, json]) => [id, JSON.parse(json ?? 'null')]));

describe('renderSite', () => {
  it('writes the overview, one page per configured project in config order, and the about page', () => {
    expect(site.map((p) => p.path)).toEqual(['index.html', 'projects/alpha.html', 'projects/img-src-x-onerror-alert-1.html', 'projects/pending.html', 'about.html']);
  });

  it('never lets a name from the data become markup', () => {
    for (const { content } of site) {
      expect(content).not.toContain('<img');
      expect(content).not.toContain('href="javascript:');
    }
    expect(page('projects/img-src-x-onerror-alert-1.html')).toContain('<h1>&lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(page('index.html')).toContain('Not collected yet: <a href="projects/pending.html">Pending</a>.');
  });

  it('carries every period of a time series, aligned to one list of period starts per page', () => {
    const commits = payloads('index.html').commits;
    expect(Object.keys(commits.data.byPeriod)).toEqual(['week', 'month', 'quarter', 'year']);
    const periods = JSON.parse(/id="page-periods">(.*?)<\/script>/.exec(page('index.html'))?.[1] ?? '{}');
    expect(periods.month).toEqual(['2024-01-01', '2024-02-01']);
    expect(commits.data.byPeriod.month).toEqual([
      { key: 'Alpha', from: 0, values: { value: [3, 1] } },
      { key: XSS, from: 1, values: { value: [2] } },
    ]);
    expect(page('index.html')).toContain('<input type="radio" name="period" value="week">');
    // As of the end of Sunday March 31, only the year is still running.
    expect(commits.data.running).toEqual({ year: '2024-01-01' });
  });

  it('gives an overview a project filter of every configured project, and no project page one', () => {
    expect(page('index.html')).toContain(
      '<form class="project-filter" data-view hidden><details><summary>Projects shown: <span data-shown>all 3</span></summary>',
    );
    expect(page('index.html')).toContain('<label><input type="checkbox" name="project" value="&lt;img src=x onerror=alert(1)&gt;"> &lt;img src=x onerror=alert(1)&gt;</label>');
    expect(page('index.html')).toContain('<form class="period-switch" data-view hidden>');
    expect(page('projects/alpha.html')).not.toContain('project-filter');
  });

  it("says on each page what its charts' captions say besides the chart: the report, the as-of date, the project of a project page", () => {
    const context = (path: string) => JSON.parse(/id="page-context">(.*?)<\/script>/.exec(page(path))?.[1] ?? 'null');
    expect(context('index.html')).toEqual({ source: 'T', asOf: '2024-03-31', subject: null });
    expect(context('projects/img-src-x-onerror-alert-1.html')).toEqual({ source: 'T', asOf: '2024-03-31', subject: XSS });
    expect(page('projects/img-src-x-onerror-alert-1.html')).toContain('"subject":"\\u003cimg src=x onerror=alert(1)\\u003e"');
  });

  it('leaves out of an overview bar chart the projects whose source was not collected, and says so', () => {
    const bus = payloads('index.html').bus_factor;
    expect(bus.data.table.rows).toEqual([['Alpha', 2]]);
    expect(page('index.html')).toContain('<p class="note">Not collected for &lt;img src=x onerror=alert(1)&gt;.</p>');
  });

  it('says why a value is missing when it is not GitHub data (no affiliations for the elephant factor)', () => {
    const overview = page('index.html');
    expect(overview).toContain('<p class="empty" data-status="missing"><strong>Title of elephant_factor</strong>: no author has a known company: add affiliations.</p>');
    expect(overview).not.toContain('Not collected: <strong>Title of elephant_factor');
  });

  it('says "not collected" where a source is missing, and lists the charts with no data', () => {
    const evil = page('projects/img-src-x-onerror-alert-1.html');
    expect(evil).toContain('<p class="empty" data-status="not-collected">Not collected: <strong>Title of prs_opened</strong>. Their data comes from GitHub');
    expect(Object.keys(payloads('projects/img-src-x-onerror-alert-1.html'))).toEqual(['commits', 'top_contributors']);
    expect(evil).toContain('<p class="empty" data-status="empty">No data up to 2024-03-31: Title of releases.</p>');
    expect(Object.keys(payloads('projects/alpha.html'))).toEqual(['commits', 'prs_opened']);
    // Listed at the end of their own sections.
    expect(page('projects/alpha.html').match(/No data up to 2024-03-31: [^.]*\./g)).toEqual(['No data up to 2024-03-31: Title of releases.', 'No data up to 2024-03-31: Title of top_contributors.']);
  });

  it('gives a project that was never collected a page that says so, without charts', () => {
    const pending = page('projects/pending.html');
    expect(pending).toContain('This project is not collected yet');
    expect(pending).not.toContain('data-chart');
    expect(pending).not.toContain('vega');
    expect(pending).toContain('Data up to 2024-03-31 · not collected yet');
  });

  it('explains the numbers: definitions of what is shown, coverage, as-of and build time', () => {
    const about = page('about.html');
    expect(about).toContain('computed as of <strong>2024-03-31</strong>, as chosen with --as-of: nothing after that instant counts. The data was last collected 2024-03-01 10:00 UTC. The site was built 2024-04-01 08:00 UTC.');
    expect([...about.matchAll(/<dt id="def-([a-z_]+)">/g)].map((m) => m[1])).toEqual(['bus_factor', 'commits', 'prs_opened', 'top_contributors']);
    expect(about).toContain('<p>Definition of commits.</p>');
    expect(about).toContain('<td>acme/alpha</td><td>git history</td><td><span class="status status-collected">collected</span></td><td>2024-01-01</td><td>2024-02-20 09:00 UTC</td><td>2024-03-01 10:00 UTC</td><td>—</td>');
    expect(about).toContain('<td>not collected: &lt;img src=x onerror=alert(1)&gt;</td>');
    expect(about).not.toContain('Likely duplicate people');
  });

  it('says how many contributions have no person and how many likely duplicates remain, with the command that fixes them', () => {
    const about = renderSite({ title: 'T', projects: ['Alpha'], asOf, pages: [OVERVIEW], data, builtAt: new Date('2024-04-01T08:00:00Z'), identity: { unknownEmails: 484, unknownContributions: 3561, duplicatePairs: 12 } }).find((p) => p.path === 'about.html')?.content ?? '';
    expect(about).toContain('in the collected data 484 such emails made 3561 contributions, which count as contributions but in no count of people');
    expect(about).toContain('Likely duplicate people remaining (the same name under different emails, which cdstats never joins by itself): 12 pairs.');
    expect(about).toContain('<code>cdstats people --duplicates --mailmap FILE</code>');
  });
});

describe('links in tables', () => {
  const CONFIGURED = 'https://git.example/acme/tool.git';
  const PHISH = 'https://evil.example/login';
  const repos = define('project', '  - title: Repositories\n    charts:\n      - indicator: top_contributors\n        type: table\n        columns: { person: Person, url: URL, contributions: Contributions }\n');
  const rows = [
    { project: 'Alpha', person: PHISH, url: CONFIGURED, contributions: 2 },
    { project: 'Alpha', person: 'Ada', url: PHISH, contributions: 1 },
  ];
  const render = (links?: (url: string) => boolean) =>
    renderSite({ title: 'T', projects: ['Alpha'], asOf, pages: [OVERVIEW, repos], data: { ...data, lookup: (chart, period) => (chart.indicator.id === 'top_contributors' ? { columns: ['project', 'person', 'url', 'contributions'], rows } : results(chart.indicator.id, period)) }, builtAt: asOf.at, ...(links ? { links } : {}) }).find((p) => p.path === 'projects/alpha.html')?.content ?? '';

  it('links only the URLs the config names; a name or any other URL from the data stays text', () => {
    const content = render((url) => url === CONFIGURED);
    expect([...content.matchAll(/<a href="(https?:[^"]*)"/g)].map((m) => m[1])).toEqual([CONFIGURED]);
    expect(content).toContain(`<td>${PHISH}</td>`);
  });

  it('links no URL when not told which the config names', () => {
    expect(render()).not.toMatch(/<a href="https?:/);
  });
});
