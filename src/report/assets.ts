import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { STYLE } from './style.js';

/** The browser builds the site serves itself (no CDN): package name → file in that package. */
const LIBRARIES: readonly { name: string; file: string }[] = [
  { name: 'vega', file: 'build/vega.min.js' },
  { name: 'vega-lite', file: 'build/vega-lite.min.js' },
  { name: 'vega-embed', file: 'build/vega-embed.min.js' },
];

/**
 * Draws every `[data-spec]` element from the inert JSON it names. A chart that fails says
 * so in place; its data table stays readable below it.
 */
const SCRIPT = `'use strict';
for (const el of document.querySelectorAll('[data-spec]')) {
  const spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
  vegaEmbed(el, spec, {
    mode: 'vega-lite',
    renderer: 'svg',
    downloadFileName: el.id,
    actions: { export: true, source: false, compiled: false, editor: false },
  }).catch((error) => {
    el.textContent = 'This chart could not be drawn (' + error.message + '); its data table is below.';
    el.classList.add('failed');
    console.error(error);
  });
}
`;

const require = createRequire(import.meta.url);

/**
 * The folder of an installed package, found from its entry point the way Node resolves it
 * (so it works from src/, from dist/ and inside an installed cdstats); the packages'
 * `exports` do not expose their build/ files or package.json directly.
 */
async function packageDir(name: string): Promise<string> {
  const entry = require.resolve(name);
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest !== undefined && (JSON.parse(manifest) as { name?: string }).name === name) return dir;
  }
  throw new Error(`cannot find the folder of package ${name} (resolved to ${entry})`);
}

/** Writes assets/ into the site folder: the vega libraries, the stylesheet and report.js. */
export async function writeAssets(siteDir: string): Promise<void> {
  const dir = path.join(siteDir, 'assets');
  await mkdir(dir, { recursive: true });
  for (const library of LIBRARIES) {
    await copyFile(path.join(await packageDir(library.name), library.file), path.join(dir, path.basename(library.file)));
  }
  await writeFile(path.join(dir, 'report.css'), STYLE);
  await writeFile(path.join(dir, 'report.js'), SCRIPT);
}
