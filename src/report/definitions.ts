import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Origin } from '../config/types.js';
import { EXIT_USAGE, UserError, errorMessage } from '../errors.js';
import { listIndicators, QUERIES_DIR, type Indicator } from '../indicators/load.js';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from '../config/yaml.js';
import { FORMATS, PERIODS, type Format, type Period } from './model.js';

/** The package's reports/ folder: two levels up from src/report/ and from dist/report/. */
export const REPORTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reports');

export const CHART_TYPES = ['line', 'bar', 'heatmap', 'table', 'facts'] as const;
export type ChartType = (typeof CHART_TYPES)[number];
export const SCOPES = ['overview', 'project'] as const;
/** `overview`: one page comparing every project; `project`: one page per project. */
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
  /** Values of the indicator's own parameters (`window`, `kind`, `top`…). */
  params: Record<string, string | number>;
  /** line: the lines (default `value`); table and facts: the columns (default: all). */
  fields: FieldDefinition[];
  /** line: a shaded band between two columns (project pages). */
  band: [FieldDefinition, FieldDefinition] | undefined;
  /** line: the period shown first, or the fixed period of an indicator without a `period` parameter. */
  period: Period | undefined;
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
const CHART_KEYS = ['indicator', 'type', 'title', 'params', 'fields', 'columns', 'band', 'period', 'category', 'x', 'y', 'value', 'limit', 'sort'];
/** Which keys each chart type reads. */
const TYPE_KEYS: Record<ChartType, string[]> = {
  line: ['fields', 'band', 'period'],
  bar: ['category', 'value', 'limit', 'sort'],
  heatmap: ['x', 'y', 'value'],
  table: ['columns', 'limit', 'sort'],
  facts: ['columns'],
};
const STANDARD = new Set(['projects', 'repos', 'period', 'from', 'to', 'as_of']);

/**
 * Parses one report definition (a reports/*.yaml file). Every problem is reported at once with
 * its file:line. `indicators` holds every indicator a definition may name, by id.
 */
