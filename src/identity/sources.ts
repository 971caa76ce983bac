/**
 * The gitdm sources of the config as they are now: each file's stamp and each repository's tip
 * (what the identity cache is keyed by, cheap to find), then their contents read into the
 * gitdm readers (only when the cache has to be built).
 *
 * Of a repository, cdstats reads at its branch tip: the files matching `affiliations`
 * (`developers_affiliations*.txt`, in natural order: 2 before 10), the email map
 * (`src/cncf-config/email-map`) and, when `companyNames:` names it, the company names mapping
 * (see GITDM_DEFAULTS for why not by default). Affiliation files and name mappings are read
 * first; the email map (cncf/gitdm's is 14 MB) is read last, keeping only the keys that can
 * meet a contribution.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gitdmRepo } from '../config/gitdm.js';
import type { ConfigProblem, GitdmFormat, GitdmRepoSource, GitdmSource, Origin } from '../config/types.js';
import { errorMessage } from '../errors.js';
import { redact } from '../redact.js';
import { CompanyNamesReader } from './company-names.js';
import { EmailMapReader, type EmailMapLine } from './email-map.js';
import { GitdmReader, type GitdmPerson } from './gitdm.js';
import { gitdmTip, listBlobs, matchesPathPattern, readBlobs, type BlobRead } from './gitdm-repo.js';
import { readFileLines, type LineReader } from './lines.js';

/** Files up to this size are stamped by their content too, so that an edit within one tick of the clock still shows. */
const HASHED_UP_TO = 1 << 20;

/** A source found: a file with its stamp, a repository with its tip, or why it cannot be read. */
export type FoundSource =
  | { kind: 'file'; path: string; format: GitdmFormat; origin: Origin; stamp: string }
  | { kind: 'repo'; source: GitdmRepoSource; label: string; tip: string }
  | { kind: 'unreadable'; origin: Origin; problem: string; stamp: string };

/** size, modification time and inode; and the content's hash for a small file. Undefined: no such file. */
export async function stampFile(file: string): Promise<string | undefined> {
  const info = await stat(file, { bigint: true }).catch(() => undefined);
  if (info === undefined) return undefined;
  const parts = [info.size, info.mtimeNs, info.ino].map(String);
  if (info.isFile() && info.size <= HASHED_UP_TO) parts.push(createHash('sha1').update(await readFile(file)).digest('hex'));
  return parts.join(':');
}

function formatOf(file: string): GitdmFormat {
  const name = path.basename(file).toLowerCase();
  return name.includes('email-map') ? 'email-map' : name.includes('company-names') ? 'company-names' : 'affiliations';
}

/** How a repository is named in messages: the mirrored URL without credentials, or the local path. */
function labelOf(source: GitdmRepoSource): string {
  return source.repo.local ? source.repo.url : redact(source.repo.url);
}

async function findRepo(source: GitdmRepoSource): Promise<FoundSource> {
  const label = labelOf(source);
  const unreadable = (problem: string): FoundSource => ({ kind: 'unreadable', origin: source.origin, problem: `gitdm repository ${label} ${problem}`, stamp: `${source.gitDir}:${problem}` });
  if ((await stat(source.gitDir).catch(() => undefined)) === undefined) {
    return unreadable(source.repo.local ? 'does not exist' : 'is not mirrored yet: run `cdstats collect` to clone it');
  }
  const found = await gitdmTip(source.gitDir, source.repo.branch);
  if ('problem' in found) return unreadable(found.problem);
  return { kind: 'repo', source, label, tip: found.tip };
}

/** Every gitdm source, found: cheap (a stat per file, one `git rev-parse` per repository). */
export async function findSources(sources: readonly GitdmSource[]): Promise<FoundSource[]> {
  return Promise.all(
    sources.map(async (source): Promise<FoundSource> => {
      if (source.kind === 'repo') return findRepo(source);
      const info = await stat(source.path).catch((error: unknown) => error as Error);
      if (info instanceof Error) return { kind: 'unreadable', origin: source.origin, problem: `cannot read the gitdm file ${source.path}: ${errorMessage(info)}`, stamp: `${source.path}:missing` };
      // A folder is a local repository, read in place.
      if (info.isDirectory()) return findRepo(gitdmRepo(source.path, true, path.basename(source.path), source.origin, ''));
      return { kind: 'file', path: source.path, format: source.format ?? formatOf(source.path), origin: source.origin, stamp: (await stampFile(source.path)) ?? 'missing' };
    }),
  );
}

/** What the found sources hold, for the cache key: a repository by its tip and what is read of it. */
export function sourceStamps(found: readonly FoundSource[]): unknown[] {
  return found.map((f) =>
    f.kind === 'file' ? ['file', f.path, f.format, f.stamp] : f.kind === 'repo' ? ['repo', f.source.gitDir, f.tip, f.source.affiliations, f.source.emailMap, f.source.companyNames] : ['unreadable', f.stamp],
  );
}

export interface GitdmData {
  people: GitdmPerson[];
  /** Email map lines by key (an email or a domain), each key's in file order. */
  emailMap: Map<string, EmailMapLine[]>;
  /** gitdm's company names mapping, lower-cased name → name. */
  companyNames: Map<string, string>;
  warnings: ConfigProblem[];
}

interface PendingFile {
  label: string;
  format: GitdmFormat;
  read(reader: LineReader): Promise<void>;
}

type FoundRepo = Extract<FoundSource, { kind: 'repo' }>;
type RepoFile = { format: GitdmFormat; path: string; sha: string };

