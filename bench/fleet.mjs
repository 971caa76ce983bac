// An organisation of FLEET repositories against the local GitHub server: what an hourly run of a
// foundation costs when little changed. Measured for `github: fleet/*` (the organisation listing)
// and for the same repositories listed one by one. Git is kept out of the wall time: `mirrors:`
// names a path under a file, so every mirror fails at once without running git (those failures are
// expected and ignored). The baseline, run in this process, is the no-op run of one of the
// repositories: what any run costs whatever the number of repositories. Wall times are the
// fastest of three runs.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export const FLEET = 500;
/** Of every ten repositories, one changes between the no-op run and the next. */
const CHANGED_EVERY = 10;

/**
 * @param {{ GitHubFixture: any, startGitHubServer: any, collect: any, loadConfig: any, silentLog: any }} modules
 * @param {string} work
 */
export async function fleetBudget(modules, work) {
  const { GitHubFixture, startGitHubServer, collect, loadConfig, silentLog } = modules;
  const fixture = new GitHubFixture({ start: '2021-01-01T00:00:00Z', step: 60 });
  fixture.organization('fleet');
  /** @type {string[]} */
  const names = [];
  for (let i = 0; i < FLEET; i++) {
    const name = `fleet/repo-${String(i).padStart(3, '0')}`;
    const repo = fixture.addRepository(name);
    const dev = fixture.user(`fleet-dev${i % 50}`);
    fixture.addCommit(repo, { user: dev });
    const pr = fixture.addPullRequest(repo, { author: dev });
    fixture.addReview(pr, { author: fixture.user(`fleet-dev${(i + 1) % 50}`) });
    fixture.addIssue(repo, { author: dev });
    fixture.addRelease(repo, 'v1.0.0', { author: dev });
    fixture.addStargazer(repo, dev);
    names.push(name);
  }
  const server = await startGitHubServer({ fixture, token: 'bench-token', limit: 10_000_000 });
  try {
    await writeFile(path.join(work, 'no-mirrors'), 'a file, so that no mirror can be made under it\n');
    /** @param {string} name @param {string[]} repos */
    const config = async (name, repos) => {
      const file = path.join(work, `${name}.yaml`);
      const head = `database: ${name}.duckdb\nmirrors: no-mirrors/m\ngithub:\n  tokenEnv: CDSTATS_BENCH_TOKEN\n  graphqlUrl: ${server.url}\n`;
      await writeFile(file, `${head}projects:\n  - name: Fleet\n    repos:\n${repos.map((r) => `      - github: ${r}\n`).join('')}`);
      return file;
    };
    const org = await config('fleet-org', ['fleet/*']);
    const each = await config('fleet-each', names);
    const one = await config('fleet-one', names.slice(0, 1));
    /** @param {string} config */
    const run = async (config) => {
      server.resetStats();
      const started = performance.now();
      const summary = await collect(await loadConfig(config, silentLog), { projects: [], wait: 0, log: silentLog });
      const seconds = (performance.now() - started) / 1000;
      const githubFailed = summary.github.filter((/** @type {{ ok: boolean }} */ r) => !r.ok);
      if (githubFailed.length > 0) throw new Error(githubFailed.map((/** @type {{ message: string }} */ r) => r.message).join('\n'));
      return { seconds, points: server.stats.points, requests: server.stats.requests };
    };

    /** The fastest of three no-op runs (the machine may be busy with other work), after a first run. */
    const noop = async (/** @type {string} */ config) => {
      await run(config);
      const runs = [await run(config), await run(config), await run(config)];
      return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    };
    const baseline = (await noop(one)).seconds;
    const orgNoop = await noop(org);
    const eachNoop = await noop(each);

    // One repository in ten changes, each in one way: a review, a comment, an edited issue, a star, a release.
    fixture.advance(3600);
    for (let i = 0; i < FLEET; i += CHANGED_EVERY) {
      const repo = names[i] ?? '';
      const pr = fixture.pullRequest(repo, 1);
      switch ((i / CHANGED_EVERY) % 5) {
        case 0: fixture.addReview(pr, { author: 'fleet-dev7' }); break;
        case 1: fixture.addComment(pr, { author: 'fleet-dev8' }); break;
        case 2: fixture.touchIssue(repo, 2, { title: 'Edited' }); break;
        case 3: fixture.addStargazer(repo, 'fleet-fan'); break;
        default: fixture.addRelease(repo, 'v1.1.0', { author: 'fleet-dev9' });
      }
    }
    const orgChanged = await run(org);
    return { baseline, orgNoop, eachNoop, orgChanged, changed: FLEET / CHANGED_EVERY };
  } finally {
    await server.close();
  }
}
