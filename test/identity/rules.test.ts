import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

/**
 * The identity rules of issue 11, each on the case that showed it in CD Foundation
 * repositories: machine co-authors on a bot's commit (spinnaker), a renamed GitHub account
 * (tektoncd/pipeline), a bot's name on a person's email (jenkins-x/jx), a mailmap entry
 * qualified by the commit name, and one name under two emails (spinnaker).
 */
let dir: string;
let cleanup: () => Promise<void>;
let work: string;

const ADA = { name: 'Ada Lovelace', email: 'ada@example.org' };
const AUTOBUMP = { name: 'spinnakerbot', email: 'spinnakerbot@netflix.example' };
const LAPTOP = { name: 'Caleb', email: 'caleb@calebs-macbook-pro.local' };
const SAM_OLD = { name: 'Sam P', email: '28788978+spomorski@users.noreply.github.com' };
const SAM_NEW = { name: 'Sam P', email: '28788978+sergetron@users.noreply.github.com' };
const ROB = { name: 'Rob V', email: 'rob@cloudbees.example' };
const ROB_AS_BOT = { name: 'jx-app-bot', email: 'rob@cloudbees.example' };
const COMMIT_ONE = { name: 'Commit One', email: 'shared@x.example' };
const OTHER_ON_SHARED = { name: 'Other Person', email: 'shared@x.example' };
const ONE = { name: 'One Elsewhere', email: 'one@x.example' };
const CHRISTOS_A = { name: 'Christos Arvanitis', email: 'christos@a.example' };
const CHRISTOS_B = { name: 'Christos  Arvanitis', email: 'carvanitis@b.example' };

const CONFIG = `projects:
  - name: Demo
    repos:
      - git: ./repo
`;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  work = path.join(dir, 'work');
  const repo = await TestRepo.create(path.join(work, 'repo'));
  await repo.commit({ files: { '.mailmap': 'Proper One <one@x.example> Commit One <shared@x.example>\n' }, author: ADA, date: '2024-01-10T10:00:00Z' });
  await repo.commit({
    author: AUTOBUMP,
    date: '2024-02-01T10:00:00Z',
    message: 'Autobump\n\nCo-authored-by: runner <runner@fv-az51>\nCo-authored-by: root <root@3f2a9c0d1e2b>\nCo-authored-by: Ada Lovelace <ada@example.org>',
  });
  await repo.commit({ author: LAPTOP, date: '2024-02-02T10:00:00Z' });
  await repo.commit({ author: SAM_OLD, date: '2024-03-01T10:00:00Z' });
  await repo.commit({ author: SAM_NEW, date: '2024-04-01T10:00:00Z' });
  await repo.commit({ author: ROB, date: '2024-05-01T10:00:00Z' });
  await repo.commit({ author: ROB_AS_BOT, date: '2024-06-01T10:00:00Z' }); // the latest name on the email is the bot's
  await repo.commit({ author: COMMIT_ONE, date: '2024-07-01T10:00:00Z' });
  await repo.commit({ author: OTHER_ON_SHARED, date: '2024-07-02T10:00:00Z' });
  await repo.commit({ author: ONE, date: '2024-07-03T10:00:00Z' });
  await repo.commit({ author: CHRISTOS_A, date: '2024-08-01T10:00:00Z' });
  await repo.commit({ author: CHRISTOS_A, date: '2024-08-15T10:00:00Z' });
  await repo.commit({ author: CHRISTOS_B, date: '2024-09-01T10:00:00Z' });
  await writeConfig(work, CONFIG);
  expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
});
afterAll(() => cleanup());

async function json(args: string[]): Promise<{ rows: Record<string, unknown>[]; stderr: string }> {
  const result = await runCli([...args, '--format', 'json'], { cwd: work });
  expect(result.code, result.stderr).toBe(0);
  return { rows: JSON.parse(result.stdout) as Record<string, unknown>[], stderr: result.stderr };
}

async function monthly(indicator: string, column = 'value'): Promise<unknown[]> {
  const { rows } = await json(['query', indicator, '--period', 'month', '--from', '2024-01-01', '--to', '2024-10-01', '--as-of', '2024-12-31']);
  return rows.map((r) => r[column]);
}

const MACHINE_LINE = '3 emails name a machine, not a person (no dot in the domain, localhost, *.local, *.internal, CI runner or container hosts): their 3 contributions count as the unknown identity, in no count of people';
const DUPLICATE_LINE = 'likely duplicate people remain: 1 pairs with the same name and different emails; review them with `cdstats people --duplicates` and accept them with `cdstats people --duplicates --mailmap FILE`';

