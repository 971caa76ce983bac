import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/report/data.js';
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

describe('renderSite', () => {
  const indicator = (id: string, unit: string) => ({ id, title: `${id} per month`, description: `About ${id}.`, unit, chart: 'line' as const, params: [], sql: '' });
  const data: ReportData = {
    commits: { indicator: indicator('commits', 'commits'), points: [{ project: XSS, period: '2024-01-01', value: 2 }] },
    authors: { indicator: indicator('commit_authors', 'authors'), points: [{ project: XSS, period: '2024-01-01', value: 1 }] },
    totals: new Map([[XSS, { repos: 1, commits: 2, authors: 1, firstCommit: '2024-01-02', lastCommit: '2024-01-03', linesAdded: 1234, linesDeleted: null }]]),
    repos: [{ project: XSS, name: `repo ${XSS}`, url: 'javascript:alert(1)', defaultBranch: 'main', commits: 2, lastCommit: '2024-01-03' }],
    collectedAt: new Map([[XSS, new Date('2024-02-01T10:00:00Z')]]),
  };
  const pages = renderSite({ title: 'T', projects: [XSS, 'Later'], asOf: { at: new Date('2024-01-31T23:59:59.999Z'), label: '2024-01-31' }, data });
  const page = (path: string) => pages.find((p) => p.path === path)?.content ?? '';

  it('writes the overview and one page per configured project, in config order', () => {
    expect(pages.map((p) => p.path)).toEqual(['index.html', 'projects/img-src-x-onerror-alert-1.html', 'projects/later.html']);
    expect(page('index.html')).toMatch(/href="projects\/img-src-x-onerror-alert-1\.html">&lt;img[^]*href="projects\/later\.html">Later<\/a> <span class="note">not collected yet<\/span>/);
  });

  it('never lets a name from the data become markup', () => {
    for (const { content } of pages) {
      expect(content).not.toContain('<img');
      expect(content).not.toContain('href="javascript:');
    }
    expect(page('projects/img-src-x-onerror-alert-1.html')).toContain('<h1>&lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(page('projects/img-src-x-onerror-alert-1.html')).toContain('<td>repo &lt;img src=x onerror=alert(1)&gt;</td>');
  });

  it('shows totals with unknown values as a dash and the collect time in the footer', () => {
    const project = page('projects/img-src-x-onerror-alert-1.html');
    expect(project).toContain('<dt>Lines added</dt><dd>1,234</dd>');
    expect(project).toContain('<dt>Lines deleted</dt><dd>—</dd>');
    expect(project).toContain('Data up to 2024-01-31 · collected 2024-02-01 10:00 UTC');
  });

  it('gives a project that was never collected a page that says so, without charts', () => {
    const later = page('projects/later.html');
    expect(later).toContain('This project is not collected yet');
    expect(later).not.toContain('<script');
    expect(later).toContain('Data up to 2024-01-31 · not collected yet');
  });
});
