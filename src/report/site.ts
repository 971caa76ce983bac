import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT_USAGE, UserError } from '../errors.js';
import { writeAssets } from './assets.js';
import type { SitePage } from './pages.js';

const GENERATOR = '<meta name="generator" content="cdstats">';

/**
 * True when `out` holds a site to replace. Refuses to replace anything but an empty folder
 * or a previous report (its index.html names cdstats as generator): `--out .` must not
 * wipe a project.
 */
async function hasSiteToReplace(out: string): Promise<boolean> {
  const info = await stat(out).catch(() => undefined);
  if (info === undefined) return false;
  if (!info.isDirectory()) throw new UserError(`${out} exists and is not a folder; choose another --out`, EXIT_USAGE);
  if ((await readdir(out)).length === 0) return true;
  const index = await readFile(path.join(out, 'index.html'), 'utf8').catch(() => '');
  if (!index.includes(GENERATOR)) {
    throw new UserError(`${out} is not empty and does not hold a cdstats report; choose another --out or remove the folder`, EXIT_USAGE);
  }
  return true;
}

/**
 * Builds a site in a sibling temporary folder with `write`, then swaps it into place: the
 * old site is renamed away, the new one renamed in, the old one deleted. If anything fails
 * the temporary folder is removed and the previous site is left as it was.
 */
export async function publishSite(out: string, write: (dir: string) => Promise<void>): Promise<void> {
  const replace = await hasSiteToReplace(out);
  const tmp = `${out}.tmp-${process.pid}`;
  const old = `${out}.old-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  try {
    await mkdir(tmp, { recursive: true });
    await write(tmp);
    if (replace) await rename(out, old);
    try {
      await rename(tmp, out);
    } catch (error) {
      if (replace) await rename(old, out);
      throw error;
    }
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  if (replace) await rm(old, { recursive: true, force: true });
}

/** Writes the pages and assets as one site at `out`, atomically replacing a previous one. */
export async function writeSite(out: string, pages: readonly SitePage[]): Promise<void> {
  await publishSite(out, async (dir) => {
    await writeAssets(dir);
    for (const page of pages) {
      const file = path.join(dir, page.path);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, page.content);
    }
  });
}
