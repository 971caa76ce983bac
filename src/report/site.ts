import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Log } from '../log.js';
import { writeAssets } from './assets.js';
import type { SitePage } from './pages.js';
import { publishSite } from './publish.js';

/** Writes the pages and assets as one site at `out`, atomically replacing a previous one. */
export async function writeSite(out: string, pages: readonly SitePage[], log: Log): Promise<void> {
  await publishSite(
    out,
    async (dir) => {
      await writeAssets(dir);
      for (const page of pages) {
        const file = path.join(dir, page.path);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, page.content);
      }
    },
    { log },
  );
}
