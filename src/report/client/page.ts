/**
 * The script of every report page (bundled into assets/report.js by scripts/build.mjs): draws
 * each chart from the inert JSON its figure carries, keeps the view (period, projects shown) in
 * the URL and in the links to the other pages, fills the table alternatives when opened, and
 * offers each chart as SVG, PNG, Vega-Lite spec and CSV, captioned. Text from the data, and from
 * the URL, only ever reaches the page through textContent, input values and Vega's own text marks.
 */
import type { TopLevelSpec } from 'vega-lite';
import { PERIODS, chartTable, formatCell, selectGroups, selectProjects, toCsv, type Cell, type ChartPayload, type Field, type Period, type PeriodIndex } from '../model.js';
import { chartSpec, type CaptionContext } from '../specs.js';
import { linkWithState, readState, stateQuery, type Control, type ViewState } from './state.js';

interface VegaView {
  toImageURL(type: 'svg' | 'png', scale?: number): Promise<string>;
}
interface Embedded {
  view: VegaView;
  finalize(): void;
}
declare const vegaEmbed: (el: HTMLElement, spec: TopLevelSpec, options: object) => Promise<Embedded>;

function readJson<T>(element: Element | null, fallback: T): T {
  return element?.textContent ? (JSON.parse(element.textContent) as T) : fallback;
}

const periodIndex = readJson<PeriodIndex>(document.getElementById('page-periods'), {});
const captionContext = readJson<CaptionContext | null>(document.getElementById('page-context'), null);
const pageName = document.body.dataset.name ?? 'chart';

