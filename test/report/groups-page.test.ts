import { describe, expect, it } from 'vitest';
import { listIndicators } from '../../src/indicators/load.js';
import { ALL_UNIT } from '../../src/report/chart-base.js';
import type { Result } from '../../src/report/charts.js';
import type { ReportData } from '../../src/report/data.js';
import { parseDefinition } from '../../src/report/definitions.js';
import { selectGroups, selectProjects } from '../../src/report/model.js';
import { renderSite } from '../../src/report/pages.js';

const XSS = '<img src=x onerror=alert(1)>';
const indicators = new Map((await listIndicators()).map((i) => [i.id, i]));
const parse = (text: string, id = 'mine') => parseDefinition(text, `reports/${id}.yaml`, id, indicators);

describe('a groups page definition', () => {
  it('reads distributions, bars with an n, lines, and tables since joining', () => {
    const page = parse(`title: Groups
scope: groups
sections:
  - title: People
    charts:
      - indicator: contributions_per_contributor
        type: distribution
        value: { value: Per contributor }
        n: { contributors: Contributors }
      - indicator: contributions_per_contributor
        type: bar
        value: contributors
      - indicator: active_contributors
        type: line
      - indicator: contributors
        type: table
        since: joined
        columns: { project: Project, maturity: Maturity, value: Since joining }
`);
    const [distribution, bar, line, table] = page.sections[0]?.charts ?? [];
    expect(page.scope).toBe('groups');
    expect(distribution).toMatchObject({ type: 'distribution', value: { field: 'value', label: 'Per contributor' }, n: { field: 'contributors', label: 'Contributors' } });
    expect(bar).toMatchObject({ type: 'bar', value: { field: 'contributors' } });
    expect(line?.type).toBe('line');
    expect(table).toMatchObject({ type: 'table', since: 'joined' });
  });

  it('takes total: on an overview chart, and refuses what a scope or an indicator cannot do, each at its line', () => {
    const overview = parse('title: O\nscope: overview\nsections:\n  - title: S\n    charts:\n      - { indicator: active_contributors, type: line, total: Everything }\n      - { indicator: contributions_per_contributor, type: bar, total: true }\n');
    expect(overview.sections[0]?.charts.map((c) => c.total)).toEqual(['Everything', 'All projects']);
    const text = `title: Mine
scope: overview
sections:
  - title: S
    charts:
      - indicator: contributions_per_contributor
        type: distribution
      - indicator: project_totals
        type: table
        total: All
      - indicator: contributions_per_contributor
        type: table
        since: joined
      - indicator: commits
        type: line
        total: 3
`;
    expect(() => parse(text)).toThrow(
      [
        'reports/mine.yaml:6: a distribution chart compares groups of projects: it goes on a `scope: groups` page',
        'reports/mine.yaml:8: indicator project_totals does not count groups of projects (`-- groups: no`), so it has no group or all-projects figure',
        'reports/mine.yaml:13: indicator contributions_per_contributor has no `from` parameter, so it cannot count since joining',
        'reports/mine.yaml:16: `total` takes the label of the all-projects figure, e.g. `total: All projects`',
      ].join('\n'),
    );
    expect(() => parse('title: G\nscope: groups\nsections:\n  - title: S\n    charts:\n      - { indicator: activity_heatmap, type: heatmap, x: hour, y: weekday }\n      - { indicator: commits, type: line, total: All }\n')).toThrow(
      [
        'reports/mine.yaml:6: a groups page compares groups and projects: a heatmap chart has no place there (distribution, bar, line or table)',
        'reports/mine.yaml:7: `total` adds the all-projects figure to an overview chart; a groups page shows it anyway',
      ].join('\n'),
    );
  });
});

/**
 * Alpha, Beta and the XSS-named project in group CDF, the XSS one also in group Other, Delta in
 * none. Contributions per contributor over the window: Alpha 5 (4 people), Beta 2 (3), XSS 10
 * (1), Delta 1 (2); CDF as a whole 4.5 with 6 people (one shared by Alpha and Beta), Other 10 (1),
 * all 4 (8). Since joining (Alpha only has a joined day): 7 people, 30 contributions.
 */
const GROUPS = parse(`title: Groups
scope: groups
sections:
  - title: Per contributor
    charts:
      - indicator: contributions_per_contributor
        type: distribution
        title: Per contributor, per group
        value: { value: Per contributor }
        n: { contributors: Contributors }
      - indicator: contributions_per_contributor
        type: bar
        title: Per contributor, per project
        value: { value: Per contributor }
        n: { contributors: Contributors }
  - title: Since joining
    charts:
      - indicator: contributors
        type: table
        since: joined
        columns: { project: Project, maturity: Maturity, joined: { label: Joined, format: date }, groups: Groups, value: Contributors since joining }
`, 'groups');
const OVERVIEW = parse(`title: Overview
scope: overview
sections:
  - title: Totals
    charts:
      - indicator: contributions_per_contributor
        type: table
        total: All projects
        columns: { project: Project, value: Per contributor, contributors: Contributors }
`, 'overview');