export function parseDefinition(text: string, file: string, id: string, indicators: ReadonlyMap<string, Indicator>): PageDefinition {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: string[] = [];
  const at = (node: Node | null | undefined): Origin => ({ file, line: node?.range ? lineCounter.linePos(node.range[0]).line : 1 });
  const fail = (node: Node | null | undefined, message: string): undefined => {
    problems.push(`${file}:${at(node).line}: ${message}`);
    return undefined;
  };
  for (const error of doc.errors) problems.push(`${file}:${lineCounter.linePos(error.pos[0]).line}: ${error.message.split('\n')[0] ?? error.message}`);
  const page: PageDefinition = { id, title: id, scope: 'overview', order: 100, intro: undefined, sections: [], file };
  const root = doc.contents;
  if (problems.length === 0 && !isMap(root)) fail(root, 'a report definition is a mapping with `title`, `scope` and `sections`');
  if (problems.length > 0 || !isMap(root)) throw new UserError(problems.join('\n'), EXIT_USAGE);

  const known = (map: YAMLMap, keys: readonly string[], where: string) => {
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!keys.includes(key)) fail(pair.key as Node, `unknown key \`${key}\` in ${where} (known: ${keys.join(', ')})`);
    }
  };
  const text_ = (map: YAMLMap, key: string, required = false): string | undefined => {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) return required ? fail(map, `\`${key}\` is required`) : undefined;
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') return fail(node, `\`${key}\` must be a non-empty string`);
    return node.value.trim();
  };
  const integer = (map: YAMLMap, key: string, min: number): number | undefined => {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) return undefined;
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value) || node.value < min) return fail(node, `\`${key}\` must be a whole number of at least ${min}`);
    return node.value;
  };
  const oneOf = <T extends string>(map: YAMLMap, key: string, values: readonly T[]): T | undefined => {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) return undefined;
    if (!isScalar(node) || !values.includes(node.value as T)) return fail(node, `\`${key}\` must be one of ${values.join(', ')}`);
    return node.value as T;
  };
  /** `label` or `{ label: …, format: … }`, the value of one column in a mapping. */
  const fieldValue = (field: string, node: Node | null, keyNode: Node): FieldDefinition => {
    const origin = at(keyNode);
    if (node === null || (isScalar(node) && node.value === null)) return { field, label: undefined, format: undefined, origin };
    if (isScalar(node) && typeof node.value === 'string') return { field, label: node.value, format: undefined, origin };
    if (isMap(node)) {
      known(node, ['label', 'format'], `column \`${field}\``);
      return { field, label: text_(node, 'label'), format: oneOf(node, 'format', FORMATS), origin };
    }
    fail(node, `column \`${field}\` takes a label or \`{ label: …, format: … }\``);
    return { field, label: undefined, format: undefined, origin };
  };
  /** `column: label` pairs, in order. */
  const fieldList = (map: YAMLMap, key: string): FieldDefinition[] => {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) return [];
    if (!isMap(node) || node.items.length === 0) {
      fail(node, `\`${key}\` maps column names to labels, e.g. \`${key}: { value: Contributors }\``);
      return [];
    }
    return node.items.map((pair) => fieldValue(isScalar(pair.key) ? String(pair.key.value) : String(pair.key), pair.value as Node | null, pair.key as Node));
  };
  /** A column name, or a one-entry `column: label` mapping. */
  const oneField = (map: YAMLMap, key: string): FieldDefinition | undefined => {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'string') return { field: node.value, label: undefined, format: undefined, origin: at(node) };
    const list = fieldList(map, key);
    if (list.length !== 1) return fail(node, `\`${key}\` names one column: \`${key}: column\` or \`${key}: { column: Label }\``);
    return list[0];
  };

  const chart = (node: Node): ChartDefinition | undefined => {
    if (!isMap(node)) return fail(node, 'a chart is a mapping with `indicator` and `type`');
    known(node, CHART_KEYS, 'a chart');
    const indicatorId = text_(node, 'indicator', true);
    const indicator = indicatorId === undefined ? undefined : indicators.get(indicatorId);
    if (indicatorId !== undefined && indicator === undefined) fail(node.get('indicator', true) as Node, `no indicator "${indicatorId}" in queries/ (cdstats query --list shows them)`);
    const type = oneOf(node, 'type', CHART_TYPES) ?? (node.has('type') ? undefined : fail(node, '`type` is required'));
    if (indicator === undefined || type === undefined) return undefined;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (TYPE_KEYS[type].includes(key) || ['indicator', 'type', 'title', 'params'].includes(key)) continue;
      if (CHART_KEYS.includes(key)) fail(pair.key as Node, `\`${key}\` does not apply to a ${type} chart (it takes ${TYPE_KEYS[type].join(', ')})`);
    }
    const takes = new Set(indicator.params.map((p) => p.name));
    const params: Record<string, string | number> = {};
    const paramsNode = node.get('params', true) as Node | undefined;
    if (paramsNode !== undefined) {
      if (!isMap(paramsNode)) fail(paramsNode, '`params` maps parameter names to values, e.g. `params: { window: 90 }`');
      else
        for (const pair of paramsNode.items) {
          const name = isScalar(pair.key) ? String(pair.key.value) : '';
          const value = isScalar(pair.value) ? pair.value.value : undefined;
          if (STANDARD.has(name)) fail(pair.key as Node, `\`${name}\` is set by the report itself; \`params\` takes the indicator's own parameters`);
          else if (!takes.has(name)) fail(pair.key as Node, `indicator ${indicator.id} has no parameter \`${name}\` (it takes ${[...takes].filter((p) => !STANDARD.has(p)).join(', ') || 'none of its own'})`);
          else if (typeof value !== 'string' && typeof value !== 'number') fail(pair.value as Node, `parameter \`${name}\` takes a number or a string`);
          else params[name] = value;
        }
    }
    if (type === 'line' && !takes.has('period') && !node.has('period')) {
      fail(node, `indicator ${indicator.id} has no \`period\` parameter: say which period its rows are with \`period: ${PERIODS.join('|')}\``);
    }
    const band = fieldList(node, 'band');
    if (node.has('band') && band.length !== 2) fail(node.get('band', true) as Node, '`band` names two columns, low and high, e.g. `band: { p15: 15th percentile, p85: 85th percentile }`');
    const sortText = text_(node, 'sort');
    return {
      indicator,
      type,
      title: text_(node, 'title'),
      params,
      fields: fieldList(node, type === 'line' ? 'fields' : 'columns'),
      band: band.length === 2 ? [band[0] as FieldDefinition, band[1] as FieldDefinition] : undefined,
      period: oneOf(node, 'period', PERIODS),
      category: oneField(node, 'category'),
      x: oneField(node, 'x'),
      y: oneField(node, 'y'),
      value: oneField(node, 'value'),
      limit: integer(node, 'limit', 1),
      sort: sortText === undefined ? undefined : { field: sortText.replace(/^-/, ''), descending: sortText.startsWith('-') },
      origin: at(node),
    };
  };

  known(root, PAGE_KEYS, 'a report definition');
  page.title = text_(root, 'title', true) ?? id;
  page.scope = oneOf(root, 'scope', SCOPES) ?? (root.has('scope') ? 'overview' : (fail(root, '`scope` is required: overview or project') ?? 'overview'));
  page.order = integer(root, 'order', 0) ?? 100;
  page.intro = text_(root, 'intro');
  const sections = root.get('sections', true) as Node | undefined;
  if (!isSeq(sections) || sections.items.length === 0) fail(sections ?? root, '`sections` must be a list of `- title: … charts: [...]`');
  else
    for (const item of sections.items as Node[]) {
      if (!isMap(item)) {
        fail(item, 'a section is a mapping with `title` and `charts`');
        continue;
      }
      known(item, SECTION_KEYS, 'a section');
      const charts = item.get('charts', true) as Node | undefined;
      if (!isSeq(charts) || charts.items.length === 0) fail(charts ?? item, '`charts` must be a list of `- indicator: … type: …`');
      page.sections.push({
        title: text_(item, 'title', true) ?? '',
        intro: text_(item, 'intro'),
        charts: isSeq(charts) ? (charts.items as Node[]).flatMap((c) => chart(c) ?? []) : [],
      });
    }
  if (problems.length > 0) throw new UserError(problems.join('\n'), EXIT_USAGE);
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
  return pages.sort((a, b) => (a.scope === b.scope ? 0 : a.scope === 'overview' ? -1 : 1) || a.order - b.order || a.id.localeCompare(b.id));
}
