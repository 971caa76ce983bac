import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TestRepo, git } from './git.js';

export const ADA = { name: 'Ada Lovelace', email: 'ada@example.org' };
export const GRACE = { name: 'Grace Hopper', email: 'Grace@Example.org' };

/**
 * A small history with the awkward cases a collector meets: a binary file, a rename, trailers,
 * a merged branch, non-UTF-8 author bytes, a subject with markup, several time zones.
 */
export async function buildFixtureRepo(dir: string): Promise<TestRepo> {
  const repo = await TestRepo.create(dir);
  await repo.commit({
    files: { 'README.md': '# demo\n\nhello\n', 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 255]) },
    message: 'Initial commit',
    author: ADA,
    date: '2023-01-10T09:00:00+02:00',
  });
  await repo.commit({
    files: { 'src/main.ts': 'export const a = 1;\nexport const b = 2;\n' },
    message: 'Add main\n\nBody text.\n\nCo-authored-by: Grace Hopper <Grace@Example.org>\nSigned-off-by: Ada Lovelace <ada@example.org>',
    author: ADA,
    date: '2023-01-20T18:30:00-05:00',
  });
  await repo.git(['mv', 'src/main.ts', 'src/index.ts']);
  await repo.commit({ files: { 'src/index.ts': 'export const a = 1;\nexport const b = 3;\n' }, message: 'Rename main to index', author: GRACE, date: '2023-02-03T12:00:00+05:30' });
  await repo.git(['checkout', '-q', '-b', 'feature']);
  await repo.commit({ files: { 'docs/guide.md': 'one\ntwo\nthree\n' }, message: 'Write guide <script>alert(1)</script>', author: GRACE, date: '2023-02-10T08:00:00+00:00' });
  await repo.git(['checkout', '-q', 'main']);
  await repo.commit({ files: { 'README.md': '# demo\n\nhello world\n' }, message: 'Reword readme', author: ADA, date: '2023-02-11T08:00:00+00:00' });
  await repo.merge('feature', { author: ADA, date: '2023-02-12T10:00:00+01:00' });
  await commitRawAuthor(repo, Buffer.from('Jos\xe9 N\xfa\xf1ez', 'latin1'), 'jose@example.org', 1677000000, 'Caf\xe9 fix');
  return repo;
}

/** Makes a commit whose author name and subject are Latin-1 bytes (no encoding header), as old tools did. */
export async function commitRawAuthor(repo: TestRepo, name: Buffer, email: string, at: number, subject: string): Promise<string> {
  const tree = (await repo.git(['write-tree'])).trim();
  const parent = (await repo.git(['rev-parse', 'HEAD'])).trim();
  const who = Buffer.concat([name, Buffer.from(` <${email}> ${at} +0100`)]);
  const body = Buffer.concat([
    Buffer.from(`tree ${tree}\nparent ${parent}\nauthor `),
    who,
    Buffer.from('\ncommitter '),
    who,
    Buffer.from('\n\n'),
    Buffer.from(`${subject}\n`, 'latin1'),
  ]);
  const file = path.join(repo.dir, '.git', 'raw-commit');
  await writeFile(file, body);
  const sha = (await git(repo.dir, ['hash-object', '-t', 'commit', '-w', file])).trim();
  await repo.git(['update-ref', 'refs/heads/main', sha]);
  return sha;
}

/** Sums of `git log --numstat` over the branch, the reference the collector is checked against. */
export async function gitNumstatTotals(gitDir: string, branch = 'main'): Promise<{ added: number; deleted: number }> {
  const out = await git(gitDir, ['log', '--numstat', '--format=', branch]);
  let added = 0;
  let deleted = 0;
  for (const line of out.split('\n')) {
    const [a, d] = line.split('\t');
    if (a === undefined || d === undefined) continue;
    if (a !== '-') added += Number(a);
    if (d !== '-') deleted += Number(d);
  }
  return { added, deleted };
}

export async function revCount(gitDir: string, args: string[] = ['main']): Promise<number> {
  return Number((await git(gitDir, ['rev-list', '--count', ...args])).trim());
}
