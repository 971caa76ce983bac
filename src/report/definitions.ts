import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Origin } from '../config/types.js';
import { EXIT_USAGE, UserError, errorMessage } from '../errors.js';
import { listIndicators, QUERIES_DIR, type Indicator } from '../indicators/load.js';
import { formatProblem } from '../config/parse.js';
import { isMap, isScalar, isSeq, keyName, YamlFile, type Node, type YAMLMap } from '../config/yaml.js';
import { FORMATS, PERIODS, type Format, type Period } from './model.js';

/** The package's reports/ folder: two levels up from src/report/ and from dist/report/. */
export const REPORTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reports');

export const CHART_TYPES = ['line', 'bar', 'heatmap', 'table', 'facts', 'distribution'] as const;
export type ChartType = (typeof CHART_TYPES)[number];
export const SCOPES = ['overview', 'project', 'groups'] as const;
/**
 * `overview`: one page comparing every project; `project`: one page per project; `groups`: one
 * page comparing the config's groups of projects (`groups:`), left out of a site whose config has none.
 */
export type Scope = (typeof SCOPES)[number];

/** A column as a definition names it; label and format default from the indicator. */
export interface FieldDefinition {
  field: string;
  label: string | undefined;
  format: Format | undefined;
  origin: Origin;
}

export interface ChartDefinition {
  indicator: Indicator;
  type: ChartType;
  /** Overrides the indicator's title. */
  title: string | undefined;
  /** Overrides the indicator's definition under the chart: for a chart of another column than `value`. */
  description: string | undefined;
  /** Values of the indicator's own parameters (`window`, `kind`, `top`…). */
  params: Record<string, string | number>;
  /** line: the lines (default `value`); table and facts: the columns (default: all). */
  fields: FieldDefinition[];
  /** line: a shaded band between two columns (project pages). */
  band: [FieldDefinition, FieldDefinition] | undefined;
  /** line: the period shown first, or the fixed period of an indicator without a `period` parameter. */
  period: Period | undefined;
  /** line: past this many lines, one small panel per line (small multiples); default SMALL_MULTIPLES_ABOVE (10). */
  panels: number | undefined;
  /** bar: the bars (default `project`); heatmap: the axes. */
  category: FieldDefinition | undefined;
  x: FieldDefinition | undefined;
  y: FieldDefinition | undefined;
  /** bar and heatmap: the value (default `value`). */
  value: FieldDefinition | undefined;
  /** Rows shown per project (tables, bars), after `sort`. */
  limit: number | undefined;
  /** Reorders rows by a column, `-column` for descending. */
  sort: { field: string; descending: boolean } | undefined;
  /**
   * Overview line, bar and table: the label of the foundation-wide figure (the `all` unit: every
   * project, each person counted once) drawn beside the projects'; undefined for none.
   */
  total?: string | undefined;
  /** Distribution and bar charts of a groups page: the column holding the n behind each value (people, items). */
  n?: FieldDefinition | undefined;
  /** Tables: `joined` runs the indicator for each project from the day it joined (`joined:` in cdstats.yaml). */
  since?: 'joined' | undefined;
  origin: Origin;
}

export interface SectionDefinition {
  title: string;
  intro: string | undefined;
  charts: ChartDefinition[];
}

export interface PageDefinition {
  /** The file name without `.yaml`. */
  id: string;
  title: string;
  scope: Scope;
  /** Position in the navigation (smaller first). */
  order: number;
  intro: string | undefined;
  sections: SectionDefinition[];
  file: string;
}

const PAGE_KEYS = ['title', 'scope', 'order', 'intro', 'sections'];
const SECTION_KEYS = ['title', 'intro', 'charts'];
const CHART_KEYS = ['indicator', 'type', 'title', 'description', 'params', 'fields', 'columns', 'band', 'period', 'panels', 'category', 'x', 'y', 'value', 'limit', 'sort', 'total', 'n', 'since'];
/** Which keys each chart type reads. */
const TYPE_KEYS: Record<ChartType, string[]> = {
  line: ['fields', 'band', 'period', 'panels', 'total'],
  bar: ['category', 'value', 'limit', 'sort', 'total', 'n'],
  heatmap: ['x', 'y', 'value'],
  table: ['columns', 'limit', 'sort', 'total', 'since'],
  facts: ['columns'],
  distribution: ['value', 'n'],
};
/** What `since` takes: `joined`, each project's `joined:` day. */
const SINCE = ['joined'] as const;
const STANDARD = new Set(['projects', 'repos', 'period', 'from', 'to', 'as_of']);

