import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseConfig } from '../../src/config/parse.js';
import { listIndicators } from '../../src/indicators/load.js';
import { buildCharts, chartWindow } from '../../src/report/charts.js';
import { loadDefinitions, parseDefinition } from '../../src/report/definitions.js';
import { tempDir } from '../helpers/git.js';

const indicators = new Map((await listIndicators()).map((i) => [i.id, i]));
const parse = (text: string) => parseDefinition(text, 'reports/mine.yaml', 'mine', indicators);

describe('parseDefinition', () => {
  it('reads pages, sections and charts with their columns, parameters, band, sort and limit', () => {
    const page = parse(`title: Mine
scope: project
order: 3
intro: Hello.
sections:
  - title: People
    charts:
      - indicator: top_contributors
        type: table
        title: Who
        params: { window: 90, top: 5 }
        sort: -last
        limit: 3
        columns:
          person: Person
          share: { label: Share, format: percent }
          company:
      - indicator: pr_time_to_merge
        type: line
        period: year
        fields: { value: Median }
        band: { p15: Low, p85: High }
      - indicator: commits
        type: line
        panels: 4
`);
    expect(page).toMatchObject({ id: 'mine', title: 'Mine', scope: 'project', order: 3, intro: 'Hello.' });
    const [table, line] = page.sections[0]?.charts ?? [];
    expect(table).toMatchObject({ type: 'table', title: 'Who', params: { window: 90, top: 5 }, sort: { field: 'last', descending: true }, limit: 3 });
    expect(table?.indicator.id).toBe('top_contributors');
    expect(table?.fields.map((f) => [f.field, f.label, f.format, f.origin.line])).toEqual([
      ['person', 'Person', undefined, 15],
      ['share', 'Share', 'percent', 16],
      ['company', undefined, undefined, 17],
    ]);
    expect(line).toMatchObject({ type: 'line', period: 'year', origin: { file: 'reports/mine.yaml', line: 18 } });
    expect(line?.band?.map((b) => b.label)).toEqual(['Low', 'High']);
    expect(line?.panels).toBeUndefined();
    expect(page.sections[0]?.charts[2]).toMatchObject({ type: 'line', panels: 4 });
    // The window a caption names: the definition's, else the indicator's default; none for a time series.
    expect(page.sections[0]?.charts.map((c) => chartWindow(c))).toEqual([90, undefined, undefined]);
    expect(chartWindow({ ...(table as NonNullable<typeof table>), params: {} })).toBe(365);
    expect(() => parse('title: M\nscope: overview\nsections:\n  - title: S\n    charts:\n      - { indicator: commits, type: line, panels: -1 }\n')).toThrow('reports/mine.yaml:6');
  });

  it('reports every mistake at once, each with its file:line', () => {
    const text = `title: Mine
scope: everywhere
colour: red
sections:
  - title: One
    charts:
      - indicator: no_such_thing
        type: line
      - indicator: commits
        type: pie
      - indicator: commits
        type: line
        params: { window: 3, period: week }
        limit: 4
      - indicator: retention
        type: line
      - indicator: pr_time_to_merge
        type: line
        band: { p15: Low }
`;
    expect(() => parse(text)).toThrow(
      [
        'reports/mine.yaml:3: unknown key `colour` in a report definition (known: title, scope, order, intro, sections)',
        'reports/mine.yaml:2: `scope` must be one of overview, project, groups',
        'reports/mine.yaml:7: no indicator "no_such_thing" in queries/ (cdstats query --list shows them)',
        'reports/mine.yaml:10: `type` must be one of line, bar, heatmap, table, facts, distribution',
        'reports/mine.yaml:14: `limit` does not apply to a line chart (it takes fields, band, period, panels, total)',
        'reports/mine.yaml:13: indicator commits has no parameter `window` (it takes none of its own)',
        'reports/mine.yaml:13: `period` is set by the report itself; `params` takes the indicator\'s own parameters',
        'reports/mine.yaml:15: indicator retention has no `period` parameter: say which period its rows are with `period: week|month|quarter|year`',
        'reports/mine.yaml:19: `band` names two columns, low and high, e.g. `band: { p15: 15th percentile, p85: 85th percentile }`',
      ].join('\n'),
    );
  });

  it('rejects an unknown key as cdstats.yaml does: file:line, the known keys, the one probably meant', () => {
    const chart = 'sections:\n  - title: S\n    charts:\n      - indicator: commits\n        type: line\n        titel: Commits\n';
    expect(() => parse(`title: Mine\nscope: overview\n${chart}`)).toThrow(
      'reports/mine.yaml:8: unknown key `titel` in a chart: did you mean `title`? (known: indicator, type, title, description, params, fields, columns, band, period, panels, category, x, y, value, limit, sort, total, n, since)',
    );
    const config = parseConfig('titel: Mine\nprojects:\n  - name: P\n    repos:\n      - git: ../p\n', 'cdstats.yaml');
    expect(config.errors.map(formatProblem)).toEqual([
      'cdstats.yaml:1: unknown key `titel` in the top level: did you mean `title`? (known: title, database, mirrors, reports, github, git, identity, bots, projects, groups)',
    ]);
  });

  it('takes a description that replaces the indicator\'s own under a chart of another column', async () => {
    const page = parse('title: Mine\nscope: overview\nsections:\n  - title: S\n    charts:\n      - indicator: contributions_per_contributor\n        type: bar\n        description: People active in the year.\n        value: { contributors: Active contributors }\n');
    expect(page.sections[0]?.charts[0]?.description).toBe('People active in the year.');
    // The groups page's charts of active contributors read contributions_per_contributor's `contributors`: they say so, not what a ratio is.
    const groups = (await loadDefinitions(undefined)).find((p) => p.id === 'groups');
    const active = groups?.sections.find((s) => s.title === 'Active contributors')?.charts ?? [];
    expect(active.map((c) => c.description?.startsWith('People (bots left out) with at least one contribution'))).toEqual([true, true]);
  });

  it('names a broken YAML file and line', () => {
    expect(() => parse('title: [unclosed\nscope: overview\n')).toThrow(/^reports\/mine\.yaml:\d+: /);
  });
});

