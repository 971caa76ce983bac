import { lstat, mkdir, readFile, readdir, readlink, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_FS, publishSite, type PublishFs } from '../../src/report/publish.js';
import { tempDir } from '../helpers/git.js';

const GENERATOR = '<meta name="generator" content="cdstats">';

let root: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir: root, cleanup } = await tempDir('cdstats-publish-')));
afterAll(() => cleanup());

let folders = 0;
/** A fresh folder for one case, and the output path in it. */
async function place(): Promise<{ dir: string; out: string }> {
  const dir = path.join(root, `case-${++folders}`);
  await mkdir(dir);
  return { dir, out: path.join(dir, 'site') };
}

/** Writes a small site: an index naming its version, and a page in a subfolder naming it too. */
function site(version: string): (dir: string) => Promise<void> {
  return async (dir) => {
    await writeFile(path.join(dir, 'index.html'), `${GENERATOR}${version}`);
    await mkdir(path.join(dir, 'projects'));
    await writeFile(path.join(dir, 'projects', 'p.html'), version);
  };
}

/** The version of the complete site at `out`, or a description of what is wrong there. */
async function published(out: string): Promise<string> {
  const index = await readFile(path.join(out, 'index.html'), 'utf8').catch(() => 'no site');
  const page = await readFile(path.join(out, 'projects', 'p.html'), 'utf8').catch(() => 'no page');
  if (index === 'no site' && page === 'no page') return 'none';
  return index === `${GENERATOR}${page}` ? page : `incomplete: ${index} / ${page}`;
}

/** What is next to the output path and in its versions folder, but the site itself and its own version. */
async function leftovers(out: string): Promise<string[]> {
  const name = path.basename(out);
  const sites = `${out}.sites`;
  const current = await readlink(out).catch(() => '');
  const beside = (await readdir(path.dirname(out))).filter((n) => n !== name && n !== `${name}.sites`);
  const inside = (await readdir(sites).catch(() => [])).filter((n) => n !== '.gitignore' && path.join(`${name}.sites`, n) !== current);
  return [...beside, ...inside.map((n) => `${name}.sites/${n}`)];
}

const KILLED = 'killed';

/**
 * Node's file operations, but the process "dies" at the `at`-th change (mkdir, write, rename,
 * link, delete): that one and every operation after it fail, reads included, so what is on
 * disk afterwards is what a kill at that step leaves. Counts the changes made.
 */
function dyingFs(at: number): PublishFs & { changes: () => number } {
  let changes = 0;
  let dead = false;
  const change = () => {
    if (dead || changes >= at) {
      dead = true;
      throw new Error(KILLED);
    }
    changes++;
  };
  const read = () => {
    if (dead) throw new Error(KILLED);
  };
  return {
    changes: () => changes,
    lstat: async (p) => (read(), NODE_FS.lstat(p)),
    readdir: async (p) => (read(), NODE_FS.readdir(p)),
    readFile: async (p) => (read(), NODE_FS.readFile(p)),
    readlink: async (p) => (read(), NODE_FS.readlink(p)),
    realpath: async (p) => (read(), NODE_FS.realpath(p)),
    mkdir: async (p) => (change(), NODE_FS.mkdir(p)),
    writeFile: async (p, text) => (change(), NODE_FS.writeFile(p, text)),
    rename: async (from, to) => (change(), NODE_FS.rename(from, to)),
    symlink: async (target, p) => (change(), NODE_FS.symlink(target, p)),
    rm: async (p) => (change(), NODE_FS.rm(p)),
  };
}

/** The next run after a kill: the killed process (this one, in the test) no longer runs. */
const afterKill = { isRunning: () => false };

const failedBuild = async (): Promise<void> => Promise.reject(new Error('build failed'));

/** How many changes a publish makes from the state `prepare` leaves. */
async function stepsOf(prepare: (out: string) => Promise<void>): Promise<number> {
  const { out } = await place();
  await prepare(out);
  const counting = dyingFs(Number.MAX_SAFE_INTEGER);
  await publishSite(out, site('new'), { fs: counting });
  return counting.changes();
}

