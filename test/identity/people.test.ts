import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { openWithPeople } from '../../src/identity/session.js';
import { readIndicator, runIndicator } from '../../src/indicators/load.js';
import { silentLog } from '../../src/log.js';
import { runCli } from '../helpers/cli.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

let dir: string;
let cleanup: () => Promise<void>;
let work: string;

const ADA_WORK = { name: 'Ada Lovelace', email: 'ada@work.example' };
const ADA_HOME = { name: 'Ada L.', email: 'ada@home.example' };
const ADA_GMAIL = { name: 'ada', email: 'Ada.Lovelace@gmail.com' };
const GRACE = { name: 'Grace Hopper', email: '12345+grace@users.noreply.github.com' };
const JOHN_A = { name: 'John Smith', email: 'john@a.example' };
const JOHN_B = { name: 'John Smith', email: 'john@b.example' };
const RENOVATE = { name: 'renovate[bot]', email: '29139614+renovate[bot]@users.noreply.github.com' };
const DEPENDABOT = { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' };
const RELEASER = { name: 'acme-release-automation', email: 'release@acme.example' };
const WEB_FLOW = { name: 'GitHub', email: 'noreply@github.com' };

/** The people file, written by hand: what a maintainer keeps next to cdstats.yaml. */
const GITDM = `# affiliations
ada: ada!work.example
\tInitech until 2024-06-01
\tGlobex
`;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  work = path.join(dir, 'work');
  const repo = await TestRepo.create(path.join(work, 'repo'));
  await repo.commit({ files: { '.mailmap': 'Ada Lovelace <ada@work.example> <ada@home.example>\nAda Lovelace <ada@work.example> <ada.lovelace@gmail.com>\n' }, author: ADA_WORK, date: '2024-01-10T10:00:00Z' });
  await repo.commit({ author: ADA_HOME, date: '2024-03-10T10:00:00Z', message: 'Fix\n\nCo-authored-by: Linus T <linus@kernel.example>' });
  await repo.commit({ author: ADA_GMAIL, date: '2024-08-10T10:00:00Z' });
  await repo.commit({ author: ADA_WORK, date: '2024-09-10T10:00:00Z' });
  await repo.commit({ author: GRACE, committer: WEB_FLOW, date: '2024-02-01T10:00:00Z' });
  await repo.commit({ author: JOHN_A, date: '2024-02-02T10:00:00Z' });
  await repo.commit({ author: JOHN_B, date: '2024-02-03T10:00:00Z' });
  await repo.commit({ author: RENOVATE, date: '2024-02-04T10:00:00Z' });
  await repo.commit({ author: DEPENDABOT, date: '2024-02-05T10:00:00Z' });
  await repo.commit({ author: RELEASER, date: '2024-02-06T10:00:00Z' });
  await writeFile(path.join(work, 'people.txt'), GITDM);
  await writeConfig(
    work,
    `projects:
  - name: Demo
    repos:
      - git: ./repo
identity:
  gitdm: [people.txt]
  aliases:
    Heptio: VMware
  people:
    - emails: [john@a.example]
      affiliations: [Heptio]
bots:
  include: ["*-release-automation"]
`,
  );
  expect((await runCli(['collect'], { cwd: work })).code).toBe(0);
});
afterAll(() => cleanup());

async function people(args: string[] = []): Promise<Record<string, string>[]> {
  const result = await runCli(['people', '--format', 'json', ...args], { cwd: work });
  // The two John Smiths are strangers to cdstats, and a likely pair to a maintainer.
  expect(result.stderr).toBe('likely duplicate people remain: 1 pairs with the same name and different emails; review them with `cdstats people --duplicates` and accept them with `cdstats people --duplicates --mailmap FILE`\n');
  return JSON.parse(result.stdout) as Record<string, string>[];
}

