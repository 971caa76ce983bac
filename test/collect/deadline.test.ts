import { afterEach, describe, expect, it, vi } from 'vitest';
import { GitDeadline } from '../../src/collect/git/deadline.js';
import type { RepoConfig } from '../../src/config/types.js';

const repo: RepoConfig = { name: 'acme/tool', kind: 'git', url: 'https://user:secret@example.org/acme/tool.git', local: false, branch: undefined, origin: { file: 'c.yaml', line: 1 } };
const forever = (signal: AbortSignal) => new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));

afterEach(() => {
  vi.useRealTimers();
});

describe('GitDeadline', () => {
  it("counts a repository's own work only, not its waits for a turn", async () => {
    vi.useFakeTimers();
    const deadline = new GitDeadline(repo, 1, new AbortController().signal);
    await deadline.during(async () => {
      vi.advanceTimersByTime(40_000); // the fetch
    });
    vi.advanceTimersByTime(3_600_000); // behind other repositories' history
    expect(deadline.signal.aborted).toBe(false);
    const reading = deadline.during(forever);
    vi.advanceTimersByTime(19_999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    await expect(reading).rejects.toThrow(
      'git did not finish within 1 minute (git.timeoutMinutes), so it was stopped: check that https://***@example.org/acme/tool.git answers (git ls-remote https://***@example.org/acme/tool.git), or raise git.timeoutMinutes',
    );
  });

  it('keeps the clock running while any of its work runs', async () => {
    vi.useFakeTimers();
    const deadline = new GitDeadline(repo, 1, new AbortController().signal);
    let fetched: () => void = () => undefined;
    const fetch = deadline.during(() => new Promise<void>((resolve) => (fetched = resolve)));
    const reading = deadline.during(forever); // waits for the fetch, and counts
    vi.advanceTimersByTime(30_000);
    fetched();
    await fetch;
    vi.advanceTimersByTime(30_000);
    await expect(reading).rejects.toThrow('git did not finish within 1 minute');
  });

  it('stops with the run', async () => {
    const run = new AbortController();
    const deadline = new GitDeadline(repo, 60, run.signal);
    const reading = deadline.during(forever);
    run.abort(new Error('collect stopped'));
    await expect(reading).rejects.toThrow('collect stopped');
  });

  it('takes a listener per git process, as many as there are cores, without a leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const deadline = new GitDeadline(repo, 60, new AbortController().signal);
    for (let i = 0; i < 64; i++) deadline.signal.addEventListener('abort', () => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(warnings).toEqual([]);
  });
});
