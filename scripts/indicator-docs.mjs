// `npm run docs`: writes docs/indicators.md from the headers of queries/*.sql (a test checks
// that the committed file is up to date).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseVocabulary, renderIndicatorDocs } from '../dist/indicators/docs.js';
import { listIndicators } from '../dist/indicators/load.js';
import { stagingFiles } from '../dist/store/vocabulary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await writeFile(path.join(root, 'docs', 'indicators.md'), renderIndicatorDocs(await listIndicators(), stagingFiles().flatMap((f) => parseVocabulary(f.sql))));
