import { describe, expect, it } from 'vitest';
import { linkWithState, readState, stateQuery, type Control } from '../../src/report/client/state.js';
import { selectProjects, type ChartPayload, type Field } from '../../src/report/model.js';

/** The view in the URL (the page script's pure part): what is read, what is written, what links carry. */

const XSS = '<img src=x onerror=alert(1)>';
const PERIOD: Control = { key: 'period', multiple: false, values: ['week', 'month', 'quarter', 'year'], initial: ['month'] };
const PROJECT: Control = { key: 'project', multiple: true, values: ['Alpha', 'Beta & co', XSS], initial: [] };
const OVERVIEW = [PERIOD, PROJECT];

describe('readState', () => {
  it('reads each control from the query string, one value or several', () => {
    const state = readState('?period=quarter&project=Beta+%26+co&project=Alpha', OVERVIEW);
    expect([...state]).toEqual([
      ['period', ['quarter']],
      ['project', ['Beta & co', 'Alpha']],
    ]);
  });

  it('gives the initial view when the URL says nothing', () => {
    expect([...readState('', OVERVIEW)]).toEqual([
      ['period', ['month']],
      ['project', []],
    ]);
  });

  it('ignores values no input has, keys of no control, and repeats; a name of the data is a value like any other', () => {
    const hostile = `?period=%3Cscript%3Ealert(1)%3C/script%3E&period=year&period=javascript:alert(1)&project=Nope&project=${encodeURIComponent(XSS)}&project=${encodeURIComponent(XSS)}&__proto__=x&constructor=y`;
    expect([...readState(hostile, OVERVIEW)]).toEqual([
      ['period', ['year']],
      ['project', [XSS]],
    ]);
    expect([...readState('?period=<b>&project=<i>', OVERVIEW)]).toEqual([
      ['period', ['month']],
      ['project', []],
    ]);
  });

  it("carries the site's keys a page has no control for, as they came, within bounds", () => {
    const state = readState(`?project=Alpha&project=${'x'.repeat(301)}&project=&other=1`, [PERIOD]);
    expect([...state]).toEqual([
      ['period', ['month']],
      ['project', ['Alpha']],
    ]);
    const many = readState(`?${Array.from({ length: 300 }, (_, i) => `project=p${i}`).join('&')}`, []);
    expect(many.get('project')).toHaveLength(200);
  });
});

describe('stateQuery', () => {
  it('writes what differs from the initial view, each value encoded', () => {
    expect(stateQuery(readState('', OVERVIEW), OVERVIEW)).toBe('');
    expect(stateQuery(new Map([['period', ['year']], ['project', ['Beta & co', XSS]]]), OVERVIEW)).toBe('?period=year&project=Beta+%26+co&project=%3Cimg+src%3Dx+onerror%3Dalert%281%29%3E');
    expect(stateQuery(new Map([['period', ['month']], ['project', ['Alpha']]]), [PERIOD])).toBe('?project=Alpha');
  });

  it('gives back the state it was read from', () => {
    const state = readState('?period=week&project=Beta+%26+co&project=Alpha', OVERVIEW);
    expect(readState(stateQuery(state, OVERVIEW), OVERVIEW)).toEqual(state);
  });
});

describe('linkWithState', () => {
  it("puts the state on links to the site's pages, keeping their anchor and replacing an older state", () => {
    expect(linkWithState('projects/alpha.html', '?period=year')).toBe('projects/alpha.html?period=year');
    expect(linkWithState('../index.html#s-health', '?period=year')).toBe('../index.html?period=year#s-health');
    expect(linkWithState('about.html?period=week', '?period=year')).toBe('about.html?period=year');
    expect(linkWithState('about.html?period=week', '')).toBe('about.html');
  });

  it('leaves anchors of the page, absolute and external URLs and other files alone', () => {
    for (const href of ['#s-health', 'https://github.com/acme/alpha', 'HTTP://x/y.html', 'javascript:alert(1)//.html', '/abs/page.html', '//host/page.html', 'data.csv', 'mailto:a@b.html']) {
      expect([href, linkWithState(href, '?period=year')]).toEqual([href, null]);
    }
  });
});

describe('selectProjects', () => {
  const field = (name: string, label: string, format: Field['format']): Field => ({ field: name, label, format });
  const line: ChartPayload = {
    chart: { id: 'c', indicator: 'commits', title: 'Commits', description: '', unit: 'commits', type: 'line', series: 'project', fields: [field('value', 'Commits', 'count')], band: null, sample: null, periods: ['month'], period: 'month' },
    data: { kind: 'series', running: {}, byPeriod: { month: [{ key: 'Alpha', from: 0, values: { value: [1] } }, { key: XSS, from: 0, values: { value: [2] } }] } },
  };
  const table: ChartPayload = {
    chart: { id: 't', indicator: 'project_totals', title: 'Totals', description: '', unit: 'commits', type: 'table', columns: [field('project', 'Project', 'text'), field('commits', 'Commits', 'count')] },
    data: { kind: 'table', table: { columns: ['project', 'commits'], rows: [['Alpha', 3], [XSS, 4]] } },
  };

  it('keeps the lines and rows of the selected projects, all of them when none is selected', () => {
    expect(selectProjects(line, new Set([XSS])).data).toEqual({ kind: 'series', running: {}, byPeriod: { month: [{ key: XSS, from: 0, values: { value: [2] } }] } });
    expect(selectProjects(table, new Set(['Alpha'])).data).toEqual({ kind: 'table', table: { columns: ['project', 'commits'], rows: [['Alpha', 3]] } });
    expect(selectProjects(table, new Set())).toBe(table);
  });

  it('leaves a chart without projects alone', () => {
    const field_: ChartPayload = { ...line, chart: { ...line.chart, series: 'field' } as ChartPayload['chart'] };
    expect(selectProjects(field_, new Set(['Alpha']))).toBe(field_);
    const noProject: ChartPayload = { ...table, data: { kind: 'table', table: { columns: ['commits'], rows: [[3]] } } };
    expect(selectProjects(noProject, new Set(['Alpha']))).toBe(noProject);
  });
});