describe('bot activity', () => {
  it('counts bot contributions against all, per month', async () => {
    const config = await loadConfig(path.join(work, 'cdstats.yaml'), silentLog);
    const db = await openWithPeople(config, silentLog);
    try {
      const rows = await runIndicator(db, await readIndicator('bot_activity'), { as_of: new Date('2024-03-31T23:59:59Z') });
      // January: Ada's first commit. February: Grace, two John Smiths and three bots. March: Ada and her co-author.
      expect(rows).toEqual([
        { project: 'Demo', period: '2024-01-01', value: 0, total: 1, share: 0 },
        { project: 'Demo', period: '2024-02-01', value: 3, total: 6, share: 0.5 },
        { project: 'Demo', period: '2024-03-01', value: 0, total: 2, share: 0 },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('cdstats people', () => {
  it('joins three emails by mailmap, keeps same-named strangers apart, credits co-authors, leaves bots out', async () => {
    const rows = await people();
    expect(rows.map((r) => [r.name, r.emails, r.logins, r.company, r.contributions])).toEqual([
      ['Ada Lovelace', 'ada.lovelace@gmail.com, ada@home.example, ada@work.example', 'ada', 'Globex', 4],
      ['Grace Hopper', '12345+grace@users.noreply.github.com', 'grace', null, 1],
      ['John Smith', 'john@a.example', '', 'VMware', 1],
      ['John Smith', 'john@b.example', '', null, 1],
      ['Linus T', 'linus@kernel.example', '', null, 1],
    ]);
  });

  it('lists the bots apart: [bot] accounts, and the custom pattern', async () => {
    const bots = (await people(['--bots'])).filter((r) => r.is_bot);
    expect(bots.map((r) => r.name).sort()).toEqual(['acme-release-automation', 'dependabot[bot]', 'renovate[bot]']);
  });

  it('credits each contribution to the company of its author at that date', async () => {
    const result = await runCli(['query', "SELECT person, company, strftime(contributed_at, '%Y-%m') AS month FROM contributions WHERE person = 'Ada Lovelace' AND kind = 'commit' ORDER BY contributed_at", '--format', 'json'], { cwd: work });
    expect(JSON.parse(result.stdout)).toEqual([
      { person: 'Ada Lovelace', company: 'Initech', month: '2024-01' },
      { person: 'Ada Lovelace', company: 'Initech', month: '2024-03' },
      { person: 'Ada Lovelace', company: 'Globex', month: '2024-08' },
      { person: 'Ada Lovelace', company: 'Globex', month: '2024-09' },
    ]);
    const web = await runCli(['query', "SELECT count(*) AS n FROM people WHERE name = 'GitHub'", '--format', 'json'], { cwd: work });
    expect(JSON.parse(web.stdout)).toEqual([{ n: 0 }]);
  });

  it('writes the most active unaffiliated people as a gitdm template', async () => {
    const file = path.join(dir, 'to-fill.txt');
    const result = await runCli(['people', '--unaffiliated', '--top', '2', '--gitdm', file], { cwd: work });
    expect(result.code).toBe(0);
    const text = await (await import('node:fs/promises')).readFile(file, 'utf8');
    expect(text.split('\n').filter((l) => !l.startsWith('#'))).toEqual(['grace: 12345+grace!users.noreply.github.com', '\tUnknown', ': john!b.example', '\tUnknown', '']);
  });

  it('takes an edited affiliation file into account at once, with no collect', async () => {
    await writeFile(path.join(work, 'people.txt'), `${GITDM}linus: linus!kernel.example\n\tLinux Foundation\nbroken line without indentation or colon\n`);
    const result = await runCli(['people', '--format', 'json'], { cwd: work });
    expect(result.stderr).toMatch(/people\.txt:7: /);
    const rows = JSON.parse(result.stdout) as Record<string, string>[];
    expect(rows.find((r) => r.name === 'Linus T')?.company).toBe('Linux Foundation');
    await writeFile(path.join(work, 'people.txt'), GITDM);
  });
});
