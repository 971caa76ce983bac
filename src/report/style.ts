/** assets/report.css: one small stylesheet, readable from phone to desktop. */
export const STYLE = `:root {
  --fg: #1f2328;
  --muted: #59636e;
  --line: #d1d9e0;
  --stripe: #f6f8fa;
  --link: #0550ae;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.5;
  color: var(--fg);
  background: #fff;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--link); }
header.site { border-bottom: 1px solid var(--line); padding: 0.6rem 1rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; align-items: baseline; }
header.site a { color: inherit; text-decoration: none; }
header.site .home { font-weight: 600; }
header.site nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.95rem; }
header.site nav a { color: var(--link); }
header.site nav a[aria-current] { color: inherit; font-weight: 600; }
nav.tabs, nav.toc { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.9rem; margin: 0.5rem 0 1rem; }
nav.tabs a[aria-current] { color: inherit; font-weight: 600; text-decoration: none; }
main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1.25rem 0 0.25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
.lead, .note, .crumbs, .empty, figcaption, footer { color: var(--muted); }
.crumbs { margin: 1rem 0 0; font-size: 0.9rem; }
.note { font-size: 0.85rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; background: var(--stripe); padding: 0.1em 0.3em; border-radius: 4px; }
figure { margin: 0 0 2.5rem; min-width: 0; }
h3 { font-size: 1rem; margin: 0 0 0.5rem; }
.period-switch { position: sticky; top: 0; z-index: 2; background: #fff; padding: 0.4rem 0; margin: 0.5rem 0 0; border-bottom: 1px solid var(--line); }
.period-switch fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: center; }
.period-switch legend { float: left; margin-right: 0.5rem; color: var(--muted); font-size: 0.9rem; }
.period-switch label { cursor: pointer; white-space: nowrap; }
.project-filter { margin: 0.5rem 0 0; font-size: 0.9rem; }
.project-filter fieldset { border: 0; padding: 0.25rem 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: center; }
.project-filter legend { color: var(--muted); padding: 0; margin-bottom: 0.25rem; }
.project-filter label { cursor: pointer; overflow-wrap: anywhere; max-width: 100%; }
.downloads { font-size: 0.85rem; color: var(--muted); margin: 0.25rem 0; display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
.downloads[hidden] { display: none; }
.downloads button, .project-filter button { font: inherit; color: var(--link); background: var(--stripe); border: 1px solid var(--line); border-radius: 4px; padding: 0.15rem 0.5rem; cursor: pointer; }
.downloads button:hover, .downloads button:focus-visible, .project-filter button:hover, .project-filter button:focus-visible { border-color: var(--link); }
.trend-up { color: #1a7f37; }
.trend-down { color: #b42318; }
.status-collected { color: #1a7f37; }
.status-failed { color: #b42318; }
.sources, .intro { max-width: 48rem; }
.sources { font-size: 0.9rem; color: var(--muted); }
dl.definitions dt { font-weight: 600; margin-top: 1rem; }
dl.definitions dd { margin: 0.25rem 0 0; max-width: 48rem; }
dl.definitions dd p { margin: 0 0 0.25rem; }
.vega { width: 100%; }
/* vega-embed reserves a 38px column for its menu button; on a phone the plot needs it more. */
.vega.vega-embed.has-actions { padding-right: 0; }
.vega.failed { color: #b42318; }
figcaption { font-size: 0.9rem; margin: 0.25rem 0 0.5rem; max-width: 48rem; }
details summary { cursor: pointer; font-size: 0.9rem; color: var(--link); }
details .table-wrap { max-height: 24rem; overflow-y: auto; margin-top: 0.5rem; }
details thead th { position: sticky; top: 0; background: #fff; }
.table-wrap { overflow-x: auto; margin-bottom: 1rem; }
table { border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0 0.5rem; }
th, td { padding: 0.35rem 0.75rem 0.35rem 0; text-align: left; border-bottom: 1px solid var(--line); white-space: nowrap; vertical-align: top; }
th { font-weight: 600; white-space: normal; vertical-align: bottom; min-width: 4.5rem; }
td:first-child, th:first-child { white-space: normal; overflow-wrap: anywhere; min-width: 7rem; }
.num { text-align: right; }
footer { margin-top: 3rem; font-size: 0.85rem; }
footer p { border-top: 1px solid var(--line); padding-top: 1rem; }
.maturity { display: inline-block; font-size: 0.75rem; line-height: 1.3; color: var(--muted); border: 1px solid var(--line); border-radius: 999px; padding: 0 0.45em; vertical-align: 0.1em; white-space: nowrap; }
ul.groups { margin: 0.25rem 0 0.75rem; padding-left: 1.25rem; }
caption .window { display: block; font-weight: 400; color: var(--muted); font-size: 0.85rem; }
th[scope="row"] { font-weight: 600; text-align: left; }
/* A groups page's chart and its table: side by side where there is room, the table below otherwise. */
.beside { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.5rem 1.5rem; align-items: start; }
@media (min-width: 70rem) { .beside { grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr); } }
.beside table { font-size: 0.85rem; }
.beside th, .beside td { padding-right: 0.6rem; }
.facts { display: flex; flex-wrap: wrap; gap: 0.75rem 2rem; margin: 1rem 0; }
.facts dt { color: var(--muted); font-size: 0.85rem; }
.facts dd { margin: 0; font-size: 1.15rem; font-weight: 600; font-variant-numeric: tabular-nums; }
@media (max-width: 40rem) {
  h1 { font-size: 1.35rem; }
  table { font-size: 0.85rem; }
}
`;
