import { setMaxListeners } from 'node:events';
import type { RepoConfig } from '../../config/types.js';
import { RepoError } from './repo.js';

/**
 * The time one repository's git work may take in a run (`git.timeoutMinutes`), the only end of
 * a remote that accepts the connection and never answers (git:// has no low-speed limit).
 * The clock runs only while the repository's work does: its turn in the pools of clones and
 * readers is not counted, so a foundation's last repository is not failed for the others' time.
 * When it runs out, `signal` aborts, and every git process of the repository is killed.
 */
export class GitDeadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private left: number;
  private running = 0;
  private since = 0;
  private timer: NodeJS.Timeout | undefined;

  /** `run` aborts every repository at once (the collect itself stops). */
  constructor(
    private readonly repo: RepoConfig,
    private readonly minutes: number,
    run: AbortSignal,
  ) {
    this.left = minutes * 60_000;
    this.signal = AbortSignal.any([this.controller.signal, run]);
    setMaxListeners(0, this.signal); // one per git process of the repository, as many as there are cores
  }

  /** Runs `work` (the clone or fetch, or the reading of history) with the clock running. */
  async during<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running++ === 0) {
      this.since = Date.now();
      this.timer = setTimeout(() => this.expire(), Math.max(0, this.left));
    }
    try {
      return await work(this.signal);
    } finally {
      if (--this.running === 0) {
        clearTimeout(this.timer);
        this.left -= Date.now() - this.since;
      }
    }
  }

  private expire(): void {
    const url = this.repo.url;
    const minutes = `${this.minutes} minute${this.minutes === 1 ? '' : 's'}`;
    this.controller.abort(new RepoError(`git did not finish within ${minutes} (git.timeoutMinutes), so it was stopped: check that ${url} answers (git ls-remote ${url}), or raise git.timeoutMinutes`));
  }
}
