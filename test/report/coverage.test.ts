import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../src/indicators/load.js';
import type { Result } from '../../src/report/charts.js';
import type { ReportData } from '../../src/report/data.js';
import { parseDefinition } from '../../src/report/definitions.js';
import { chartTable, toCsv, type BarChart, type ChartPayload, type LineChart, type PeriodIndex } from '../../src/report/model.js';
import { renderSite } from '../../src/report/pages.js';
import { barSpec, lineSpec } from '../../src/report/specs.js';

/**
 * Company figures in the report: their affiliation coverage beside them (table columns,
 * subtitles, CSV), and "not representative" instead of a ranking under 50% or 10 contributions.
 * Alpha: 80 of its 100 contributions by people have a known affiliation; Beta: 1 of 10.
 */
const COVERAGE = { share: 'affiliation_coverage', known: 'affiliation_known', n: 'affiliation_n' };
const indicator = (id: string, chart: 'line' | 'table', params: string[]): Indicator => ({
  id,
  title: `Title of ${id}`,
  description: `Definition of ${id}.`,
  unit: 'companies',
  chart,
  params: params.map((name) => ({ name, type: name === 'projects' ? 'VARCHAR[]' : name === 'period' ? 'VARCHAR' : 'TIMESTAMP', default: undefined })),
  sources: [],
  sample: null,
  missing: null,
  coverage: COVERAGE,
  groups: 'people',
  sql: '',
});
const INDICATORS = new Map([indicator('elephant_factor', 'table', ['projects', 'as_of']), indicator('top_companies', 'table', ['projects', 'as_of']), indicator('companies', 'line', ['projects', 'period', 'as_of'])].map((i) => [i.id, i]));
const define = (scope: 'overview' | 'project', sections: string) => parseDefinition(`title: ${scope}\nscope: ${scope}\nsections:\n${sections}`, `${scope}.yaml`, scope, INDICATORS);
const OVERVIEW = define('overview', '  - title: Companies\n    charts:\n      - { indicator: elephant_factor, type: bar }\n');
const PROJECT = define(
  'project',
  '  - title: Companies\n    charts:\n      - { indicator: companies, type: line }\n      - indicator: top_companies\n        type: table\n        columns: { company: Company, contributions: Contributions }\n',
);

const cover = (share: number, known: number, n: number) => ({ affiliation_coverage: share, affiliation_known: known, affiliation_n: n });
function results(id: string, period: string | null): Result {
  const columns = (...names: string[]) => [...names, 'affiliation_coverage', 'affiliation_known', 'affiliation_n'];
  switch (id) {
    case 'elephant_factor':
      return { columns: columns('project', 'value'), rows: [{ project: 'Alpha', value: 2, ...cover(0.8, 80, 100) }, { project: 'Beta', value: null, ...cover(0.1, 1, 10) }] };
    case 'top_companies':
      return {
        columns: columns('project', 'company', 'contributions'),
        rows: [
          { project: 'Alpha', company: 'Acme', contributions: 60, ...cover(0.8, 80, 100) },
          { project: 'Alpha', company: 'Globex', contributions: 20, ...cover(0.8, 80, 100) },
          { project: 'Beta', company: 'Initech', contributions: 1, ...cover(0.1, 1, 10) },
        ],
      };
    default: {
      const month = (m: string) => (period === 'year' ? '2024-01-01' : m);
      // Alpha: January representative (16 of 20), February not (1 of 5); Beta: no period representative.
      return {
        columns: columns('project', 'period', 'value'),
        rows: [
          { project: 'Alpha', period: month('2024-01-01'), value: 2, ...cover(0.8, 16, 20) },
          { project: 'Alpha', period: month('2024-02-01'), value: null, ...cover(0.2, 1, 5) },
          { project: 'Beta', period: month('2024-02-01'), value: null, ...cover(0, 0, 12) },
        ].filter((_, i) => period !== 'year' || i !== 1),
      };
    }
  }
}