/**
 * Parses one report definition (a reports/*.yaml file). Every problem is reported at once with
 * its file:line. `indicators` holds every indicator a definition may name, by id.
 */
export function parseDefinition(text: string, file: string, id: string, indicators: ReadonlyMap<string, Indicator>): PageDefinition {
  const yaml = new YamlFile(text, file);
  const rejected = () => new UserError(yaml.problems.map(formatProblem).join('\n'), EXIT_USAGE);
  const page: PageDefinition = { id, title: id, scope: 'overview', order: 100, intro: undefined, sections: [], file };
  const root = yaml.root('a report definition is a mapping with `title`, `scope` and `sections`');
  if (root === undefined) throw rejected();

  /** `label` or `{ label: …, format: … }`, the value of one column in a mapping. */
  const fieldValue = (field: string, node: Node | null, keyNode: Node): FieldDefinition => {
    const origin = yaml.at(keyNode);
    if (node === null || (isScalar(node) && node.value === null)) return { field, label: undefined, format: undefined, origin };
    if (isScalar(node) && typeof node.value === 'string') return { field, label: node.value, format: undefined, origin };
    if (isMap(node)) {
      yaml.checkKeys(node, ['label', 'format'], `column \`${field}\``);
      return { field, label: yaml.text(node, 'label'), format: yaml.oneOf(node, 'format', FORMATS), origin };
    }
    yaml.fail(node, `column \`${field}\` takes a label or \`{ label: …, format: … }\``);
    return { field, label: undefined, format: undefined, origin };
  };
  /** `column: label` pairs, in order. */
  const fieldList = (map: YAMLMap, key: string): FieldDefinition[] => {
    const node = yaml.node(map, key);
    if (node === undefined) return [];
    if (!isMap(node) || node.items.length === 0) {
      yaml.fail(node, `\`${key}\` maps column names to labels, e.g. \`${key}: { value: Contributors }\``);
      return [];
    }
    return node.items.map((pair) => fieldValue(keyName(pair), pair.value as Node | null, pair.key as Node));
  };
  /** A column name, or a one-entry `column: label` mapping. */
  const oneField = (map: YAMLMap, key: string): FieldDefinition | undefined => {
    const node = yaml.node(map, key);
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'string') return { field: node.value, label: undefined, format: undefined, origin: yaml.at(node) };
    const list = fieldList(map, key);
    if (list.length !== 1) return yaml.fail(node, `\`${key}\` names one column: \`${key}: column\` or \`${key}: { column: Label }\``);
    return list[0];
  };

  const chart = (node: Node): ChartDefinition | undefined => {
    if (!isMap(node)) return yaml.fail(node, 'a chart is a mapping with `indicator` and `type`');
    yaml.checkKeys(node, CHART_KEYS, 'a chart');
    const indicatorId = yaml.text(node, 'indicator', true);
    const indicator = indicatorId === undefined ? undefined : indicators.get(indicatorId);
    if (indicatorId !== undefined && indicator === undefined) yaml.fail(yaml.node(node, 'indicator'), `no indicator "${indicatorId}" in queries/ (cdstats query --list shows them)`);
    const type = yaml.oneOf(node, 'type', CHART_TYPES) ?? (node.has('type') ? undefined : yaml.fail(node, '`type` is required'));
    if (indicator === undefined || type === undefined) return undefined;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (TYPE_KEYS[type].includes(key) || ['indicator', 'type', 'title', 'description', 'params'].includes(key)) continue;
      if (CHART_KEYS.includes(key)) yaml.fail(pair.key as Node, `\`${key}\` does not apply to a ${type} chart (it takes ${TYPE_KEYS[type].join(', ')})`);
    }
    const takes = new Set(indicator.params.map((p) => p.name));
    const params: Record<string, string | number> = {};
    const paramsNode = yaml.node(node, 'params');
    if (paramsNode !== undefined) {
      if (!isMap(paramsNode)) yaml.fail(paramsNode, '`params` maps parameter names to values, e.g. `params: { window: 90 }`');
      else
        for (const pair of paramsNode.items) {
          const name = isScalar(pair.key) ? String(pair.key.value) : '';
          const value = isScalar(pair.value) ? pair.value.value : undefined;
          if (STANDARD.has(name)) yaml.fail(pair.key as Node, `\`${name}\` is set by the report itself; \`params\` takes the indicator's own parameters`);
          else if (!takes.has(name)) yaml.fail(pair.key as Node, `indicator ${indicator.id} has no parameter \`${name}\` (it takes ${[...takes].filter((p) => !STANDARD.has(p)).join(', ') || 'none of its own'})`);
          else if (typeof value !== 'string' && typeof value !== 'number') yaml.fail(pair.value as Node, `parameter \`${name}\` takes a number or a string`);
          else params[name] = value;
        }
    }
    if (type === 'line' && !takes.has('period') && !node.has('period')) {
      yaml.fail(node, `indicator ${indicator.id} has no \`period\` parameter: say which period its rows are with \`period: ${PERIODS.join('|')}\``);
    }
    scopeRules(node, type, indicator);
    const band = fieldList(node, 'band');
    if (node.has('band') && band.length !== 2) yaml.fail(yaml.node(node, 'band'), '`band` names two columns, low and high, e.g. `band: { p15: 15th percentile, p85: 85th percentile }`');
    const sortText = yaml.text(node, 'sort');
    return {
      indicator,
      type,
      title: yaml.text(node, 'title'),
      description: yaml.text(node, 'description'),
      params,
      fields: fieldList(node, type === 'line' ? 'fields' : 'columns'),
      band: band.length === 2 ? [band[0] as FieldDefinition, band[1] as FieldDefinition] : undefined,
      period: yaml.oneOf(node, 'period', PERIODS),
      panels: yaml.integer(node, 'panels', { min: 0 }),
      category: oneField(node, 'category'),
      x: oneField(node, 'x'),
      y: oneField(node, 'y'),
      value: oneField(node, 'value'),
      limit: yaml.integer(node, 'limit', { min: 1 }),
      sort: sortText === undefined ? undefined : { field: sortText.replace(/^-/, ''), descending: sortText.startsWith('-') },
      total: totalLabel(node),
      n: oneField(node, 'n'),
      since: yaml.oneOf(node, 'since', SINCE),
      origin: yaml.at(node),
    };
  };

  /** `total: Label` (or `total: true`, labelled All projects). */
  const totalLabel = (map: YAMLMap): string | undefined => {
    const node = yaml.node(map, 'total');
    if (node === undefined) return undefined;
    if (isScalar(node) && node.value === true) return 'All projects';
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
    return yaml.fail(node, '`total` takes the label of the all-projects figure, e.g. `total: All projects`');
  };

  /** What a chart may do on its page's scope, and what its indicator must allow. */
  const scopeRules = (node: YAMLMap, type: ChartType, indicator: Indicator): void => {
    const takesFrom = indicator.params.some((p) => p.name === 'from');
    if (type === 'distribution' && page.scope !== 'groups') yaml.fail(node, 'a distribution chart compares groups of projects: it goes on a `scope: groups` page');
    if (node.has('total') && page.scope !== 'overview') yaml.fail(yaml.node(node, 'total'), '`total` adds the all-projects figure to an overview chart; a groups page shows it anyway');
    if (node.has('since') && !takesFrom) yaml.fail(yaml.node(node, 'since'), `indicator ${indicator.id} has no \`from\` parameter, so it cannot count since joining`);
    const grouped = page.scope === 'groups' || node.has('total');
    if (grouped && indicator.groups === 'no' && !node.has('since')) {
      yaml.fail(node, `indicator ${indicator.id} does not count groups of projects (\`-- groups: no\`), so it has no group or all-projects figure`);
    }
    if (page.scope === 'groups' && (type === 'heatmap' || type === 'facts')) yaml.fail(node, `a groups page compares groups and projects: a ${type} chart has no place there (distribution, bar, line or table)`);
  };

  yaml.checkKeys(root, PAGE_KEYS, 'a report definition');
  page.title = yaml.text(root, 'title', true) ?? id;
  page.scope = yaml.oneOf(root, 'scope', SCOPES) ?? (root.has('scope') ? 'overview' : (yaml.fail(root, '`scope` is required: overview, project or groups') ?? 'overview'));
  page.order = yaml.integer(root, 'order', { min: 0 }) ?? 100;
  page.intro = yaml.text(root, 'intro');
  const sections = yaml.node(root, 'sections');
  if (!isSeq(sections) || sections.items.length === 0) yaml.fail(sections ?? root, '`sections` must be a list of `- title: … charts: [...]`');
  else
    for (const item of sections.items as Node[]) {
      if (!isMap(item)) {
        yaml.fail(item, 'a section is a mapping with `title` and `charts`');
        continue;
      }
      yaml.checkKeys(item, SECTION_KEYS, 'a section');
      const charts = yaml.node(item, 'charts');
      if (!isSeq(charts) || charts.items.length === 0) yaml.fail(charts ?? item, '`charts` must be a list of `- indicator: … type: …`');
      page.sections.push({
        title: yaml.text(item, 'title', true) ?? '',
        intro: yaml.text(item, 'intro'),
        charts: isSeq(charts) ? (charts.items as Node[]).flatMap((c) => chart(c) ?? []) : [],
      });
    }
  if (yaml.problems.length > 0) throw rejected();
  return page;
}