describe('loadDefinitions', () => {
  it('loads the package’s pages, whose every chart names a real column of its indicator', async () => {
    const pages = await loadDefinitions(undefined);
    expect(pages.map((p) => [p.id, p.scope])).toEqual([
      ['overview', 'overview'],
      ['groups', 'groups'],
      ['project', 'project'],
    ]);
    // Column names are checked against each indicator's columns on an empty database.
    const { Database } = await import('../../src/store/db.js');
    const { migrate } = await import('../../src/store/migrations.js');
    const { defineVocabulary } = await import('../../src/store/vocabulary.js');
    const { readReportData } = await import('../../src/report/data.js');
    const { loadIdentity } = await import('../../src/identity/load.js');
    const { DEFAULT_IDENTITY } = await import('../../src/config/identity.js');
    const { silentLog } = await import('../../src/log.js');
    const db = await Database.open(':memory:', false);
    await migrate(db);
    await defineVocabulary(db);
    await loadIdentity(db, DEFAULT_IDENTITY, silentLog);
    // A group and a joined day, so that the groups page runs and every one of its columns is checked too.
    const facts = { groups: [{ name: 'G', projects: ['p'] }], meta: new Map([['p', { maturity: 'sandbox', joined: '2023-01-01' }]]) };
    const data = await readReportData(db, pages, ['p'], new Date('2024-01-01T00:00:00Z'), facts);
    db.close();
    for (const page of pages) {
      const charts = page.sections.flatMap((s) => s.charts);
      const { built } = buildCharts(charts, { scope: page.scope, project: page.scope === 'project' ? 'p' : null, projects: ['p'], lookup: data.lookup, asOf: new Date('2024-01-01T00:00:00Z'), collected: () => new Set(['git']), ...facts });
      expect(built).toHaveLength(charts.length);
      // Nothing collected, nothing shown: but a groups page counts a collected project with no one active as 0 people.
      expect(built.filter((b) => b.status === 'shown' && page.scope !== 'groups')).toEqual([]);
    }
  });

  it('adds the pages of the config’s reports folder, replacing a package page of the same name', async () => {
    const { dir, cleanup } = await tempDir('cdstats-reports-');
    try {
      const mine = path.join(dir, 'reports');
      await mkdir(mine);
      await writeFile(path.join(mine, 'project.yaml'), 'title: Short\nscope: project\nsections:\n  - title: Code\n    charts:\n      - { indicator: commits, type: line }\n');
      await writeFile(path.join(mine, 'companies.yaml'), 'title: Companies\nscope: overview\norder: 2\nsections:\n  - title: All\n    charts:\n      - { indicator: top_companies, type: table }\n');
      const pages = await loadDefinitions(mine);
      expect(pages.map((p) => [p.id, p.title])).toEqual([
        ['overview', 'Overview'],
        ['companies', 'Companies'],
        ['groups', 'Groups'],
        ['project', 'Short'],
      ]);
      await writeFile(path.join(mine, 'broken.yaml'), 'title: B\nscope: overview\nsections:\n  - title: X\n    charts:\n      - { indicator: commits }\n');
      await expect(loadDefinitions(mine)).rejects.toThrow(`problems in the report definitions:\n${path.join(mine, 'broken.yaml')}:6: \`type\` is required`);
    } finally {
      await cleanup();
    }
  });
});
