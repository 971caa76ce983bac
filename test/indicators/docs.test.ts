import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVocabulary, renderIndicatorDocs } from '../../src/indicators/docs.js';
import { listIndicators, parseIndicator, QUERIES_DIR } from '../../src/indicators/load.js';
import { stagingFiles } from '../../src/store/vocabulary.js';

describe('docs/indicators.md', () => {
  it('is what the headers of queries/*.sql make (run `npm run docs` after changing one)', async () => {
    const committed = await readFile(path.join(QUERIES_DIR, '..', 'docs', 'indicators.md'), 'utf8');
    expect(committed).toBe(renderIndicatorDocs(await listIndicators(), stagingFiles().flatMap((f) => parseVocabulary(f.sql))));
  });

  it('documents an own parameter with its type and default', () => {
    const indicator = parseIndicator('-- title: T\n-- description: D d d.\n-- unit: people\n-- chart: line\n-- groups: no\n-- params: window INTEGER = 365, as_of\nSELECT $window, $as_of', 'q/x.sql', 'x');
    const text = renderIndicatorDocs([indicator], []);
    expect(text).not.toContain('../');
    expect(text).toContain('## `x` — T\n\nD d d.\n\n- unit: people; chart: line\n- groups: no: not for a group (`--group` is an error); one row per project or repository\n- parameters: `window`, `as_of`\n- `--param window=…` (INTEGER, default 365)\n');
  });

  it('documents each macro and view of the vocabulary with the comment above it', () => {
    const sql = '-- Header of the file.\n\n-- Keeps a row\n-- of the scope.\nCREATE OR REPLACE TEMP MACRO in_scope(a, b VARCHAR[]) AS\n  true;\n\nCREATE OR REPLACE TEMP MACRO t(x) AS TABLE\n  SELECT 1;\n-- A view.\nCREATE OR REPLACE TEMP VIEW v AS SELECT 1;\n';
    expect(parseVocabulary(sql)).toEqual([
      { name: 'in_scope', signature: 'in_scope(a, b VARCHAR[])', kind: 'macro', description: 'Keeps a row of the scope.' },
      { name: 't', signature: 't(x)', kind: 'table macro', description: '' },
      { name: 'v', signature: 'v', kind: 'view', description: 'A view.' },
    ]);
  });

  it('documents every macro of queries/staging with a comment', () => {
    const entries = stagingFiles().flatMap((f) => parseVocabulary(f.sql));
    expect(entries.map((e) => e.name)).toContain('period_buckets');
    expect(entries.filter((e) => e.description === '').map((e) => e.name)).toEqual([]);
  });
});
