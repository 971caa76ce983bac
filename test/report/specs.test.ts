import { describe, expect, it } from 'vitest';
import { lineSpec, projectsLineSpec } from '../../src/report/specs.js';

const XSS = '<img src=x onerror=alert(1)>';
const text = { title: 'Commits per month', unit: 'commits' };

const MONTH = { field: 'period', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month' };
const CONFIG = {
  title: { fontSize: 14 },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  axisX: { labelSeparation: 8 },
  legend: { labelFontSize: 12, titleFontSize: 12 },
};

/** Every key anywhere in a spec: a spec built from data must not grow keys that evaluate or load. */
function keys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keys);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]);
}

describe('projectsLineSpec', () => {
  const points = [
    { project: 'beta', period: '2024-01-01', value: 3 },
    { project: XSS, period: '2024-01-01', value: 1 },
    { project: 'beta', period: '2024-02-01', value: 0 },
  ];
  const spec = projectsLineSpec(text, ['beta', XSS], points);

  it('is one line per project, coloured in the given order, with titles and tooltips', () => {
    expect(spec).toEqual({
      description: 'Line chart: Commits per month, one line per project',
      title: 'Commits per month',
      width: 'container',
      height: 240,
      config: CONFIG,
      data: { values: points },
      mark: { type: 'line', point: { filled: true, size: 24 } },
      encoding: {
        x: MONTH,
        y: { field: 'value', type: 'quantitative', title: 'Commits', axis: { tickMinStep: 1, format: ',d' } },
        color: {
          field: 'project',
          type: 'nominal',
          title: 'Project',
          scale: { domain: ['beta', XSS] },
          legend: { orient: 'bottom', direction: 'horizontal', columns: 2, labelLimit: 130 },
        },
        tooltip: [
          { field: 'project', type: 'nominal', title: 'Project' },
          MONTH,
          { field: 'value', type: 'quantitative', title: 'Commits', format: ',d' },
        ],
      },
    });
  });

  it('copies the data instead of sharing the caller’s objects', () => {
    expect((spec.data as { values: unknown[] }).values[0]).not.toBe(points[0]);
  });

  it('carries names from the data only as values, never as expressions, fields or URLs', () => {
    expect(keys(spec).filter((k) => ['expr', 'signal', 'url', 'calculate', 'filter', 'href'].includes(k))).toEqual([]);
    const fields = JSON.stringify(spec).match(/"field":"[^"]*"/g);
    expect(new Set(fields)).toEqual(new Set(['"field":"period"', '"field":"value"', '"field":"project"']));
  });
});

describe('lineSpec', () => {
  it('is a single line of one project’s months', () => {
    const points = [
      { period: '2023-12-01', value: 1 },
      { period: '2024-01-01', value: 2 },
    ];
    expect(lineSpec({ title: 'Active commit authors per month', unit: 'authors' }, points)).toEqual({
      description: 'Line chart: Active commit authors per month',
      title: 'Active commit authors per month',
      width: 'container',
      height: 240,
      config: CONFIG,
      data: { values: points },
      mark: { type: 'line', point: { filled: true, size: 24 } },
      encoding: {
        x: MONTH,
        y: { field: 'value', type: 'quantitative', title: 'Authors', axis: { tickMinStep: 1, format: ',d' } },
        tooltip: [MONTH, { field: 'value', type: 'quantitative', title: 'Authors', format: ',d' }],
      },
    });
  });
});