/** A path relative to the current directory when it is inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

async function yamlFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch (error) {
    throw new UserError(`cannot read the report definitions in ${dir}: ${errorMessage(error)}`, EXIT_USAGE);
  }
}

/**
 * The report's pages: the package's reports/*.yaml, then the files of `extraDir` (the
 * config's `reports:` folder), a file there replacing the package's one of the same name.
 * Overview pages first, then by `order` and id. Messages name the files relative to `cwd`.
 */
export async function loadDefinitions(extraDir: string | undefined, cwd: string = process.cwd(), queriesDir: string = QUERIES_DIR): Promise<PageDefinition[]> {
  const files = new Map<string, string>();
  for (const dir of [REPORTS_DIR, ...(extraDir === undefined ? [] : [extraDir])]) {
    for (const name of await yamlFiles(dir)) files.set(name.replace(/\.ya?ml$/, ''), path.join(dir, name));
  }
  const texts = await Promise.all([...files].map(async ([id, file]) => ({ id, file, text: await readFile(file, 'utf8') })));
  const indicators = new Map((await listIndicators(queriesDir)).map((i) => [i.id, i]));
  const problems: string[] = [];
  const pages: PageDefinition[] = [];
  for (const { id, file, text } of texts) {
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(id)) {
      problems.push(`${file}:1: a report definition's file name must be lower case letters, digits, - and _ (it names the page)`);
      continue;
    }
    try {
      pages.push(parseDefinition(text, displayPath(file, cwd), id, indicators));
    } catch (error) {
      problems.push(errorMessage(error));
    }
  }
  if (problems.length === 0 && !pages.some((p) => p.scope === 'overview')) problems.push(`no report definition has \`scope: overview\`: the site needs one for its index.html`);
  if (problems.length > 0) throw new UserError(`problems in the report definitions:\n${problems.join('\n')}`, EXIT_USAGE);
  // Overview pages first (the first is index.html), then the groups pages, then the project pages.
  const rank: Record<Scope, number> = { overview: 0, groups: 1, project: 2 };
  return pages.sort((a, b) => rank[a.scope] - rank[b.scope] || a.order - b.order || a.id.localeCompare(b.id));
}
