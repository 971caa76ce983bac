import { STANDARD_PARAMS, type Indicator } from './load.js';

const STANDARD_MEANING: Record<string, string> = {
  projects: 'only these projects (`--project`); all of them, side by side, when not given',
  repos: 'only these repositories (`--repo`)',
  period: 'the period of a time series: day, week (ISO, Monday), month, quarter or year (`--period`, default month); buckets are UTC',
  from: 'events from this instant on (`--from`, inclusive)',
  to: 'events before this instant (`--to`, exclusive)',
  as_of: 'the instant the figures are computed for (`--as-of`, default now): nothing after it counts',
};

/**
 * The indicator reference (docs/indicators.md), made from the headers of queries/*.sql so that
 * the documentation and the SQL never drift apart. Pure.
 */
export function renderIndicatorDocs(indicators: readonly Indicator[]): string {
  const lines = [
    '# Indicators',
    '',
    'Generated from the headers of `queries/*.sql` by `npm run docs`; do not edit by hand. The',
    'definitions follow ../shared/design/INDICATORS.md. Run one with',
    '`cdstats query <id> [--project NAME…|all] [--period P] [--from D] [--to D] [--as-of D] [--param name=value]`,',
    'list them with `cdstats query --list`. Adding a file to `queries/` adds an indicator.',
    '',
    '## Standard parameters',
    '',
    '| name | type | meaning |',
    '|---|---|---|',
    ...Object.entries(STANDARD_PARAMS).map(([name, type]) => `| \`${name}\` | ${type} | ${STANDARD_MEANING[name] ?? ''} |`),
    '',
  ];
  for (const indicator of indicators) {
    const own = indicator.params.filter((p) => !(p.name in STANDARD_PARAMS));
    lines.push(`## \`${indicator.id}\` — ${indicator.title}`, '', indicator.description, '');
    lines.push(`- unit: ${indicator.unit}; chart: ${indicator.chart}`);
    lines.push(`- parameters: ${indicator.params.map((p) => `\`${p.name}\``).join(', ') || 'none'}`);
    if (indicator.sources.length > 0) lines.push(`- needs GitHub data: ${indicator.sources.map((s) => `\`${s}\``).join(', ')}`);
    for (const p of own) lines.push(`- \`--param ${p.name}=…\` (${p.type}, default ${p.default ?? 'none'})`);
    lines.push('');
  }
  return lines.join('\n');
}
