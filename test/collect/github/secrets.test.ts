import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { TestRepo, tempDir, writeConfig } from '../../helpers/git.js';

const PASSWORD = 'hunter2-never-printed';
const env = { CDSTATS_SECRET_TOKEN: 'ghp_secret_test' };
let dir: string;
let cleanup: () => Promise<void>;
let clone: TestRepo;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  clone = await TestRepo.create(path.join(dir, 'clone'));
  await clone.commit({ message: 'first' });
});
afterAll(() => cleanup());

const repos = () => `projects:\n  - name: Acme\n    repos:\n      - github: acme/widgets\n        clone: ${clone.dir}\n`;

describe('credentials in the GraphQL endpoint', () => {
  it('are refused at config load, at their line, without printing them or creating a database', async () => {
    const work = path.join(dir, 'config');
    await writeConfig(work, `github:\n  tokenEnv: CDSTATS_SECRET_TOKEN\n  graphqlUrl: http://user:${PASSWORD}@127.0.0.1:9/graphql\n${repos()}`);
    const result = await runCli(['collect'], { cwd: work, env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('cdstats.yaml:3: `graphqlUrl` must not hold a user name or password: the token belongs in the environment variable named by `tokenEnv`');
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    expect(existsSync(path.join(work, 'data', 'cdstats.duckdb'))).toBe(false);
  });

  it('are refused in GITHUB_GRAPHQL_URL too, without printing them', async () => {
    const work = path.join(dir, 'env');
    await writeConfig(work, `github:\n  tokenEnv: CDSTATS_SECRET_TOKEN\n${repos()}`);
    const result = await runCli(['collect'], { cwd: work, env: { ...env, GITHUB_GRAPHQL_URL: `http://user:${PASSWORD}@127.0.0.1:9/graphql` } });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('GITHUB_GRAPHQL_URL must not hold a user name or password');
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    expect(existsSync(path.join(work, 'data', 'cdstats.duckdb'))).toBe(false);
  });
});