/** What the page's view controls say: the period of the time series, and the projects and groups shown (none: all). */
interface View {
  period: Period;
  projects: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

function save(name: string, href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

function saveText(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  save(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fillTable(table: HTMLTableElement, fields: readonly Field[], rows: readonly Cell[][]): void {
  const head = document.createElement('thead');
  const headRow = head.insertRow();
  for (const field of fields) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = field.label;
    headRow.append(th);
  }
  const body = document.createElement('tbody');
  for (const row of rows) {
    const tr = body.insertRow();
    fields.forEach((field, i) => {
      const td = tr.insertCell();
      td.textContent = formatCell(row[i] ?? null, field.format);
      if (typeof row[i] === 'number') td.className = 'num';
    });
  }
  table.replaceChildren(table.caption ?? '', head, body);
}

class Chart {
  private readonly payload: ChartPayload;
  private readonly target: HTMLElement | null;
  private embedded: Embedded | undefined;
  private spec: TopLevelSpec | null = null;
  /** The spec drawn, as text: a resize redraws only when the spec changes with the width. */
  private drawn = '';
  private drawing: Promise<void> = Promise.resolve();
  private table: { fields: Field[]; rows: Cell[][] } = { fields: [], rows: [] };
  private view: View | undefined;

  constructor(readonly figure: HTMLElement) {
    this.payload = readJson<ChartPayload | null>(figure.querySelector('script.chart-data'), null) ?? (() => { throw new Error(`chart ${figure.id} has no data`); })();
    this.target = figure.querySelector<HTMLElement>('.vega');
    const details = figure.querySelector('details');
    details?.addEventListener('toggle', () => this.fillAlternative());
    for (const button of figure.querySelectorAll<HTMLButtonElement>('button[data-download]')) {
      button.addEventListener('click', () => void this.download(button.dataset.download ?? '').catch((error: unknown) => console.error(error)));
    }
    figure.querySelector('.downloads')?.removeAttribute('hidden');
  }

  get switchable(): boolean {
    return this.payload.chart.type === 'line' && this.payload.chart.periods.length > 0;
  }

  /** The period this chart shows in a view: the view's when it switches, else its own. */
  private periodIn(view: View): Period {
    const chart = this.payload.chart;
    return chart.type !== 'line' ? 'month' : this.switchable ? view.period : chart.period;
  }

  private fileName(extension: string, period: Period): string {
    return `${pageName}-${this.payload.chart.id}${this.payload.chart.type === 'line' ? `-${period}` : ''}.${extension}`;
  }

  private fillAlternative(): void {
    const table = this.figure.querySelector<HTMLTableElement>('details table');
    if (table && this.figure.querySelector('details')?.open) fillTable(table, this.table.fields, this.table.rows);
  }

  /**
   * A table drawn by the page itself (overview rankings, a groups page's tables): the rows of the
   * projects or groups not shown are hidden; the all-projects row stays.
   */
  private hideRows(projects: ReadonlySet<string>, groups: ReadonlySet<string>): void {
    for (const tr of this.figure.querySelectorAll<HTMLTableRowElement>('tr[data-group]')) tr.hidden = groups.size > 0 && !groups.has(tr.dataset.group ?? '');
    const { data, chart } = this.payload;
    const rows = this.figure.querySelectorAll<HTMLTableRowElement>(':scope > .table-wrap > table > tbody > tr');
    if (data.kind !== 'table' || rows.length !== data.table.rows.length) return;
    const column = data.table.columns.indexOf('project');
    if (column < 0) return;
    data.table.rows.forEach((row, i) => {
      const tr = rows[i];
      if (tr !== undefined) tr.hidden = projects.size > 0 && !projects.has(String(row[column])) && String(row[column]) !== chart.total;
    });
  }

  /** Draws the chart for a view; again only when what it shows changes (a resize draws when the width changes the spec). */
  async draw(view: View): Promise<void> {
    const period = this.periodIn(view);
    this.view = view;
    const payload = selectProjects(selectGroups(this.payload, view.groups), view.projects);
    this.table = chartTable(payload, periodIndex, period);
    if (this.payload.chart.type === 'line') this.figure.dataset.period = period;
    this.hideRows(view.projects, view.groups);
    this.fillAlternative();
    const width = this.target?.clientWidth ?? 0;
    this.spec = chartSpec(payload.chart, this.table.fields, this.table.rows, period, {
      ...(captionContext === null ? {} : { caption: captionContext }),
      ...(width > 0 ? { width } : {}),
    });
    if (this.spec === null || this.target === null) return;
    const text = JSON.stringify(this.spec);
    if (text === this.drawn) return this.drawing;
    this.drawn = text;
    this.figure.dataset.state = 'drawing';
    const spec = this.spec;
    const target = this.target;
    // One drawing at a time, in order; one that a later view replaced before it began is skipped.
    this.drawing = this.drawing.then(() => (text === this.drawn ? this.embed(target, spec, text) : undefined));
    return this.drawing;
  }

  private async embed(target: HTMLElement, spec: TopLevelSpec, text: string): Promise<void> {
    this.embedded?.finalize();
    this.embedded = undefined;
    try {
      this.embedded = await vegaEmbed(target, spec, { mode: 'vega-lite', renderer: 'svg', actions: false });
      if (text === this.drawn) this.figure.dataset.state = 'drawn';
    } catch (error) {
      target.textContent = `This chart could not be drawn (${error instanceof Error ? error.message : String(error)}); its data is in the table below.`;
      target.classList.add('failed');
      this.figure.dataset.state = 'failed';
      console.error(error);
    }
  }

  /** Draws again at the container's new width, when that changes the spec (small multiples' columns, the caption's lines). */
  redraw(): void {
    if (this.view !== undefined && this.figure.dataset.state === 'drawn') void this.draw(this.view);
  }

  private async download(kind: string): Promise<void> {
    const period = this.view === undefined ? 'month' : this.periodIn(this.view);
    if (kind === 'csv') return saveText(this.fileName('csv', period), 'text/csv;charset=utf-8', toCsv(this.table.fields, this.table.rows));
    if (kind === 'spec' && this.spec) return saveText(this.fileName('vl.json', period), 'application/json', `${JSON.stringify(this.spec, null, 2)}\n`);
    if ((kind === 'svg' || kind === 'png') && this.embedded) return save(this.fileName(kind, period), await this.embedded.view.toImageURL(kind, kind === 'png' ? 2 : 1));
  }
}

/** The view controls of the page: each `form[data-view]`'s inputs, by name. */
function readControls(forms: readonly HTMLFormElement[]): Control[] {
  const controls = new Map<string, { multiple: boolean; values: string[]; initial: string[] }>();
  for (const input of forms.flatMap((form) => [...form.querySelectorAll<HTMLInputElement>('input[name]')])) {
    const control = controls.get(input.name) ?? { multiple: input.type === 'checkbox', values: [], initial: [] };
    controls.set(input.name, control);
    control.values.push(input.value);
    if (input.defaultChecked) control.initial.push(input.value);
  }
  return [...controls].map(([key, c]) => ({ key, ...c }));
}

const forms = [...document.querySelectorAll<HTMLFormElement>('form[data-view]')];
const controls = readControls(forms);
const charts = [...document.querySelectorAll<HTMLElement>('figure[data-chart]')].map((figure) => new Chart(figure));
/** The links to the site's other pages, as the page wrote them. */
const links = [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => ({ a, href: a.getAttribute('href') ?? '' })).filter(({ href }) => linkWithState(href, '') !== null);

/** The view a state shows. */
function viewOf(state: ViewState): View {
  const period = PERIODS.find((p) => p === state.get('period')?.[0]) ?? 'month';
  // Only a page with a project (group) filter narrows its charts; others carry the choice on.
  const chosen = (key: string) => new Set(controls.some((c) => c.key === key) ? (state.get(key) ?? []) : []);
  return { period, projects: chosen('project'), groups: chosen('group') };
}

/** Checks the inputs a state names, and says how many projects the filter shows. */
function showState(state: ViewState): void {
  for (const form of forms) {
    for (const input of form.querySelectorAll<HTMLInputElement>('input[name]')) input.checked = state.get(input.name)?.includes(input.value) ?? false;
    const shown = form.querySelector<HTMLElement>('[data-shown]');
    const boxes = form.querySelectorAll('input[type="checkbox"]').length;
    const checked = form.querySelectorAll('input[type="checkbox"]:checked').length;
    if (shown) shown.textContent = checked === 0 ? `all ${boxes}` : `${checked} of ${boxes}`;
  }
}

/** The URL and the links to other pages say the state; a browser that refuses (some do for file://) keeps the links. */
function publish(state: ViewState): void {
  const query = stateQuery(state, controls);
  for (const { a, href } of links) a.setAttribute('href', linkWithState(href, query) ?? href);
  try {
    if (location.search !== query) history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
  } catch (error) {
    console.info('the view is not kept in this URL:', error);
  }
}

/** The state the controls show now, with the keys the page carries on. */
function formState(previous: ViewState): ViewState {
  const state = new Map(previous);
  for (const control of controls) {
    const checked = forms.flatMap((form) => [...form.querySelectorAll<HTMLInputElement>('input[name]')]).filter((i) => i.name === control.key && i.checked).map((i) => i.value);
    state.set(control.key, checked);
  }
  return state;
}

/** Shows a state in the controls, the URL and the links, and draws the charts for it. */
function apply(next: ViewState): void {
  state = next;
  showState(state);
  publish(state);
  for (const chart of charts) void chart.draw(viewOf(state));
}

let state: ViewState = new Map();
apply(readState(location.search, controls));

for (const form of forms) {
  form.hidden = false;
  form.addEventListener('change', () => apply(formState(state)));
  form.querySelector('button[data-all]')?.addEventListener('click', () => {
    for (const input of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) input.checked = false;
    form.dispatchEvent(new Event('change'));
  });
}

let resizing: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => {
    for (const chart of charts) chart.redraw();
  }, 250);
});
