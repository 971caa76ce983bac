import { STANDARD_PARAMS, type Grouping, type Indicator } from './load.js';

/** One macro or view of the SQL vocabulary (queries/staging/), as its comment describes it. */
export interface VocabularyEntry {
  name: string;
  /** `name(arguments)` for a macro, the name alone for a view. */
  signature: string;
  kind: 'macro' | 'table macro' | 'view';
  description: string;
}

const DEFINITION = /^CREATE OR REPLACE TEMP (MACRO|VIEW) ([a-z_]+)(\([^)]*\))?(\s+AS\s+TABLE)?/;

/**
 * The entries of a staging file: each `CREATE OR REPLACE TEMP MACRO|VIEW` with the comment
 * lines right above it. Pure.
 */
export function parseVocabulary(sql: string): VocabularyEntry[] {
  const entries: VocabularyEntry[] = [];
  let comment: string[] = [];
  for (const line of sql.split(/\r?\n/)) {
    const match = DEFINITION.exec(line);
    if (match) {
      const [, what = '', name = '', args, table] = match;
      const kind = what === 'VIEW' ? 'view' : table ? 'table macro' : 'macro';
      entries.push({ name, signature: `${name}${args ?? ''}`, kind, description: comment.join(' ') });
    }
    comment = line.startsWith('-- ') ? [...comment, line.slice(3).trim()] : [];
  }
  return entries;
}

const STANDARD_MEANING: Record<string, string> = {
  projects: 'the units to count, side by side: project names (`--project`), group names of the config and `all` for every project of the config (`--group`); every project, each for itself, when not given',
  repos: 'only these repositories (`--repo`)',
  period: 'the period of a time series: day, week (ISO, Monday), month, quarter or year (`--period`, default month); buckets are UTC',
  from: 'events from this instant on (`--from`, inclusive; `--from joined`: each project from its `joined` day, one run per project)',
  to: 'events before this instant (`--to`, exclusive)',
  as_of: 'the instant the figures are computed for (`--as-of`; default now for `cdstats query`, the end of the collected data for `cdstats report`): nothing after it counts',
};

/** What `-- groups:` says, as the reference writes it per indicator. */
export const GROUPING_MEANING: Record<Grouping, string> = {
  people: 'people: for a group, each person (or company) counts once, wherever in the group they contributed; firsts and lasts are anywhere in the group',
  items: 'items: for a group, each item counts once over the group\'s projects (a commit in two of its repositories once); percentiles are over all of them',
  no: 'no: not for a group (`--group` is an error); one row per project or repository',
};

/**
 * The indicator reference (docs/indicators.md), made from the headers of queries/*.sql so that
 * the documentation and the SQL never drift apart. Pure.
 */