describe('who is a person', () => {
  it('lists each person once, by the rules, and says what it left out', async () => {
    const { rows, stderr } = await json(['people']);
    expect(rows.map((r) => [r.name, r.emails, r.contributions])).toEqual([
      ['Ada Lovelace', 'ada@example.org', 2], // her commit, and her co-authorship of the bot's commit
      ['Christos Arvanitis', 'christos@a.example', 2],
      ['Proper One', 'one@x.example', 2], // the Commit One commit, by the qualified mailmap entry, and One Elsewhere's
      ['Rob V', 'rob@cloudbees.example', 2], // both commits are his email's; the bot-named one is a bot's (see below)
      ['Sam P', '28788978+sergetron@users.noreply.github.com, 28788978+spomorski@users.noreply.github.com', 2],
      ['Christos  Arvanitis', 'carvanitis@b.example', 1],
      ['Other Person', 'shared@x.example', 1], // the shared email keeps its other name's commits
    ]);
    expect(stderr.trim().split('\n')).toEqual([MACHINE_LINE, DUPLICATE_LINE]);
  });

  it('keeps every contribution, of a bot, the unknown identity or a person', async () => {
    const { rows } = await json(['query', 'SELECT identity_kind, person, count(*) AS n FROM contributions GROUP BY ALL ORDER BY identity_kind, person']);
    expect(rows).toEqual([
      { identity_kind: 'bot', person: 'Rob V', n: 1 },
      { identity_kind: 'bot', person: 'spinnakerbot', n: 1 },
      { identity_kind: 'person', person: 'Ada Lovelace', n: 2 },
      { identity_kind: 'person', person: 'Christos  Arvanitis', n: 1 },
      { identity_kind: 'person', person: 'Christos Arvanitis', n: 2 },
      { identity_kind: 'person', person: 'Other Person', n: 1 },
      { identity_kind: 'person', person: 'Proper One', n: 2 },
      { identity_kind: 'person', person: 'Rob V', n: 1 },
      { identity_kind: 'person', person: 'Sam P', n: 2 },
      { identity_kind: 'unknown', person: '(unknown identity)', n: 3 },
    ]);
  });

  it('counts people in the indicators by the same rules, and commits whoever made them', async () => {
    // Jan Ada; Feb Ada as co-author (not the bot, not the machines); Mar and Apr Sam, one account;
    // May Rob; Jun only the bot-named commit; Jul Proper One and the shared email; Aug and Sep each Christos.
    expect(await monthly('active_contributors', 'code_authors')).toEqual([1, 1, 1, 1, 1, 0, 2, 1, 1]);
    expect(await monthly('new_contributors')).toEqual([1, 0, 1, 0, 1, 0, 2, 1, 1]);
    // Feb: the laptop's commit counts as a commit; the bot's does not.
    expect(await monthly('commits')).toEqual([1, 1, 1, 1, 1, 0, 3, 2, 1]);
  });

  it('counts the same people in project health: the laptop commit counts, its machine does not', async () => {
    const { rows } = await json(['query', 'project_health', '--as-of', '2024-09-30']);
    // Ada, Sam P, Rob V, Proper One, Other Person and the two Christos; 11 commits: all but the two bots'.
    expect(rows.map((r) => [r.contributors_12m, r.new_contributors_12m, r.commits_12m])).toEqual([[7, 7, 11]]);
  });
});

describe('cdstats people --duplicates', () => {
  it('suggests same-name pairs with their evidence, and writes the mailmap lines that accept them', async () => {
    const { rows } = await json(['people', '--duplicates']);
    expect(rows).toEqual([
      {
        name: 'Christos Arvanitis',
        mailmap: 'Christos Arvanitis <christos@a.example> <carvanitis@b.example>',
        keep_person_id: 'email:christos@a.example',
        keep_emails: 'christos@a.example',
        keep_repos: 'work', // ./repo is named by its parent folder
        keep_first: '2024-08-01',
        keep_last: '2024-08-15',
        keep_contributions: 2,
        merge_person_id: 'email:carvanitis@b.example',
        merge_emails: 'carvanitis@b.example',
        merge_repos: 'work',
        merge_first: '2024-09-01',
        merge_last: '2024-09-01',
        merge_contributions: 1,
      },
    ]);
    expect((await runCli(['people', '--duplicates', '--mailmap', 'duplicates.mailmap'], { cwd: work })).code).toBe(0);
    const written = await readFile(path.join(work, 'duplicates.mailmap'), 'utf8');
    expect(written.split('\n').filter((line) => !line.startsWith('#'))).toEqual(['Christos Arvanitis <christos@a.example> <carvanitis@b.example>', '']);

    await writeConfig(work, `${CONFIG}identity:\n  mailmap: [duplicates.mailmap]\n`);
    const after = await json(['people']);
    expect(after.rows.filter((r) => String(r.name).startsWith('Christos')).map((r) => [r.name, r.emails, r.contributions])).toEqual([['Christos Arvanitis', 'carvanitis@b.example, christos@a.example', 3]]);
    expect(after.stderr.trim().split('\n')).toEqual([MACHINE_LINE]);
    expect((await json(['people', '--duplicates'])).rows).toEqual([]);
  });
});