const collected = (project: string) => ({ project, repo: project, source: 'git', status: 'collected', coveredFrom: null, coveredUntil: '2024-03-01 00:00:00', dataUntil: '2024-03-01 00:00:00', lastSuccessAt: '2024-03-01 10:00:00', lastError: null });
const data: ReportData = {
  lookup: (chart, period) => results(chart.indicator.id, period),
  coverage: [collected('Alpha'), collected('Beta')],
  collectedAt: new Map([
    ['Alpha', new Date('2024-03-01T10:00:00Z')],
    ['Beta', new Date('2024-03-01T10:00:00Z')],
  ]),
};
const asOf = { at: new Date('2024-03-31T23:59:59.999Z'), label: '2024-03-31', basis: 'given' } as const;
const site = renderSite({ title: 'T', projects: ['Alpha', 'Beta'], asOf, pages: [OVERVIEW, PROJECT], data, builtAt: new Date('2024-04-01T08:00:00Z') });
const page = (path: string) => site.find((p) => p.path === path)?.content ?? '';
const payloads = (path: string): Record<string, ChartPayload> =>
  Object.fromEntries([...page(path).matchAll(/data-chart="([^"]+)"[^]*?class="chart-data">(.*?)<\/script>/g)].map(([, id, json]) => [id, JSON.parse(json ?? 'null') as ChartPayload]));
const periods = (path: string): PeriodIndex => JSON.parse(/id="page-periods">(.*?)<\/script>/.exec(page(path))?.[1] ?? '{}') as PeriodIndex;
const NOT_REPRESENTATIVE = 'Under 50% of these contributions have an author with a known company or Independent at that date (or there are under 10), so companies are not ranked.';

describe('the elephant factor bar of the overview', () => {
  const payload = payloads('index.html').elephant_factor;

  it('keeps every project in its table and CSV with its coverage, known and n; no bar where not representative', () => {
    if (payload === undefined) throw new Error('no elephant_factor chart');
    const { fields, rows } = chartTable(payload, {}, 'month');
    expect(rows).toEqual([
      ['Alpha', 2, 0.8, 80, 100],
      ['Beta', null, 0.1, 1, 10],
    ]);
    expect(toCsv(fields, rows).split('\r\n')[0]).toBe('Project,Companies,Affiliation coverage,Contributions with a known affiliation,Contributions by people');
    const spec = barSpec(payload.chart as BarChart, fields, rows) as { data: { values: unknown[] }; title: { subtitle: string[] }; encoding: { tooltip: { title: string }[] } };
    expect(spec.data.values).toHaveLength(1);
    expect(spec.title.subtitle).toEqual([
      'Affiliation coverage — Alpha: 80% of 100 contributions by people · Beta: 10% of 10 contributions by people.',
      'No figure where under 50% have an author with a known company or Independent, or under 10 contributions: not representative.',
    ]);
    expect(spec.encoding.tooltip.map((t) => t.title)).toEqual(['Project', 'Companies', 'Affiliation coverage', 'Contributions by people']);
  });

  it('says which projects are not representative, with their coverage, and how to add companies', () => {
    expect(page('index.html')).toContain(`<p class="note" data-status="not-representative">Not representative, so not shown: Beta (10% of 10 contributions by people). ${NOT_REPRESENTATIVE}`);
    expect(page('index.html')).toContain('<code>cdstats people --unaffiliated --top 50 --gitdm to-fill.txt</code> lists whom to fill in.');
  });
});

describe('a project page with enough coverage', () => {
  const alpha = page('projects/alpha.html');

  it('ranks the companies with the coverage columns beside them, and says the coverage under the table', () => {
    const top = payloads('projects/alpha.html').top_companies;
    if (top === undefined) throw new Error('no top_companies table');
    const { fields, rows } = chartTable(top, {}, 'month');
    expect(fields.map((f) => f.label)).toEqual(['Company', 'Contributions', 'Affiliation coverage', 'Contributions with a known affiliation', 'Contributions by people']);
    expect(rows).toEqual([
      ['Acme', 60, 0.8, 80, 100],
      ['Globex', 20, 0.8, 80, 100],
    ]);
    expect(alpha).toContain('<th scope="col" class="num">Affiliation coverage</th>');
    expect(alpha).toContain('<td class="num">80%</td>');
    expect(alpha).toContain('<p class="note" data-coverage>Affiliation coverage: 80% of 100 contributions by people. No figure where under 50%');
    expect(alpha).not.toContain('not-representative');
  });

  it('draws the companies line where representative, with its coverage in the subtitle, tooltip and CSV', () => {
    const line = payloads('projects/alpha.html').companies;
    if (line === undefined) throw new Error('no companies chart');
    const { fields, rows } = chartTable(line, periods('projects/alpha.html'), 'month');
    expect(toCsv(fields, rows).split('\r\n').slice(0, 3)).toEqual([
      'Month,Companies,Affiliation coverage,Contributions with a known affiliation,Contributions by people,Partial period',
      '2024-01-01,2,0.8,16,20,false',
      '2024-02-01,,0.2,1,5,false',
    ]);
    const spec = lineSpec(line.chart as LineChart, fields, rows, 'month') as { title: { subtitle: string[] }; encoding: { tooltip: { title: string }[] } };
    // 17 of the 25 contributions of the two months.
    expect(spec.title.subtitle).toContain('Affiliation coverage: 68% of 25 contributions by people.');
    expect(spec.encoding.tooltip.map((t) => t.title)).toContain('Affiliation coverage');
  });
});

describe('a project page without enough coverage', () => {
  const beta = page('projects/beta.html');

  it('says "not representative" with the coverage instead of ranking companies or drawing a line', () => {
    expect(Object.keys(payloads('projects/beta.html'))).toEqual([]);
    expect(beta).not.toContain('Initech');
    expect(beta).toContain(`<p class="empty" data-status="not-representative"><strong>Title of top_companies</strong>: not representative: 10% of 10 contributions by people. ${NOT_REPRESENTATIVE}`);
    expect(beta).toContain('<p class="empty" data-status="not-representative"><strong>Title of companies</strong>: not representative: 0% of 12 contributions by people.');
  });
});
