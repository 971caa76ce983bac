import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runGit } from '../../src/git.js';

describe('git as cdstats runs it', () => {
  it('refuses remote helpers even where the config check cannot see them (a stored remote, a redirect)', async () => {
    await expect(runGit(['ls-remote', 'fd::17'], tmpdir())).rejects.toThrow(/transport 'fd' not allowed/);
  });
});
