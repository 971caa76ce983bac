import { setMaxListeners } from 'node:events';
import { UserError, errorMessage } from '../errors.js';

/** Exit statuses of a process ended by a signal, as a shell reports them. */
const SIGNAL_STATUS = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof SIGNAL_STATUS;

/** A collect ended by a signal: its last line, and its exit status as a shell reports one. */
class Interrupted extends UserError {
  constructor(readonly signal: StopSignal) {
    super(`collect interrupted (${signal}): the run is marked failed; what was stored stays, and the next collect goes on from there`, SIGNAL_STATUS[signal]);
  }
}

/** Why a collect stopped, as its run records it (`collect stopped: …`). */
export function stopReason(error: unknown): string {
  return error instanceof Interrupted ? `interrupted (${error.signal})` : errorMessage(error);
}

/**
 * What may end a collect from outside its own flow, made to end it like any error, so that its
 * run is marked failed and its lock released:
 * - an error thrown where nothing can catch it (a stream handler) or a promise rejected with no
 *   handler, which would otherwise print a stack trace and leave the run `running`;
 * - SIGINT (Ctrl-C) and SIGTERM (cron's or systemd's stop), which no longer reach git by
 *   themselves: git runs in process groups of its own (see spawnGit).
 * `stopped` aborts at the first of them (every git is killed, GitHub requests and waits end);
 * `failed` rejects with it. A second signal ends the process at once, as if none were caught.
 */
export class CollectGuard {
  readonly stopped = new AbortController();
  readonly failed: Promise<never>;
  private fail: (error: unknown) => void = () => undefined;

  constructor() {
    setMaxListeners(0, this.stopped.signal); // every wait of the GitHub client listens to it
    this.failed = new Promise<never>((_, reject) => (this.fail = reject));
    this.failed.catch(() => undefined); // raced against the collect, which may end first
    process.on('uncaughtException', this.onError);
    process.on('unhandledRejection', this.onError);
    for (const signal of Object.keys(SIGNAL_STATUS) as StopSignal[]) process.once(signal, this.onSignal);
  }

  /** Stops the collect's work with `error` (the first one wins). */
  stop(error: unknown): void {
    if (this.stopped.signal.aborted) return;
    this.stopped.abort(error);
    this.fail(error);
  }

  dispose(): void {
    process.off('uncaughtException', this.onError);
    process.off('unhandledRejection', this.onError);
    for (const signal of Object.keys(SIGNAL_STATUS) as StopSignal[]) process.off(signal, this.onSignal);
  }

  private readonly onError = (error: unknown): void => this.stop(error);

  private readonly onSignal = (signal: StopSignal): void => this.stop(new Interrupted(signal));
}
