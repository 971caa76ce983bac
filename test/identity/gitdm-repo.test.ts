import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TestRepo, git, tempDir, writeConfig } from '../helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;

const PEOPLE = {
  ada: { name: 'Ada Lovelace', email: 'ada@x.org' },
  bob: { name: 'Bob Builder', email: 'bob@y.org' },
  carol: { name: 'Carol Danvers', email: 'carol@acme.com' },
  ci: { name: 'CI', email: 'ci@x.org' },
  dan: { name: 'Dan Brown', email: 'dan@z.org' },
};

/** cncf/gitdm's layout, small: two affiliation files (10 sorts after 2), the email map, the company names mapping. */
const GITDM_FILES = {
  'developers_affiliations2.txt': '# affiliations\nada: ada!x.org, ada at x.org\n\tInitech until 2020-01-01\n\tGlobex from 2020-01-01\n\tHooli from 2022-13-01\nstranger: not-an-email\n\tAcme until 2020\n',
  'developers_affiliations10.txt': 'dan: dan!z.org\n\tAWS\n',
  'src/cncf-config/email-map': '# [user!]domain employer [< yyyy-mm-dd]\nbob!y.org Umbrella < 2020-01-01\nbob!y.org Hooli\nci!x.org (Robots)\nacme.com Acme Corp\n',
  'src/company-names-mapping': 'AWS -> Amazon\n',
  'README.md': 'not read\n',
};

async function buildGitdm(folder: string, files: Record<string, string> = GITDM_FILES): Promise<TestRepo> {
  const repo = await TestRepo.create(folder);
  await repo.commit({ files, date: '2023-03-29T12:00:00Z' });
  return repo;
}

/** Who had which company at each commit, as `cdstats query` says. */
async function companies(cwd: string): Promise<{ stdout: Record<string, unknown>[]; stderr: string }> {
  const result = await runCli(['query', '--format', 'json', "SELECT person, strftime(contributed_at, '%Y') AS year, company, is_bot FROM contributions ORDER BY person, year"], { cwd });
  expect(result.code).toBe(0);
  return { stdout: JSON.parse(result.stdout) as Record<string, unknown>[], stderr: result.stderr };
}

