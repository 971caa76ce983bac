import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubServer } from '../../github/server.js';
import { CLI, runCli } from '../../helpers/cli.js';
import { writeConfig } from '../../helpers/git.js';
import { TOKEN, TOKEN_ENV, useGitHubWorld } from './harness.js';
import { heldByGitHub, kubernetesWorld, NAME, stored } from './kubernetes-world.js';

const LISTING = 'REST /repos/{owner}/{repo}/pulls/comments';
const env = { [TOKEN_ENV]: TOKEN };
const { dir, clone } = useGitHubWorld();

describe('the inline comment listing killed with SIGKILL', () => {
  it('resumes at the page it was on, and ends with what GitHub holds, nothing twice', async () => {
    const world = kubernetesWorld();
    const server: GitHubServer = await startGitHubServer({ fixture: world.fixture, token: TOKEN, limit: 1_000_000 });
    try {
      const work = path.join(dir(), 'killed');
      await writeConfig(work, `github:\n  tokenEnv: ${TOKEN_ENV}\n  graphqlUrl: ${server.url}\nprojects:\n  - name: Kube\n    repos:\n      - github: ${NAME}\n        clone: ${clone().dir}\n`);
      const listed = () => server.stats.byOperation[LISTING]?.requests ?? 0;
      await new Promise<void>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'collect'], { cwd: work, env: { ...process.env, ...env }, stdio: 'ignore' });
        // Killed once a few pages of the listing are in, wherever the collect is then.
        const timer = setInterval(() => {
          if (listed() >= 6) child.kill('SIGKILL');
        }, 2);
        child.on('close', () => {
          clearInterval(timer);
          resolve();
        });
      });
      const before = listed();
      expect(before).toBeGreaterThanOrEqual(6);
      server.resetStats();
      const resumed = await runCli(['collect'], { cwd: work, env });
      expect({ code: resumed.code, stderr: resumed.stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('failed:') });
      const again = server.requests.filter((r) => r.operation === LISTING);
      expect(again[0]?.variables.since).toEqual(expect.any(String));
      const inline = heldByGitHub(world.fixture).comments.filter((c) => (c as { kind: string }).kind === 'review_comment').length;
      expect(before + again.length).toBeLessThanOrEqual(Math.ceil(inline / 100) + Math.ceil(inline / 1000) + 3);
      expect(await stored(path.join(work, 'data', 'cdstats.duckdb'))).toEqual(heldByGitHub(world.fixture));
    } finally {
      await server.close();
    }
  });
});
