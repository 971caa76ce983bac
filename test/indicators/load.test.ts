import { describe, expect, it } from 'vitest';
import { GROUPINGS, listIndicators, parseIndicator, readIndicator } from '../../src/indicators/load.js';

const HEADER = [
  '-- title: Commits per month',
  '-- description: Commits authored each month.',
  '-- unit: commits',
  '-- chart: line',
  '-- groups: no',
  '-- params: as_of TIMESTAMP',
];
const SQL = 'SELECT project, period, value FROM x WHERE at <= $as_of';
const text = (...lines: string[]) => lines.join('\n');

function parseError(source: string, id = 'commits'): string {
  try {
    parseIndicator(source, 'queries/commits.sql', id);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a parse error');
}

describe('parseIndicator', () => {
  it('reads the header and keeps the SQL after it', () => {
    expect(parseIndicator(text(...HEADER, SQL, ''), 'queries/commits.sql', 'commits')).toEqual({
      id: 'commits',
      title: 'Commits per month',
      description: 'Commits authored each month.',
      unit: 'commits',
      chart: 'line',
      groups: 'no',
      params: [{ name: 'as_of', type: 'TIMESTAMP' }],
      sources: [],
      sample: null,
      missing: null,
      coverage: null,
      sql: SQL,
    });
  });

  it('reads the column of the n behind a ratio, and why a value can be missing', () => {
    const parsed = parseIndicator(text(...HEADER, '-- sample: active', '-- missing: no company is known', SQL), 'queries/commits.sql', 'commits');
    expect([parsed.sample, parsed.missing]).toEqual(['active', 'no company is known']);
  });

  it('reads the columns of a company figure\'s affiliation coverage, and refuses a list that is not share, known, n', () => {
    const parsed = parseIndicator(text(...HEADER, '-- coverage: affiliation_coverage, affiliation_known, affiliation_n', SQL), 'queries/commits.sql', 'commits');
    expect(parsed.coverage).toEqual({ share: 'affiliation_coverage', known: 'affiliation_known', n: 'affiliation_n' });
    expect(parseError(text(...HEADER, '-- coverage: affiliation_coverage', SQL))).toMatch(new RegExp(`^queries/commits\\.sql:${HEADER.length + 1}: \`coverage\` names three columns`));
  });

  it('reads the GitHub sources an indicator needs, and refuses others', () => {
    const parsed = parseIndicator(text(...HEADER, '-- sources: github_issues, github_pull_requests', SQL), 'queries/commits.sql', 'commits');
    expect(parsed.sources).toEqual(['github_issues', 'github_pull_requests']);
    expect(parseError(text(...HEADER, '-- sources: git', SQL))).toBe(
      `queries/commits.sql:${HEADER.length + 1}: source "git" is not one of github_pull_requests, github_issues, github_releases, github_stargazers`,
    );
  });

  it('accepts CRLF line ends, any key order and an empty params list', () => {
    const lines = ['-- chart: table', '-- params:', '-- unit: rows', '-- groups: no', '-- description: d.', '-- title: T', 'SELECT 1'];
    const parsed = parseIndicator(lines.join('\r\n'), 'q.sql', 'totals');
    expect(parsed.params).toEqual([]);
    expect(parsed.chart).toBe('table');
    expect(parsed.sql).toBe('SELECT 1');
  });

  it('names file:line of a header line that is not `-- key: value`', () => {
    expect(parseError(text(HEADER[0] ?? '', '-- this query counts commits', ...HEADER.slice(1), SQL))).toBe(
      'queries/commits.sql:2: a header line must read `-- key: value`',
    );
  });

  it('names file:line of an unknown or repeated key', () => {
    expect(parseError(text(...HEADER.slice(0, 2), '-- colour: red', ...HEADER.slice(2), SQL))).toMatch(/^queries\/commits\.sql:3: unknown header key `colour`/);
    expect(parseError(text(...HEADER, '-- unit: lines', SQL))).toBe('queries/commits.sql:7: header key `unit` is repeated (first on line 3)');
  });

  it('names a missing key, an empty value and an unknown chart', () => {
    expect(parseError(text(...HEADER.filter((l) => !l.includes('unit')), SQL))).toBe('queries/commits.sql:5: the header needs a `-- unit: …` line');
    expect(parseError(text(...HEADER.slice(0, 2), '-- unit:', ...HEADER.slice(3), SQL))).toBe('queries/commits.sql:3: `unit` is empty');
    expect(parseError(text(...HEADER.slice(0, 3), '-- chart: pie', ...HEADER.slice(4), SQL))).toBe('queries/commits.sql:4: chart "pie" is not one of line, table');
  });

  it('checks params against the SQL and the known types', () => {
    expect(parseError(text(...HEADER.slice(0, 5), '-- params: as_of DATETIME', SQL))).toBe('queries/commits.sql:6: the standard parameter as_of is TIMESTAMP, not DATETIME');
    expect(parseError(text(...HEADER.slice(0, 5), '-- params: window DATETIME = 3', SQL))).toBe(
      'queries/commits.sql:6: parameter window has type DATETIME; known types: TIMESTAMP, VARCHAR, INTEGER, VARCHAR[]',
    );
    expect(parseError(text(...HEADER.slice(0, 5), '-- params: window INTEGER', SQL))).toBe('queries/commits.sql:6: parameter window needs a default (`window INTEGER = …`)');
    expect(parseError(text(...HEADER.slice(0, 5), '-- params: window', SQL))).toBe('queries/commits.sql:6: parameter window needs a type (TIMESTAMP, VARCHAR, INTEGER, VARCHAR[]): it is not a standard one');
    expect(parseError(text(...HEADER.slice(0, 5), '-- params: as-of', SQL))).toMatch(/^queries\/commits\.sql:6: parameter "as-of" must read `name`/);
    expect(parseError(text(...HEADER, `${SQL} AND y = $project`))).toBe('queries/commits.sql:6: the SQL uses $project, which `params` does not declare');
    expect(parseError(text(...HEADER, 'SELECT 1'))).toBe('queries/commits.sql:6: `params` declares as_of, which the SQL does not use');
  });

  it('needs `groups` (people, items or no), and the projects parameter to carry a group', () => {
    expect(parseError(text(...HEADER.filter((l) => !l.includes('groups')), SQL))).toBe('queries/commits.sql:5: the header needs a `-- groups: …` line');
    expect(parseError(text(...HEADER.slice(0, 4), '-- groups: sum', HEADER[5] ?? '', SQL))).toBe('queries/commits.sql:5: groups "sum" is not one of people, items, no');
    expect(parseError(text(...HEADER.slice(0, 4), '-- groups: people', HEADER[5] ?? '', SQL))).toBe(
      'queries/commits.sql:5: groups "people" needs the parameter projects, which carries the groups asked',
    );
    const grouped = parseIndicator(text(...HEADER.slice(0, 4), '-- groups: items', '-- params: projects, as_of', `${SQL} AND project IN $projects`), 'queries/commits.sql', 'commits');
    expect(grouped.groups).toBe('items');
  });

  it('needs SQL after the header and a snake_case id', () => {
    expect(parseError(text(...HEADER, ''))).toBe('queries/commits.sql:6: no SQL after the header');
    expect(parseError(text(...HEADER, SQL), 'Commits-Total')).toMatch(/^queries\/commits\.sql:1: indicator id "Commits-Total" must be snake_case/);
  });
});

describe('readIndicator', () => {
  it.each([
    ['commits', ['projects', 'repos', 'period', 'from', 'to', 'as_of']],
    ['commit_authors', ['projects', 'repos', 'period', 'from', 'to', 'as_of']],
    ['bot_activity', ['projects', 'repos', 'period', 'from', 'to', 'as_of']],
    ['project_totals', ['as_of']],
    ['repo_totals', ['as_of']],
  ])('reads the shipped queries/%s.sql', async (id, params) => {
    const indicator = await readIndicator(id);
    expect(indicator.id).toBe(id);
    expect(indicator.params.map((p) => p.name)).toEqual(params);
    expect(indicator.description.length).toBeGreaterThan(20);
  });

  it('every shipped indicator says how it counts a group; only per-project or per-repository listings refuse one', async () => {
    const indicators = await listIndicators();
    expect(indicators.length).toBeGreaterThan(30);
    for (const indicator of indicators) expect(GROUPINGS, indicator.id).toContain(indicator.groups);
    expect(indicators.filter((i) => i.groups === 'no').map((i) => i.id)).toEqual(['project_totals', 'repo_totals']);
    // The people indicators the issue names count people once per group.
    const people = ['active_contributors', 'new_contributors', 'inactive_contributors', 'retention', 'bus_factor', 'contributions_per_contributor', 'episodic_contributors'];
    expect(people.map((id) => indicators.find((i) => i.id === id)?.groups)).toEqual(people.map(() => 'people'));
    expect(['commits', 'prs_merged', 'releases'].map((id) => indicators.find((i) => i.id === id)?.groups)).toEqual(['items', 'items', 'items']);
  });

  it('says which indicator it cannot read', async () => {
    await expect(readIndicator('no_such_indicator')).rejects.toThrow(/cannot read indicator no_such_indicator/);
  });
});
