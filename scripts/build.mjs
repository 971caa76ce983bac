// The build after tsc: makes dist/bin/cdstats.js executable (what `npx cdstats` runs), bundles
// the report pages' script, and
// bundles the two CommonJS packages every command loads at start (the
// DuckDB client's JavaScript, about 190 files, and yaml, about 70) into one file each under
// dist/vendor. Loading one file instead of hundreds saves some 20 ms at each start, which is
// most of what a collect that finds nothing new costs. The native DuckDB library stays a
// package dependency, required at run time.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const bundles = [
  { entry: require.resolve('@duckdb/node-api'), out: 'duckdb.cjs' },
  { entry: require.resolve('yaml'), out: 'yaml.cjs' },
];
for (const { entry, out } of bundles) {
  await build({
    entryPoints: [entry],
    outfile: path.join(root, 'dist', 'vendor', out),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['@duckdb/node-bindings'],
    logLevel: 'warning',
  });
}
// The report pages' script: the page code with the chart model and spec builders it shares
// with Node, as one file the site serves itself (assets/report.js).
await build({
  entryPoints: [path.join(root, 'src', 'report', 'client', 'page.ts')],
  outfile: path.join(root, 'dist', 'report', 'page.js'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
await chmod(path.join(root, 'dist', 'bin', 'cdstats.js'), 0o755);