async function project(work: string, gitdm: string): Promise<void> {
  const repo = await TestRepo.create(path.join(work, 'repo'));
  for (const [who, year] of [['ada', 2019], ['ada', 2021], ['bob', 2019], ['bob', 2021], ['carol', 2021], ['ci', 2021], ['dan', 2021]] as const) {
    await repo.commit({ author: PEOPLE[who], date: `${year}-06-01T12:00:00Z` });
  }
  await writeConfig(work, `projects:\n  - name: Demo\n    repos:\n      - git: ./repo\nidentity:\n  gitdm:\n${gitdm}`);
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

describe('a gitdm repository as a source', () => {
  it('reads its affiliation files and email map at the tip of a local bare repository', async () => {
    const work = path.join(dir, 'bare');
    const source = await buildGitdm(path.join(dir, 'gitdm-src'));
    await git(dir, ['clone', '-q', '--bare', source.dir, path.join(work, 'gitdm.git')]);
    await project(work, '    - ./gitdm.git\n');
    expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
    const { stdout, stderr } = await companies(work);
    expect(stdout).toEqual([
      { person: 'Ada Lovelace', year: '2019', company: 'Initech', is_bot: false },
      { person: 'Ada Lovelace', year: '2021', company: 'Globex', is_bot: false },
      { person: 'Bob Builder', year: '2019', company: 'Umbrella', is_bot: false },
      { person: 'Bob Builder', year: '2021', company: 'Hooli', is_bot: false },
      { person: 'CI', year: '2021', company: null, is_bot: true },
      { person: 'Carol Danvers', year: '2021', company: 'Acme Corp', is_bot: false },
      // The company names mapping is not read unless `companyNames:` names it.
      { person: 'Dan Brown', year: '2021', company: 'AWS', is_bot: false },
    ]);
    // Problems are reported for the people in the data; the others' are not the user's to fix.
    expect(stderr).toContain(`warning: ${path.join(work, 'gitdm.git')}:developers_affiliations2.txt:2: "ada at x.org" is not an email address (expected user!domain)`);
    expect(stderr).toContain(`warning: ${path.join(work, 'gitdm.git')}:developers_affiliations2.txt:5: "2022-13-01" is not a date of the form YYYY-MM-DD`);
    expect(stderr).not.toContain('not-an-email');
    expect(stderr).not.toContain('"2020"');
  });

  it('takes options: no email map, the company names mapping, other affiliation files', async () => {
    const work = path.join(dir, 'options');
    await buildGitdm(path.join(work, 'gitdm'));
    await project(work, '    - git: ./gitdm\n      affiliations: ["developers_affiliations1*.txt"]\n      emailMap: false\n      companyNames: src/company-names-mapping\n');
    expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
    const { stdout } = await companies(work);
    expect(Object.fromEntries(stdout.map((r) => [`${String(r.person)} ${String(r.year)}`, r.company]))).toEqual({
      'Ada Lovelace 2019': null,
      'Ada Lovelace 2021': null,
      'Bob Builder 2019': null,
      'Bob Builder 2021': null,
      'CI 2021': null,
      'Carol Danvers 2021': null,
      'Dan Brown 2021': 'Amazon',
    });
  });

  it('reads the rest of a damaged clone, naming the file it lacks', async () => {
    const work = path.join(dir, 'damaged');
    const gitdm = await buildGitdm(path.join(work, 'gitdm'));
    const blob = (await gitdm.git(['rev-parse', 'HEAD:src/cncf-config/email-map'])).trim();
    await rm(path.join(gitdm.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    await project(work, '    - ./gitdm\n');
    expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
    const { stdout, stderr } = await companies(work);
    expect(stderr).toContain(
      `warning: cdstats.yaml:7: gitdm repository ${path.join(work, 'gitdm')}: src/cncf-config/email-map (object ${blob.slice(0, 12)}) is missing from the repository (a damaged or partial clone); it is not read, the other files are`,
    );
    expect(Object.fromEntries(stdout.map((r) => [`${String(r.person)} ${String(r.year)}`, r.company]))).toMatchObject({ 'Ada Lovelace 2019': 'Initech', 'Bob Builder 2021': null, 'Dan Brown 2021': 'AWS' });
  });

  it('mirrors a remote one at collect, and reads the mirror as fetched then', async () => {
    const work = path.join(dir, 'mirrored');
    const source = await buildGitdm(path.join(dir, 'gitdm-upstream'));
    await project(work, `    - file://${source.dir}\n`);
    const first = await runCli(['collect'], { cwd: work });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(new RegExp(`gitdm file://${source.dir}: at [0-9a-f]{12} \\(main\\)`));
    expect((await companies(work)).stdout.find((r) => r.person === 'Dan Brown')?.company).toBe('AWS');
    await source.commit({ files: { 'developers_affiliations10.txt': 'dan: dan!z.org\n\tCyberdyne\n' }, date: '2023-04-01T12:00:00Z' });
    // The mirror moves at collect, not before.
    expect((await companies(work)).stdout.find((r) => r.person === 'Dan Brown')?.company).toBe('AWS');
    expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
    expect((await companies(work)).stdout.find((r) => r.person === 'Dan Brown')?.company).toBe('Cyberdyne');
  });

  it('says when a remote one is not mirrored yet, or cannot be fetched, and goes on', async () => {
    const work = path.join(dir, 'unreachable');
    await project(work, `    - file://${path.join(dir, 'no-such-gitdm.git')}\n`);
    const collect = await runCli(['collect'], { cwd: work });
    expect(collect.code).toBe(1);
    expect(collect.stderr).toContain(`gitdm file://${path.join(dir, 'no-such-gitdm.git')}: failed: cannot clone`);
    const { stderr, stdout } = await companies(work);
    expect(stdout).toHaveLength(7);
    expect(stderr).toContain('is not mirrored yet: run `cdstats collect` to clone it');
  });
});