export function renderIndicatorDocs(indicators: readonly Indicator[], vocabulary: readonly VocabularyEntry[]): string {
  const lines = [
    '# Indicators',
    '',
    'Generated from the headers of `queries/*.sql` and the comments of `queries/staging/*.sql` by',
    '`npm run docs`; do not edit by hand. Run one with',
    '`cdstats query <id> [--project NAME…|all] [--group NAME…|all] [--repo NAME…] [--repo-group NAME…] [--period P] [--from D|joined] [--to D] [--as-of D] [--param name=value]`,',
    'list them with `cdstats query --list` (`--long` for the whole definitions on a terminal) and show one with `cdstats query <id> --help`.',
    'Adding a file to `queries/` adds an indicator.',
    '',
    'Rules every indicator follows: bots are left out unless the indicator is about bots; a',
    'person is the result of identity resolution (emails and GitHub logins joined by mailmap,',
    'noreply addresses and GitHub account ids, GitHub commit logins, gitdm files and the config;',
    'never by name alone); emails that name a machine (no dot in the domain, localhost, *.local,',
    '*.internal, CI runners, containers) are the unknown identity, whose contributions count as',
    'contributions (commits, issues) but never as a person (`people_contributions`);',
    'buckets are UTC; nothing after `as_of` counts; a period that a GitHub source did not cover',
    'is missing (NULL), not 0; counts are exact; the same rows come back every time (ties are',
    'broken by a total order); a share or trend of fewer than `min_sample()` (10) people or items',
    'is NULL, with its n beside it. A company figure comes with its affiliation coverage: the share',
    'of the contributions by people (bots and the unknown identity in neither count) whose author',
    'had a known affiliation at that date, a company or Independent (unknown and NotFound are not',
    'known), with how many and of how many; under `min_coverage()` (50%) or on fewer than',
    '`min_sample()` contributions the figure is NULL, not representative.',
    '',
    'Besides `title`, `description`, `unit`, `chart` and `params`, a header may name `sources`',
    '(the GitHub sources its data comes from only), `sample` (the column holding the n behind a',
    "ratio's `value`, shown beside it in the report), `missing` (why `value` can be missing",
    'other than an uncollected source, which the report says instead of "not collected") and',
    '`coverage` (the columns of a company figure\'s affiliation coverage: share, known, n; the',
    'report shows them beside the figure and says "not representative" instead of ranking).',
    'Every indicator says in `groups` how it counts a group of projects (see below): `people`, `items` or `no`.',
    '',
    '## Groups of projects',
    '',
    'The config\'s `groups:` name sets of projects (a project may be in several); `all` is every',
    'project of the config. `cdstats query <id> --group NAME` (or `--group all`) counts a group as',
    'one unit, and its rows carry the group\'s name in the `project` column, beside projects asked',
    'with `--project` (a group never has a project\'s name, so the name says which it is; the',
    '`units` view and the `project_groups` table list them). In SQL, the `projects` parameter',
    'holds project and group names alike, and the vocabulary maps each contribution to the units',
    'asked (`scope_units`) before anything is counted, so a group\'s figures are counted, never',
    'summed from its projects\': a person active in three of its projects is one person, a new',
    'contributor is one whose first contribution anywhere in the group falls in the period, and',
    'a commit found in two of its repositories counts once (devstats\' "All"). A group\'s GitHub',
    'data counts as collected until its most recently read project\'s, as a project\'s does',
    'until its most recently read repository\'s.',
    '',
    '## Standard parameters',
    '',
    '| name | type | meaning |',
    '|---|---|---|',
    ...Object.entries(STANDARD_PARAMS).map(([name, type]) => `| \`${name}\` | ${type} | ${STANDARD_MEANING[name] ?? ''} |`),
    '',
  ];
  lines.push(
    '## The SQL vocabulary',
    '',
    'Indicators are written in these macros and views (`queries/staging/*.sql`), defined as',
    'temporary objects each time cdstats opens the database, so `cdstats query` can use them too.',
    '',
    '| name | kind | meaning |',
    '|---|---|---|',
    ...vocabulary.map((v) => `| \`${v.signature}\` | ${v.kind} | ${v.description.replaceAll('|', '\\|')} |`),
    '',
  );
  for (const indicator of indicators) {
    const own = indicator.params.filter((p) => !(p.name in STANDARD_PARAMS));
    lines.push(`## \`${indicator.id}\` — ${indicator.title}`, '', indicator.description, '');
    lines.push(`- unit: ${indicator.unit}; chart: ${indicator.chart}`);
    lines.push(`- groups: ${GROUPING_MEANING[indicator.groups]}`);
    lines.push(`- parameters: ${indicator.params.map((p) => `\`${p.name}\``).join(', ') || 'none'}`);
    if (indicator.sample !== null) lines.push(`- sample: \`${indicator.sample}\` is the n behind \`value\`, which is NULL when n is under the minimum sample (\`min_sample()\`, 10)`);
    if (indicator.coverage !== null) {
      const { share, known, n } = indicator.coverage;
      lines.push(`- coverage: \`${share}\` is the share of the \`${n}\` contributions by people whose author had a known affiliation (\`${known}\` of them); under \`min_coverage()\` (50%), or with \`${n}\` under \`min_sample()\` (10), the company figures are not representative: a single figure is NULL, and the report ranks no company`);
    }
    if (indicator.missing !== null) lines.push(`- when \`value\` is missing: ${indicator.missing}`);
    if (indicator.sources.length > 0) lines.push(`- needs GitHub data: ${indicator.sources.map((s) => `\`${s}\``).join(', ')}`);
    for (const p of own) lines.push(`- \`--param ${p.name}=…\` (${p.type}, default ${p.default ?? 'none'})`);
    lines.push('');
  }
  return lines.join('\n');
}
