/**
 * The script of every report page (bundled into assets/report.js by scripts/build.mjs): draws
 * each chart from the inert JSON its figure carries, switches the period, fills the table
 * alternatives when opened, and offers each chart as SVG, PNG, Vega-Lite spec and CSV. Text
 * from the data only ever reaches the page through textContent and Vega's own text marks.
 */
import type { TopLevelSpec } from 'vega-lite';
import { PERIODS, chartTable, formatCell, toCsv, type Cell, type ChartPayload, type Field, type Period, type PeriodIndex } from '../model.js';
import { chartSpec } from '../specs.js';

interface View {
  toImageURL(type: 'svg' | 'png', scale?: number): Promise<string>;
}
interface Embedded {
  view: View;
  finalize(): void;
}
declare const vegaEmbed: (el: HTMLElement, spec: TopLevelSpec, options: object) => Promise<Embedded>;

function readJson<T>(element: Element | null, fallback: T): T {
  return element?.textContent ? (JSON.parse(element.textContent) as T) : fallback;
}

const periodIndex = readJson<PeriodIndex>(document.getElementById('page-periods'), {});
const pageName = document.body.dataset.name ?? 'chart';

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
  private table: { fields: Field[]; rows: Cell[][] } = { fields: [], rows: [] };
  period: Period;

  constructor(readonly figure: HTMLElement) {
    this.payload = readJson<ChartPayload | null>(figure.querySelector('script.chart-data'), null) ?? (() => { throw new Error(`chart ${figure.id} has no data`); })();
    this.target = figure.querySelector<HTMLElement>('.vega');
    this.period = this.payload.chart.type === 'line' ? this.payload.chart.period : 'month';
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

  private fileName(extension: string): string {
    const period = this.payload.chart.type === 'line' ? `-${this.period}` : '';
    return `${pageName}-${this.payload.chart.id}${period}.${extension}`;
  }

  private fillAlternative(): void {
    const table = this.figure.querySelector<HTMLTableElement>('details table');
    if (table && this.figure.querySelector('details')?.open) fillTable(table, this.table.fields, this.table.rows);
  }

  async draw(period: Period): Promise<void> {
    this.period = period;
    this.table = chartTable(this.payload, periodIndex, period);
    if (this.payload.chart.type === 'line') this.figure.dataset.period = period;
    this.fillAlternative();
    this.spec = chartSpec(this.payload.chart, this.table.fields, this.table.rows, period);
    if (this.spec === null || this.target === null) return;
    const target = this.target;
    this.embedded?.finalize();
    this.figure.dataset.state = 'drawing';
    try {
      this.embedded = await vegaEmbed(target, this.spec, { mode: 'vega-lite', renderer: 'svg', actions: false });
      this.figure.dataset.state = 'drawn';
    } catch (error) {
      target.textContent = `This chart could not be drawn (${error instanceof Error ? error.message : String(error)}); its data is in the table below.`;
      target.classList.add('failed');
      this.figure.dataset.state = 'failed';
      console.error(error);
    }
  }

  private async download(kind: string): Promise<void> {
    if (kind === 'csv') return saveText(this.fileName('csv'), 'text/csv;charset=utf-8', toCsv(this.table.fields, this.table.rows));
    if (kind === 'spec' && this.spec) return saveText(this.fileName('vl.json'), 'application/json', `${JSON.stringify(this.spec, null, 2)}\n`);
    if ((kind === 'svg' || kind === 'png') && this.embedded) return save(this.fileName(kind), await this.embedded.view.toImageURL(kind, kind === 'png' ? 2 : 1));
  }
}

const charts = [...document.querySelectorAll<HTMLElement>('figure[data-chart]')].map((figure) => new Chart(figure));
for (const chart of charts) void chart.draw(chart.period);

const form = document.querySelector<HTMLFormElement>('form.period-switch');
if (form) {
  form.hidden = false;
  form.addEventListener('change', () => {
    const chosen = new FormData(form).get('period');
    const period = PERIODS.find((p) => p === chosen);
    if (period === undefined) return;
    for (const chart of charts) if (chart.switchable) void chart.draw(period);
  });
}
