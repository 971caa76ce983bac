import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TestRepo, tempDir, writeConfig, type Person } from '../helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;
let work: string;

const OLGA = { name: 'Olga Old', email: 'old@x.org' };
const NICK = { name: 'Nick New', email: 'new@x.org' };
const MIA = { name: 'Mia Mid', email: 'mid@x.org' };
const ANN = { name: 'Ann Acme', email: 'ann@acme.example' };
const IAN = { name: 'Ian Indie', email: 'ind@x.org' };
const LEA = { name: 'Lea Left', email: 'left@x.org' };
const JIM = { name: 'Jim Jenkins', email: 'jim@jenkins.example' };

/** Who to fill in first: the people of the last year with no known company, not the most active ever. */
const GITDM = 'lea: left!x.org\n\tAcme until 2024-03-01\n';

async function commits(repo: TestRepo, author: Person, dates: string[]): Promise<void> {
  for (const date of dates) await repo.commit({ author, date: `${date}T10:00:00Z` });
}

/**
 * Main, whose data ends 2024-06-30: Olga 20 commits in 2022 (none since); Nick 3 in 2024 and
 * Mia 2 in 2024 (and 5 in January 2023), no company; Ann 4 in 2024, Acme by her email's domain;
 * Ian 2, Independent (config); Lea 1 in February 2024 at Acme (gitdm, until March) and 2 in May
 * with no company. Of Main's 14 contributions by people from 2023-07-01 to 2024-06-30, 7 have
 * an author with a known company or Independent: 50%, enough. Jenkins: Jim, 12 commits in 2024,
 * no company.
 */
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  work = path.join(dir, 'work');
  const main = await TestRepo.create(path.join(work, 'main'));
  await commits(main, OLGA, Array.from({ length: 20 }, (_, i) => `2022-03-${String(i + 1).padStart(2, '0')}`));
  await commits(main, MIA, ['2023-01-02', '2023-01-03', '2023-01-04', '2023-01-05', '2023-01-06']);
  await commits(main, LEA, ['2024-02-01']);
  await commits(main, NICK, ['2024-04-01', '2024-04-02', '2024-04-03']);
  await commits(main, MIA, ['2024-04-10', '2024-04-11']);
  await commits(main, ANN, ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04']);
  await commits(main, IAN, ['2024-05-10', '2024-05-11']);
  await commits(main, LEA, ['2024-05-20', '2024-06-30']);
  const jenkins = await TestRepo.create(path.join(work, 'jenkins'));
  await commits(jenkins, JIM, Array.from({ length: 12 }, (_, i) => `2024-02-${String(i + 1).padStart(2, '0')}`));
  await writeFile(path.join(work, 'people.txt'), GITDM);
  await writeConfig(
    work,
    `projects:
  - name: Main
    repos:
      - git: ./main
  - name: Jenkins
    repos:
      - git: ./jenkins
identity:
  gitdm: [people.txt]
  domains: { acme.example: Acme }
  people:
    - emails: [ind@x.org]
      affiliations: [Independent]
`,
  );
  expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
});
afterAll(() => cleanup());

async function json(args: string[]): Promise<{ rows: Record<string, unknown>[]; stderr: string; code: number | null }> {
  const result = await runCli([...args, '--format', 'json'], { cwd: work });
  return { rows: JSON.parse(result.stdout || '[]') as Record<string, unknown>[], stderr: result.stderr, code: result.code };
}