const PROJECT = parse('title: Project\nscope: project\nsections:\n  - title: Totals\n    charts:\n      - { indicator: contributors, type: facts }\n', 'project');

const PER_CONTRIBUTOR: [string, number, number][] = [
  ['Alpha', 5, 4],
  ['Beta', 2, 3],
  [XSS, 10, 1],
  ['Delta', 1, 2],
  ['CDF', 4.5, 6],
  ['Other', 10, 1],
  [ALL_UNIT, 4, 8],
];
function results(id: string): Result {
  if (id === 'contributors') return { columns: ['project', 'value', 'contributions', 'first_contribution'], rows: [{ project: 'Alpha', value: 7, contributions: 30, first_contribution: '2019-03-20' }] };
  return { columns: ['project', 'value', 'contributions', 'contributors'], rows: PER_CONTRIBUTOR.map(([project, value, contributors]) => ({ project, value, contributions: value * contributors, contributors })) };
}
const projects = ['Alpha', 'Beta', XSS, 'Delta'];
const data: ReportData = {
  lookup: (chart) => results(chart.indicator.id),
  coverage: projects.map((project) => ({ project, repo: `${project}/r`, source: 'git', status: 'collected', coveredFrom: null, coveredUntil: null, dataUntil: null, lastSuccessAt: '2024-03-01 10:00:00', lastError: null })),
  collectedAt: new Map(projects.map((p) => [p, new Date('2024-03-01T10:00:00Z')])),
};
const asOf = { at: new Date('2024-03-31T23:59:59.999Z'), label: '2024-03-31', basis: 'given' } as const;
const facts = {
  groups: [
    { name: 'CDF', projects: ['Alpha', 'Beta', XSS] },
    { name: 'Other', projects: [XSS] },
  ],
  meta: new Map([
    ['Alpha', { maturity: 'graduated', joined: '2019-03-12' }],
    ['Beta', { maturity: 'incubating', joined: null }],
  ]),
};
const render = (withFacts: boolean) => renderSite({ title: 'T', projects, asOf, pages: [OVERVIEW, GROUPS, PROJECT], data, builtAt: asOf.at, ...(withFacts ? { facts } : {}) });
const site = render(true);
const page = (path: string) => site.find((p) => p.path === path)?.content ?? '';
/** The text of each row of a page's tables, cells joined by `|`, tags and spacing dropped. */
const tableRows = (content: string) => [...content.matchAll(/<tr(?: [^>]*)?>(.*?)<\/tr>/gs)].map((m) => [...(m[1] ?? '').matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) => (c[1] ?? '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()).join('|'));

describe('the groups page', () => {
  it('is a page of the site, linked from every page’s navigation, only when the config has groups', () => {
    expect(site.map((p) => p.path)).toEqual(['index.html', 'groups.html', 'projects/alpha.html', 'projects/beta.html', 'projects/img-src-x-onerror-alert-1.html', 'projects/delta.html', 'about.html']);
    for (const { content } of site) expect(content).toMatch(/<nav aria-label="Site">.*<a href="(\.\.\/)?groups\.html"( aria-current="page")?>Groups<\/a>/);
    const plain = render(false);
    expect(plain.map((p) => p.path)).not.toContain('groups.html');
    expect(plain.find((p) => p.path === 'index.html')?.content).not.toContain('groups.html');
  });

  it('lists each group with its projects and their maturity, and the projects in none', () => {
    const groups = page('groups.html');
    expect(groups).toContain('<li><strong>CDF</strong>: Alpha <span class="maturity">graduated</span>, Beta <span class="maturity">incubating</span>, &lt;img src=x onerror=alert(1)&gt;</li>');
    expect(groups).toContain('<p class="note">In no group (only in All projects): Delta.</p>');
    expect(groups).not.toContain('<img');
  });

  it('tables each group beside its chart: its projects’ median, middle half and range, and its own figure with its n, and the window', () => {
    const rows = tableRows(page('groups.html'));
    // CDF: 2, 5, 10 → median 5, quartiles 3.5 and 7.5. All: 1, 2, 5, 10 → median 3.5, quartiles 1.75 and 6.25.
    expect(rows.slice(0, 4)).toEqual([
      'Group|Projects|Median of its projects|Middle half|Lowest – highest|The group as a whole|Contributors in the group, each once',
      'CDF|3|5|3.5 – 7.5|2 – 10|4.5|6',
      'Other|1|10|10 – 10|10 – 10|10|1',
      'All projects|4|3.5|1.75 – 6.25|1 – 10|4|8',
    ]);
    expect(page('groups.html')).toContain('<span class="window">Window: the 365 days to 2024-03-31</span>');
  });

  it('tables each project of a group, highest first, with its maturity, group and n, linked to its page; a project of two groups has a row for each', () => {
    const rows = tableRows(page('groups.html'));
    const start = rows.indexOf('Project|Maturity|Group|Per contributor|Contributors');
    expect(rows.slice(start, start + 5)).toEqual([
      'Project|Maturity|Group|Per contributor|Contributors',
      '&lt;img src=x onerror=alert(1)&gt;|—|CDF|10|1',
      '&lt;img src=x onerror=alert(1)&gt;|—|Other|10|1',
      'Alpha|graduated|CDF|5|4',
      'Beta|incubating|CDF|2|3',
    ]);
    expect(page('groups.html')).toContain('<a href="projects/alpha.html">Alpha</a>');
  });

  it('counts since joining only the projects that have a joined day, with what the config says of them', () => {
    const rows = tableRows(page('groups.html'));
    expect(rows.slice(-2)).toEqual(['Project|Maturity|Joined|Groups|Contributors since joining', 'Alpha|graduated|2019-03-12|CDF|7']);
  });

  it('draws the distribution from the rows of every group and all projects, the all-projects one named apart', () => {
    const payload = JSON.parse(/data-chart="contributions_per_contributor"[^]*?class="chart-data">(.*?)<\/script>/.exec(page('groups.html'))?.[1] ?? 'null');
    expect(payload.chart).toMatchObject({ type: 'distribution', groups: ['CDF', 'Other', 'All projects'], total: 'All projects', window: 365 });
    expect(payload.data.table.rows).toEqual([
      ['CDF', 'Alpha', 5, 4],
      ['CDF', 'Beta', 2, 3],
      ['CDF', XSS, 10, 1],
      ['CDF', null, 4.5, 6],
      ['Other', XSS, 10, 1],
      ['Other', null, 10, 1],
      ['All projects', 'Alpha', 5, 4],
      ['All projects', 'Beta', 2, 3],
      ['All projects', XSS, 10, 1],
      ['All projects', 'Delta', 1, 2],
      ['All projects', null, 4, 8],
    ]);
  });
});

describe('the overview and project pages with groups', () => {
  it('adds the all-projects row, not linked, and shows maturity beside a project’s name', () => {
    const rows = tableRows(page('index.html'));
    expect(rows).toContain('Alpha graduated|5|4');
    expect(rows.at(-1)).toBe('All projects|4|8');
    expect(page('index.html')).toContain('<a href="projects/alpha.html">Alpha</a> <span class="maturity">graduated</span>');
    expect(page('index.html')).not.toContain('>All projects</a>');
  });

  it('says under a project’s name its maturity, joined day and groups', () => {
    expect(page('projects/alpha.html')).toContain('<p class="project-facts"><span class="maturity">graduated</span> · joined the foundation on 2019-03-12 · in CDF</p>');
    expect(page('projects/delta.html')).not.toContain('project-facts');
  });
});

describe('narrowing a page to some projects or groups', () => {
  const payloadOf = (path: string, id: string) => JSON.parse(new RegExp(`data-chart="${id}"[^]*?class="chart-data">(.*?)</script>`).exec(page(path))?.[1] ?? 'null');

  it('offers a groups page a group filter, kept in the URL as group=', () => {
    const groups = page('groups.html');
    expect(groups).toContain('<form class="project-filter" data-view hidden><details><summary>Groups shown: <span data-shown>all 2</span></summary>');
    expect(groups).toContain('<input type="checkbox" name="group" value="Other">');
    expect(groups).not.toContain('name="project"');
    expect(groups).toContain('<tr data-group="CDF"><th scope="row">CDF</th>');
    expect(groups).toContain('<tr><th scope="row">All projects</th>');
  });

  it('keeps the groups picked and All projects, in the distribution and in the bars', () => {
    const distribution = selectGroups(payloadOf('groups.html', 'contributions_per_contributor'), new Set(['Other']));
    expect(distribution.chart).toMatchObject({ groups: ['Other', 'All projects'] });
    expect(distribution.data.kind === 'table' && distribution.data.table.rows.map((r) => r[0])).toEqual(['Other', 'Other', 'All projects', 'All projects', 'All projects', 'All projects', 'All projects']);
    const bars = selectGroups(payloadOf('groups.html', 'contributions_per_contributor-2'), new Set(['Other']));
    expect(bars.data.kind === 'table' && bars.data.table.rows).toEqual([[XSS, null, 'Other', 10, 1]]);
    // A project filter leaves a groups page's charts alone; a group filter leaves an overview's alone.
    expect(selectProjects(payloadOf('groups.html', 'contributions_per_contributor'), new Set(['Alpha']))).toEqual(payloadOf('groups.html', 'contributions_per_contributor'));
    expect(selectGroups(payloadOf('index.html', 'contributions_per_contributor'), new Set(['CDF']))).toEqual(payloadOf('index.html', 'contributions_per_contributor'));
  });

  it('keeps the all-projects row whatever projects are picked', () => {
    const table = selectProjects(payloadOf('index.html', 'contributions_per_contributor'), new Set(['Beta']));
    expect(table.data.kind === 'table' && table.data.table.rows).toEqual([
      ['Beta', 2, 3],
      ['All projects', 4, 8],
    ]);
  });
});