/** A repository's files to read, in order; files the config names that it lacks are reported. */
async function repoFiles(found: FoundRepo, warnings: ConfigProblem[]): Promise<RepoFile[]> {
  const { source, label } = found;
  const blobs = await listBlobs(source.gitDir, found.tip);
  const affiliations = [...blobs.keys()].filter((file) => source.affiliations.some((p) => matchesPathPattern(p, file))).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (affiliations.length === 0) warnings.push({ message: `gitdm repository ${label}: no file matches ${source.affiliations.join(', ')} at ${found.tip.slice(0, 12)}`, origin: source.origin });
  const files: { format: GitdmFormat; path: string }[] = affiliations.map((file) => ({ format: 'affiliations', path: file }));
  for (const [format, file] of [['company-names', source.companyNames], ['email-map', source.emailMap]] as const) {
    if (file === null) continue;
    if (blobs.has(file)) files.push({ format, path: file });
    else warnings.push({ message: `gitdm repository ${label} has no ${file} at ${found.tip.slice(0, 12)}${format === 'email-map' ? ' (set `emailMap:` to its path, or `false`)' : ' (set `companyNames:` to its path, or `false`)'}`, origin: source.origin });
  }
  return files.map((f) => ({ ...f, sha: blobs.get(f.path) ?? '' }));
}

/** The files of every source, as readers will take them; repositories' blobs grouped per repository. */
async function pendingReads(found: readonly FoundSource[], warnings: ConfigProblem[]): Promise<{ files: PendingFile[]; repos: { found: FoundRepo; files: RepoFile[] }[] }> {
  const files: PendingFile[] = [];
  const repos: { found: FoundRepo; files: RepoFile[] }[] = [];
  for (const f of found) {
    if (f.kind === 'unreadable') warnings.push({ message: f.problem, origin: f.origin });
    else if (f.kind === 'file') files.push({ label: f.path, format: f.format, read: (reader) => readFileLines(f.path, reader) });
    else {
      try {
        repos.push({ found: f, files: await repoFiles(f, warnings) });
      } catch (error) {
        warnings.push({ message: `gitdm repository ${f.label}: cannot list its files: ${errorMessage(error)}`, origin: f.source.origin });
      }
    }
  }
  return { files, repos };
}

/**
 * One reader per file; `finish` adds what it read to the data. The affiliation files of a
 * repository (someone else's data, cncf/gitdm's 100,000 people) are read lazily: only the
 * problems of people in the data are reported. A file the config names is the user's own: all
 * of its problems are.
 */
function readerFor(data: GitdmData, label: string, format: GitdmFormat, keep: () => (key: string) => boolean, lazy: boolean): { reader: LineReader; finish(): void } {
  if (format === 'affiliations') {
    const reader = new GitdmReader(label, lazy);
    return { reader, finish: () => void (data.people.push(...reader.people), data.warnings.push(...reader.warnings)) };
  }
  if (format === 'company-names') {
    const reader = new CompanyNamesReader(label);
    return {
      reader,
      finish: () => {
        for (const [name, to] of reader.aliases) if (!data.companyNames.has(name)) data.companyNames.set(name, to);
        data.warnings.push(...reader.warnings);
      },
    };
  }
  const reader = new EmailMapReader(label, keep());
  return {
    reader,
    finish: () => {
      for (const [key, lines] of reader.byKey) data.emailMap.set(key, [...(data.emailMap.get(key) ?? []), ...lines]);
      data.warnings.push(...reader.warnings);
    },
  };
}

/**
 * Reads every source: affiliation files (their company lines left unread: see GitdmReader) and
 * name mappings first, then the email maps, of which only the keys `keepFor` accepts are kept;
 * it is asked once the people of the affiliation files are known. A file that fails half-way
 * keeps what was read, with a warning.
 */
export async function readGitdm(found: readonly FoundSource[], keepFor: (people: GitdmPerson[]) => (key: string) => boolean): Promise<GitdmData> {
  const warnings: ConfigProblem[] = [];
  const data: GitdmData = { people: [], emailMap: new Map(), companyNames: new Map(), warnings };
  const { files, repos } = await pendingReads(found, warnings);
  let filter: ((key: string) => boolean) | undefined;
  const keep = () => (filter ??= keepFor(data.people));
  const phases = [(format: GitdmFormat) => format !== 'email-map', (format: GitdmFormat) => format === 'email-map'];
  for (const [phase, inPhase] of phases.entries()) {
    if (phase === 1) keep();
    for (const file of files.filter((f) => inPhase(f.format))) {
      const { reader, finish } = readerFor(data, file.label, file.format, keep, false);
      await file.read(reader).catch((error: unknown) => warnings.push({ message: `cannot read the gitdm file ${file.label}: ${errorMessage(error)}`, origin: { file: file.label, line: 1 } }));
      finish();
    }
    for (const repo of repos) {
      const reads = repo.files.filter((b) => inPhase(b.format)).map((b) => ({ path: b.path, sha: b.sha, ...readerFor(data, `${repo.found.label}:${b.path}`, b.format, keep, true) }));
      const missing = new Set<BlobRead>();
      const { source, label } = repo.found;
      await readBlobs(source.gitDir, reads, (blob) => {
        missing.add(blob);
        warnings.push({ message: `gitdm repository ${label}: ${blob.path} (object ${blob.sha.slice(0, 12)}) is missing from the repository (a damaged or partial clone); it is not read, the other files are`, origin: source.origin });
      }).catch((error: unknown) => warnings.push({ message: `gitdm repository ${label}: reading its files failed: ${errorMessage(error)}`, origin: source.origin }));
      for (const read of reads) if (!missing.has(read)) read.finish();
    }
  }
  return data;
}
