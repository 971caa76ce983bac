import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STYLE } from './style.js';

/**
 * The page script bundled by the build (scripts/build.mjs): next to this module in dist/, or
 * in the package's dist/ when running from the sources (tests run after `npm run build`).
 */
function pageScript(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'page.js'), path.resolve(here, '../../dist/report/page.js')];
  const found = candidates.find((file) => existsSync(file));
  if (found === undefined) throw new Error(`the report page script is not built (looked for ${candidates.join(', ')}): run \`npm run build\``);
  return found;
}

/** The browser builds the site serves itself (no CDN): package name → file in that package. */
const LIBRARIES: readonly { name: string; file: string }[] = [
  { name: 'vega', file: 'build/vega.min.js' },
  { name: 'vega-lite', file: 'build/vega-lite.min.js' },
  { name: 'vega-embed', file: 'build/vega-embed.min.js' },
];

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
  await copyFile(pageScript(), path.join(dir, 'report.js'));
}