describe('cdstats people --unaffiliated', () => {
  it('ranks by the recent contributions with no known company (365 days up to the end of the data), not by all of them', async () => {
    const { rows, stderr } = await json(['people', '--project', 'Main', '--unaffiliated', '--top', '2']);
    // Nick 3; then Lea and Mia 2 each, Lea with 3 recent in all. Olga's 20 are from 2022; Ian is Independent.
    expect(rows.map((r) => [r.name, r.recent_unaffiliated, r.recent, r.contributions])).toEqual([
      ['Nick New', 3, 3, 3],
      ['Lea Left', 2, 3, 3],
    ]);
    expect(stderr).toContain('recent: the 365 days up to 2024-06-30 10:00 UTC');
  });

  it('takes the window in days and the as-of date', async () => {
    const wide = await json(['people', '--project', 'Main', '--unaffiliated', '--window', '1000']);
    expect(wide.rows.map((r) => [r.name, r.recent_unaffiliated])).toEqual([
      ['Olga Old', 20],
      ['Mia Mid', 7],
      ['Nick New', 3],
      ['Lea Left', 2],
    ]);
    const then = await json(['people', '--project', 'Main', '--unaffiliated', '--as-of', '2023-12-31', '--window', '365']);
    expect(then.rows.map((r) => [r.name, r.recent_unaffiliated, r.contributions])).toEqual([['Mia Mid', 5, 5]]);
  });

  it('writes them as a gitdm template, with what is already known of each', async () => {
    const file = path.join(dir, 'to-fill.txt');
    expect((await runCli(['people', '--project', 'Main', '--unaffiliated', '--top', '2', '--gitdm', file], { cwd: work })).code).toBe(0);
    const text = await (await import('node:fs/promises')).readFile(file, 'utf8');
    expect(text).toContain('# Lea Left: 2 recent contributions with no known company, 3 in all, 2024-02-01 to 2024-06-30; known: Acme until 2024-03-01 (gitdm)\nlea: left!x.org\n\tUnknown\n');
    expect(text.split('\n').filter((l) => !l.startsWith('#'))).toEqual([': new!x.org', '\tUnknown', 'lea: left!x.org', '\tUnknown', '']);
  });
});

describe('cdstats people', () => {
  it("shows each person's affiliations with their source and dates, and the latest known one", async () => {
    const { rows } = await json(['people', '--project', 'Main']);
    const byName = Object.fromEntries(rows.map((r) => [r.name, [r.company, r.affiliations]]));
    expect(byName).toEqual({
      'Olga Old': [null, null],
      'Mia Mid': [null, null],
      'Ann Acme': ['Acme', 'Acme (domain)'],
      'Nick New': [null, null],
      'Lea Left': ['Acme', 'Acme until 2024-03-01 (gitdm)'],
      'Ian Indie': ['Independent', 'Independent (config)'],
    });
  });
});

describe('cdstats query of a company figure', () => {
  it('says on stderr why a project has no company figure: its coverage, and the config keys that add companies', async () => {
    const result = await runCli(['query', 'top_companies', '--project', 'Jenkins', '--as-of', '2024-06-30', '--format', 'csv'], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('project,company,contributions,contributors,share,affiliation_coverage,affiliation_known,affiliation_n\nJenkins,,0,0,,0,0,12\n');
    expect(result.stderr).toBe(
      'warning: top_companies is not representative (company figures need 50% affiliation coverage and 10 contributions; under it they are NULL, and the report ranks no company) in the 365 days up to 2024-06-30 23:59 UTC for Jenkins: 0% of 12 contributions by people have an author with a known company or Independent.\n' +
        'warning: Companies come from identity.gitdm (gitdm affiliation files), identity.people (affiliations of people) and identity.domains (email domain → company) in cdstats.yaml; `cdstats people --unaffiliated --top 50 --gitdm to-fill.txt` lists the most active people with no known company, to fill in.\n',
    );
  });

  it('says nothing where the coverage is enough; the elephant factor and its coverage as CSV columns', async () => {
    const result = await runCli(['query', 'elephant_factor', '--project', 'Main', '--as-of', '2024-06-30', '--format', 'csv'], { cwd: work });
    expect(result.stderr).toBe('');
    // 2024-06-30 is the end of that day: Lea's last commit counts. Known: Ann 4, Ian 2, Lea 1 of 14.
    expect(result.stdout).toBe(
      'project,value,top_company,top_company_share,contributions_with_company,affiliation_coverage,affiliation_known,affiliation_n\nMain,1,Acme,1,5,0.5,7,14\n',
    );
  });

  it('names a window with no contributions by people', async () => {
    const result = await runCli(['query', 'companies', '--project', 'Jenkins', '--from', '2020-01-01', '--to', '2021-01-01', '--as-of', '2024-06-30'], { cwd: work });
    expect(result.stderr).toContain('from 2020-01-01 00:00 UTC up to 2021-01-01 00:00 UTC (exclusive) for Jenkins: no contributions by people.');
  });
});
