import type { IdentityQuality } from '../identity/quality.js';
import type { Indicator } from '../indicators/load.js';
import { formatInstant, utcTimestamp, type AsOf } from './as-of.js';
import type { Coverage, ReportData } from './data.js';
import { html, renderPage, table, type Column, type SafeHtml } from './html.js';
import { MIN_COVERAGE } from './coverage.js';
import { formatCell, MIN_SAMPLE } from './model.js';
import { SOURCE_LABEL, asOfBasis, footer, latest } from './parts.js';

/** An indicator the site shows, and the pages it is on (path or page kind → title). */
export interface IndicatorUse {
  indicator: Indicator;
  pages: Map<string, string>;
}

export interface AboutInput {
  title: string;
  asOf: AsOf;
  builtAt: Date;
  data: ReportData;
  uses: Iterable<IndicatorUse>;
  nav: SafeHtml;
  identity?: IdentityQuality;
}

const collectedLine = (at: Date | undefined) => (at === undefined ? 'Nothing was collected yet.' : `The data was last collected ${formatInstant(at)}.`);
const dash = (value: string | null) => value ?? '—';
const minute = (value: string | null) => (value === null ? '—' : formatInstant(utcTimestamp(value)));

/** How many contributions no person can be credited with, and how many people may be counted twice, with the command that fixes it. */
function identityNote(quality: IdentityQuality): SafeHtml {
  return html`<li>Emails that name a machine rather than a person (no dot in the domain, <code>localhost</code>, <code>*.local</code>, <code>*.internal</code>, CI runner and container host names) are one unknown identity: in the collected data ${quality.unknownEmails} such emails made ${quality.unknownContributions} contributions, which count as contributions but in no count of people.</li>
<li>Likely duplicate people remaining (the same name under different emails, which cdstats never joins by itself): ${quality.duplicatePairs} pairs. Review them with <code>cdstats people --duplicates</code>; <code>cdstats people --duplicates --mailmap FILE</code> writes the mailmap lines that merge them, to keep the right ones and list the file under <code>identity: mailmap:</code>.</li>`;
}

/**
 * "About the numbers": the definition of every indicator the site shows (from the query
 * headers), what was collected from where and up to when, and the as-of date. Pure.
 */
export function aboutPage(input: AboutInput): string {
  const columns: Column<Coverage>[] = [
    { label: 'Project', cell: (c) => c.project },
    { label: 'Repository', cell: (c) => c.repo },
    { label: 'Source', cell: (c) => SOURCE_LABEL[c.source] ?? c.source },
    { label: 'Status', cell: (c) => html`<span class="status status-${c.status.replace(/ /g, '-')}">${c.status}</span>` },
    { label: 'Data from', cell: (c) => dash(c.coveredFrom?.slice(0, 10) ?? null) },
    { label: 'Data until', cell: (c) => minute(c.dataUntil) },
    { label: 'Last collected', cell: (c) => minute(c.lastSuccessAt) },
    { label: 'Last problem', cell: (c) => dash(c.lastError) },
  ];
  const uses = [...input.uses].sort((a, b) => a.indicator.title.localeCompare(b.indicator.title));
  const main = html`<h1>About the numbers</h1>
<p class="lead">Every figure on this site is computed as of <strong>${input.asOf.label}</strong>, ${asOfBasis(input.asOf)}: nothing after that instant counts. ${collectedLine(latest(input.data.collectedAt.values()))} The site was built ${formatInstant(input.builtAt)}.</p>
<section>
<h2>How to read them</h2>
<ul class="notes">
<li>People are counted once however many emails and GitHub logins they use (mailmap files, GitHub noreply addresses and account ids, and commit logins join them, never names alone). Bots — dependabot, renovate, GitHub Actions, AI agents, and the accounts the configuration names, or a bot's name written on a commit — are left out of every count of people.</li>
${input.identity === undefined ? '' : identityNote(input.identity)}
<li>A contribution is a commit (authored or co-authored), a pull request opened, a review, a comment on an issue or pull request, or an issue opened. Companies come from the configuration's affiliation files, people and email domains, at the date of each contribution.</li>
<li>Company figures (companies, top companies, the elephant factor) count only the contributions whose author had a known company at that date, so each shows its <strong>affiliation coverage</strong> beside it: the share of the contributions by people (bots and machine identities in neither count) whose author's affiliation was known — a company, or Independent, known to work for no company; unknown and NotFound are not known — with how many there were. Under ${formatCell(MIN_COVERAGE, 'percent')} coverage, or on fewer than ${MIN_SAMPLE} contributions, a company figure is not representative: it is not shown (—), and companies are not ranked.</li>
<li>Periods are calendar weeks (from Monday), months, quarters and years in UTC. A period still running at the as-of instant is partial: its segment of a line is dashed, and its row in a chart's table and CSV says so. Retention leaves out a quarter whose next quarter is still running. Series are 0 in periods with nothing to count, and missing where the source was not collected.</li>
<li>Small samples: a share or trend of a few people swings from 0 to 100% on one person. Retention, retention by cohort and pull request acceptance give no value (—, no point on a chart) when fewer than ${MIN_SAMPLE} people or pull requests stand behind it, and the health trend needs ${MIN_SAMPLE} contributors in one of the two periods it compares; the n is shown beside each (in the table, the chart's tooltip and CSV).</li>
<li>By default a report is computed as of the end of the collected data, not the day it is built: data collected from a mirror that ends in August would otherwise show every project collapsing to 0 by December. <code>cdstats report --as-of</code> picks another instant; <code>cdstats query</code> computes as of now unless given <code>--as-of</code>.</li>
<li>Every chart can be downloaded as SVG, PNG, its Vega-Lite spec and its data as CSV, and every figure can be recomputed with <code>cdstats query &lt;id&gt;</code> on the same database.</li>
</ul>
</section>
<section>
<h2>What was collected</h2>
<p>Each repository and source: whether it was collected, the span of its data and when it was last read.</p>
${input.data.coverage.length === 0 ? html`<p class="empty">Nothing was collected yet: run <code>cdstats collect</code>.</p>` : table(columns, input.data.coverage, 'Coverage per repository and source')}
</section>
<section>
<h2>Definitions</h2>
<dl class="definitions">${uses.map(
    (u) => html`
<dt id="def-${u.indicator.id}">${u.indicator.title}</dt>
<dd><p>${u.indicator.description}</p><p class="note">Unit: ${u.indicator.unit} · <code>cdstats query ${u.indicator.id}</code> · on ${[...u.pages.values()].join(', ')}</p></dd>`,
  )}
</dl>
</section>`;
  return renderPage({ title: `About the numbers · ${input.title}`, siteTitle: input.title, root: '', charts: false, name: 'about', nav: input.nav, main, footer: footer(input.asOf, latest(input.data.collectedAt.values())) });
}