describe('publishing the site', () => {
  it('makes the output path a link to a versioned folder, swapped in one rename; the previous version is removed', async () => {
    const { out } = await place();
    await publishSite(out, site('one'));
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    const first = await readlink(out);
    expect(first).toMatch(/^site\.sites\/v\d+-\d+-\d+$/);
    await publishSite(out, site('two'));
    expect(await published(out)).toBe('two');
    expect(await readlink(out)).not.toBe(first);
    expect(await leftovers(out)).toEqual([]);
    // The versions folder keeps itself out of git.
    expect(await readFile(path.join(`${out}.sites`, '.gitignore'), 'utf8')).toBe('*\n');
  });

  it('moves a site of an earlier version (a real folder) into the versions folder and links the new one', async () => {
    const { out } = await place();
    await mkdir(out);
    await site('old')(out);
    await publishSite(out, site('new'));
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    expect(await published(out)).toBe('new');
    expect(await leftovers(out)).toEqual([]);
  });

  it('publishes into the folder a foreign link names, keeping the link', async () => {
    const { dir, out } = await place();
    const real = path.join(dir, 'www');
    await mkdir(real);
    await site('old')(real);
    await symlink('www', out);
    await publishSite(out, site('new'));
    expect(await readlink(out)).toBe('www');
    expect((await lstat(real)).isSymbolicLink()).toBe(true);
    expect(await published(out)).toBe('new');
  });

  const starts: [string, (out: string) => Promise<void>, RegExp][] = [
    ['no site yet', async () => {}, /^(new|none)$/],
    ['a published site', (out) => publishSite(out, site('old')), /^(old|new)$/],
    [
      'a site of an earlier version (a real folder)',
      async (out) => {
        await mkdir(out);
        await site('old')(out);
      },
      /^(old|new)$/,
    ],
  ];

  describe.each(starts)('killed at any step, from %s', (start, prepare, expected) => {
    it('leaves a complete site, which the next run keeps even if its build fails, and that run cleans up', async () => {
      const steps = await stepsOf(prepare);
      expect(steps).toBeGreaterThan(3);
      const gaps: number[] = [];
      for (let at = 0; at < steps; at++) {
        const { out } = await place();
        await prepare(out);
        // Killed while removing the previous version, the run has published: it ends as if it had not been killed.
        await publishSite(out, site('new'), { fs: dyingFs(at) }).catch((error: unknown) => expect(String(error)).toContain(KILLED));
        const after = await published(out);
        // Turning an earlier version's real folder into a link takes two renames: a kill between them leaves no site until the next run.
        if (after === 'none' && start.includes('real folder')) gaps.push(at);
        else expect([at, after]).toEqual([at, expect.stringMatching(expected)]);
        await expect(publishSite(out, failedBuild, afterKill)).rejects.toThrow('build failed');
        expect([at, await published(out)]).toEqual([at, expect.stringMatching(expected)]);
        await publishSite(out, site('next'), afterKill);
        expect([at, await published(out), await leftovers(out)]).toEqual([at, 'next', []]);
      }
      expect(gaps.length).toBeLessThanOrEqual(start.includes('real folder') ? 1 : 0);
    });
  });

  it('puts back the site an earlier version left aside when killed between its two renames, and removes its temporary folders', async () => {
    const { dir, out } = await place();
    await mkdir(path.join(dir, 'site.old-4242'));
    await site('old')(path.join(dir, 'site.old-4242'));
    await mkdir(path.join(dir, 'site.tmp-4242'));
    await writeFile(path.join(dir, 'site.tmp-4242', 'index.html'), 'half');
    await expect(publishSite(out, failedBuild, afterKill)).rejects.toThrow('build failed');
    expect(await published(out)).toBe('old');
    await publishSite(out, site('new'), afterKill);
    expect(await published(out)).toBe('new');
    expect(await leftovers(out)).toEqual([]);
  });

  it('leaves alone what a report still running writes', async () => {
    const { out } = await place();
    await publishSite(out, site('one'));
    await mkdir(path.join(`${out}.sites`, 'v1-999999-1.building'));
    await publishSite(out, site('two'), { isRunning: (pid) => pid === 999999 });
    expect(await leftovers(out)).toEqual(['site.sites/v1-999999-1.building']);
  });
});

describe('an output path that cannot be written', () => {
  it('says so, naming the path, when a part of it is a file', async () => {
    const { dir } = await place();
    await writeFile(path.join(dir, 'file'), 'not a folder');
    const out = path.join(dir, 'file', 'report');
    await expect(publishSite(out, site('new'))).rejects.toThrow(`cannot publish the report at ${out}: ${path.join(dir, 'file')} is a file, not a folder`);
  });

  it('says so, naming the path, when writing is refused or the disk is full', async () => {
    const { out } = await place();
    const refusing = (code: string): PublishFs => ({
      ...NODE_FS,
      mkdir: async (p) => Promise.reject(Object.assign(new Error(`${code}: mkdir '${p}'`), { code, path: p, syscall: 'mkdir' })),
    });
    await expect(publishSite(out, site('new'), { fs: refusing('EACCES') })).rejects.toThrow(`cannot publish the report at ${out}: permission denied (mkdir ${out}.sites)`);
    await expect(publishSite(out, site('new'), { fs: refusing('ENOSPC') })).rejects.toThrow(`cannot publish the report at ${out}: no space left on the device (mkdir ${out}.sites)`);
  });
});
