import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderIndicatorDocs } from '../../src/indicators/docs.js';
import { listIndicators, parseIndicator, QUERIES_DIR } from '../../src/indicators/load.js';

describe('docs/indicators.md', () => {
  it('is what the headers of queries/*.sql make (run `npm run docs` after changing one)', async () => {
    const committed = await readFile(path.join(QUERIES_DIR, '..', 'docs', 'indicators.md'), 'utf8');
    expect(committed).toBe(renderIndicatorDocs(await listIndicators()));
  });

  it('documents an own parameter with its type and default', () => {
    const indicator = parseIndicator('-- title: T\n-- description: D d d.\n-- unit: people\n-- chart: line\n-- params: window INTEGER = 365, as_of\nSELECT $window, $as_of', 'q/x.sql', 'x');
    const text = renderIndicatorDocs([indicator]);
    expect(text).toContain('## `x` — T\n\nD d d.\n\n- unit: people; chart: line\n- parameters: `window`, `as_of`\n- `--param window=…` (INTEGER, default 365)\n');
  });
});
