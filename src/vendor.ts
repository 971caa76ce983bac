import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vendor = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'vendor');

/**
 * Loads a CommonJS package from its one-file bundle in dist/vendor (made by the build, see
 * scripts/build.mjs), or from node_modules when running from the sources (tests).
 */
export function requireBundled<T>(name: string, bundle: string): T {
  const file = path.join(vendor, bundle);
  return (existsSync(file) ? require(file) : require(name)) as T;
}
