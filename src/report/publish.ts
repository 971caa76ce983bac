import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { EXIT_USAGE, UserError } from '../errors.js';
import { silentLog, type Log } from '../log.js';
import { isRunning } from '../pid.js';

const GENERATOR = '<meta name="generator" content="cdstats">';

/** The file operations of publishing: Node's, or in tests ones that fail at a chosen step. */
export interface PublishFs {
  lstat(file: string): Promise<{ isDirectory(): boolean; isSymbolicLink(): boolean; isFile(): boolean }>;
  readdir(dir: string): Promise<string[]>;
  readFile(file: string): Promise<string>;
  readlink(file: string): Promise<string>;
  realpath(file: string): Promise<string>;
  /** Creates the folder and its parents; nothing if it exists. */
  mkdir(dir: string): Promise<unknown>;
  writeFile(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  symlink(target: string, file: string): Promise<void>;
  /** Removes a file or a folder with its content; nothing if it is not there. */
  rm(file: string): Promise<void>;
}

export const NODE_FS: PublishFs = {
  lstat: (file) => nodeFs.lstat(file),
  readdir: (dir) => nodeFs.readdir(dir),
  readFile: (file) => nodeFs.readFile(file, 'utf8'),
  readlink: (file) => nodeFs.readlink(file),
  realpath: (file) => nodeFs.realpath(file),
  mkdir: (dir) => nodeFs.mkdir(dir, { recursive: true }),
  writeFile: (file, text) => nodeFs.writeFile(file, text),
  rename: (from, to) => nodeFs.rename(from, to),
  symlink: (target, file) => nodeFs.symlink(target, file),
  rm: (file) => nodeFs.rm(file, { recursive: true, force: true }),
};

export interface PublishOptions {
  fs?: PublishFs;
  /** Whether the report that wrote an entry of the versions folder still runs (its entries are then left alone). */
  isRunning?: (pid: number) => boolean | Promise<boolean>;
  log?: Log;
}

/**
 * The entries of `<out>.sites/`: `v<ms>-<pid>-<n>` a complete site, with `.building` while it
 * is written, `.link` for the link about to replace the output path, `.previous` for the real
 * folder an earlier cdstats published, moved aside.
 */
const ENTRY = /^v(\d+)-(\d+)-(\d+)(\.building|\.link|\.previous)?$/;
const COMPLETE = /^v(\d+)-\d+-(\d+)$/;
let sequence = 0;

const sitesOf = (out: string) => `${out}.sites`;
/** What the output link holds: relative, so the site survives moving or mounting the folder that holds both. */
const linkTarget = (out: string, version: string) => `${path.basename(out)}.sites/${version}`;

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

async function entries(fs: PublishFs, dir: string): Promise<string[]> {
  return fs.readdir(dir).catch((error: unknown) => (isCode(error, 'ENOENT') ? [] : Promise.reject(error)));
}

/** What is at the output path: nothing, our link (and the version it names), or a real folder holding a site. */
interface Output {
  out: string;
  current: string | undefined;
  folder: boolean;
}

/** Whether a folder holds a site cdstats wrote (its index.html names the generator). */
async function holdsReport(fs: PublishFs, dir: string): Promise<boolean> {
  return (await fs.readFile(path.join(dir, 'index.html')).catch(() => '')).includes(GENERATOR);
}

async function inspect(fs: PublishFs, out: string): Promise<Output> {
  const info = await fs.lstat(out).catch((error: unknown) => (isCode(error, 'ENOENT') ? undefined : Promise.reject(error)));
  if (info === undefined) return { out, current: undefined, folder: false };
  if (info.isSymbolicLink()) {
    const target = await fs.readlink(out);
    const version = target.slice(linkTarget(out, '').length);
    if (target.startsWith(linkTarget(out, '')) && COMPLETE.test(version)) return { out, current: version, folder: false };
    // Someone else's link (a web root pointing at the folder): publish in the folder it names, and keep the link.
    const real = await fs.realpath(out).catch((error: unknown) => {
      throw isCode(error, 'ENOENT') ? new UserError(`${out} is a link to ${target}, which does not exist; remove the link or choose another --out`, EXIT_USAGE) : error;
    });
    return inspect(fs, real);
  }
  if (!info.isDirectory()) throw new UserError(`${out} exists and is not a folder; choose another --out`, EXIT_USAGE);
  // Only an empty folder or a previous report is replaced: `--out .` must not wipe a project.
  if ((await fs.readdir(out)).length > 0 && !(await holdsReport(fs, out))) {
    throw new UserError(`${out} is not empty and does not hold a cdstats report; choose another --out or remove the folder`, EXIT_USAGE);
  }
  return { out, current: undefined, folder: true };
}

/**
 * With nothing at the output path (a run killed in the middle of moving an earlier version's
 * folder aside, here or by an earlier version of cdstats), puts the last complete site back at once.
 */
async function restore(fs: PublishFs, output: Output, log: Log): Promise<Output> {
  const { out } = output;
  if (output.current !== undefined || output.folder) return output;
  const age = (name: string) => {
    const [, ms = '0', n = '0'] = COMPLETE.exec(name) ?? [];
    return { ms: Number(ms), n: Number(n) };
  };
  const complete = (await entries(fs, sitesOf(out))).filter((name) => COMPLETE.test(name)).map((name) => ({ name, ...age(name) }));
  const newest = complete.sort((a, b) => a.ms - b.ms || a.n - b.n).at(-1)?.name;
  if (newest !== undefined) {
    await fs.symlink(linkTarget(out, newest), out);
    log.info(`put back the last complete site at ${out}: a report was stopped while publishing it`);
    return { out, current: newest, folder: false };
  }
  const aside = new RegExp(`^${escapeRegExp(path.basename(out))}\\.old-\\d+$`);
  for (const name of (await entries(fs, path.dirname(out))).filter((n) => aside.test(n))) {
    if (!(await holdsReport(fs, path.join(path.dirname(out), name)))) continue;
    await fs.rename(path.join(path.dirname(out), name), out);
    log.info(`put back the site at ${out} from ${name}: a report was stopped while publishing it`);
    return { out, current: undefined, folder: true };
  }
  return output;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes what earlier runs left: every entry of the versions folder but the published one,
 * and the `.tmp-<pid>` and `.old-<pid>` folders of earlier versions of cdstats, unless the report that
 * wrote them still runs. Returns how many were removed.
 */
async function clean(fs: PublishFs, out: string, current: string | undefined, running: (pid: number) => boolean | Promise<boolean>): Promise<number> {
  const garbage = async (pid: string) => Number(pid) === process.pid || !(await running(Number(pid)));
  const legacy = new RegExp(`^${escapeRegExp(path.basename(out))}\\.(?:tmp|old)-(\\d+)$`);
  const found = [
    ...(await entries(fs, sitesOf(out))).map((name) => ({ file: path.join(sitesOf(out), name), pid: name === current ? undefined : ENTRY.exec(name)?.[2] })),
    ...(await entries(fs, path.dirname(out))).map((name) => ({ file: path.join(path.dirname(out), name), pid: legacy.exec(name)?.[1] })),
  ];
  let removed = 0;
  for (const { file, pid } of found) {
    if (pid === undefined || !(await garbage(pid))) continue;
    await fs.rm(file);
    removed++;
  }
  return removed;
}

/** Builds the new version in the versions folder and swaps the output link to it. */
async function build(fs: PublishFs, output: Output, write: (dir: string) => Promise<void>): Promise<string> {
  const { out } = output;
  const sites = sitesOf(out);
  await fs.mkdir(sites);
  if (!(await entries(fs, sites)).includes('.gitignore')) await fs.writeFile(path.join(sites, '.gitignore'), '*\n');
  const version = `v${Date.now()}-${process.pid}-${++sequence}`;
  const building = path.join(sites, `${version}.building`);
  const link = path.join(sites, `${version}.link`);
  const previous = path.join(sites, `${version}.previous`);
  try {
    await fs.mkdir(building);
    await write(building);
    await fs.rename(building, path.join(sites, version));
    await fs.symlink(linkTarget(out, version), link);
    // A real folder cannot be replaced by a link in one rename: it is moved aside first (once, at the first report of this version).
    if (output.folder) await fs.rename(out, previous);
    try {
      await fs.rename(link, out);
    } catch (error) {
      if (output.folder) await fs.rename(previous, out);
      throw error;
    }
  } catch (error) {
    for (const file of [building, link, path.join(sites, version)]) await fs.rm(file).catch(() => undefined);
    throw error;
  }
  return version;
}

/**
 * A failed file operation on the way to writing `out` (`cannot <doing> <out>: …`), said so
 * that the user can act on it, naming the path; any other error as it is.
 */
export async function writeError(doing: string, out: string, error: unknown, fs: PublishFs = NODE_FS): Promise<unknown> {
  if (error instanceof UserError || typeof (error as NodeJS.ErrnoException | undefined)?.code !== 'string') return error;
  return new UserError(`cannot ${doing} ${out}: ${await writeProblem(out, error as NodeJS.ErrnoException, fs)}`);
}

async function writeProblem(out: string, error: NodeJS.ErrnoException, fs: PublishFs): Promise<string> {
  const where = `(${error.syscall ?? 'writing'} ${error.path ?? out})`;
  switch (error.code) {
    case 'ENOTDIR':
      for (let dir = path.dirname(out); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        if ((await fs.lstat(dir).catch(() => undefined))?.isFile()) return `${dir} is a file, not a folder`;
      }
      return `a part of the path is not a folder ${where}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied ${where}`;
    case 'ENOSPC':
      return `no space left on the device ${where}`;
    case 'EDQUOT':
      return `disk quota exceeded ${where}`;
    case 'EROFS':
      return `the file system is read-only ${where}`;
    default:
      return error.message;
  }
}

/**
 * Publishes a site at `out` so that a complete site is there at every instant: `out` is a
 * symbolic link to a folder of `<out>.sites/`; each run writes a new folder there with `write`,
 * then replaces the link with rename(2), which is atomic, and removes the previous folder. A
 * failed or killed run leaves the previous site in place; the next run removes what it left.
 * A real folder published by an earlier version of cdstats is moved into `<out>.sites/` at the first run.
 */
export async function publishSite(out: string, write: (dir: string) => Promise<void>, options: PublishOptions = {}): Promise<void> {
  const fs = options.fs ?? NODE_FS;
  const log = options.log ?? silentLog;
  const running = options.isRunning ?? isRunning;
  try {
    const output = await restore(fs, await inspect(fs, out), log);
    const left = await clean(fs, output.out, output.current, running);
    if (left > 0) log.info(`removed ${left} folder${left === 1 ? '' : 's'} left by an earlier report that was stopped`);
    const version = await build(fs, output, write);
    await clean(fs, output.out, version, running).catch((error: unknown) => log.warn(`the report is published, but a previous version could not be removed (${String(error)}); the next report tries again`));
  } catch (error) {
    throw await writeError('publish the report at', out, error, fs);
  }
}
