/**
 * HTML building blocks. Everything is escaped by default: the `html` template escapes each
 * interpolated string, and only SafeHtml (built by `html` itself) is inserted as is.
 */

/** Markup that is already safe to insert. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = string | number | SafeHtml | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name`; arrays are joined; null is empty. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, text, i) => out + render(values[i - 1]) + text));
}

/**
 * JSON for the content of a `<script type="application/json">` element: `<`, `>` and `&`
 * are escaped so no data can close the element or open a comment, and U+2028/U+2029 so the
 * text is also valid JavaScript. JSON.parse gives back exactly the original value.
 */
export function jsonForScript(value: unknown): SafeHtml {
  const json = JSON.stringify(value) ?? 'null';
  return new SafeHtml(json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** A link to an http(s) URL, or the text alone for anything else (a local path, `javascript:`). */
export function externalLink(url: string): SafeHtml {
  return /^https?:\/\//i.test(url) ? html`<a href="${url}" rel="noopener noreferrer">${url}</a>` : html`${url}`;
}

export interface Column<T> {
  label: string;
  cell: (row: T) => HtmlValue;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
}

/** A table that scrolls sideways on narrow screens instead of widening the page. */
export function table<T>(columns: readonly Column<T>[], rows: readonly T[], caption?: string): SafeHtml {
  const cls = (c: Column<T>) => (c.numeric ? html` class="num"` : '');
  return html`<div class="table-wrap"><table>${caption === undefined ? '' : html`<caption>${caption}</caption>`}
<thead><tr>${columns.map((c) => html`<th scope="col"${cls(c)}>${c.label}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`
<tr>${columns.map((c) => html`<td${cls(c)}>${c.cell(row)}</td>`)}</tr>`)}
</tbody></table></div>`;
}

export interface Page {
  /** The document title. */
  title: string;
  siteTitle: string;
  /** Relative path from the page to the site root: `` or `../`. */
  root: string;
  /** Load Vega (pages without drawn charts do not need it); the page script always loads. */
  charts: boolean;
  /** Names the page's downloads (`alpha-commits-month.csv`). */
  name: string;
  nav: SafeHtml;
  main: SafeHtml;
  footer: SafeHtml;
}

const CHART_SCRIPTS = ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js'];

/** The layout shared by every page: relative links only, so it works from file:// and any host. */
export function renderPage(page: Page): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cdstats">
<title>${page.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${page.root}assets/report.css">
${[...(page.charts ? CHART_SCRIPTS : []), 'report.js'].map((s) => html`<script src="${page.root}assets/${s}" defer></script>\n`)}</head>
<body data-name="${page.name}">
<header class="site"><a class="home" href="${page.root}index.html">${page.siteTitle}</a>${page.nav}</header>
<main>
${page.main}
</main>
<footer>${page.footer}</footer>
</body>
</html>
`.value;
}
