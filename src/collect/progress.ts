import type { Log } from '../log.js';

/** Progress of a collect: a bar per active repository on a terminal, one plain line per repository otherwise. */
export interface Progress {
  /** Says what a repository does while nothing can be counted yet (cloning, listing history, storing). */
  phase(repo: string, what: string): void;
  /** Starts a bar of `total` steps, named `what` when given (reading commits). */
  begin(repo: string, total: number, what?: string): void;
  advance(repo: string, count: number): void;
  /** Prints the repository's final line (and removes its bar). */
  end(repo: string, line: string): void;
  /** Removes a bar without a line. */
  done(repo: string): void;
  stop(): void;
}

/** Where bars are drawn: a terminal. */
export interface ProgressStream {
  write(chunk: string): unknown;
  readonly columns?: number;
}

export function createProgress(log: Log, stream: ProgressStream = process.stderr): Progress {
  return log.tty ? new TerminalProgress(stream) : new PlainProgress(log);
}

class PlainProgress implements Progress {
  constructor(private readonly log: Log) {}
  phase(): void {}
  begin(): void {}
  advance(): void {}
  end(_repo: string, line: string): void {
    this.log.info(line);
  }
  done(): void {}
  stop(): void {}
}

export function renderBar(done: number, total: number, width: number): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%`;
}

/** A repository's line: a phase alone (`total` undefined), or a bar of `done` out of `total`. */
interface Line {
  what: string;
  done: number;
  total: number | undefined;
}

class TerminalProgress implements Progress {
  private readonly lines = new Map<string, Line>();
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly stream: ProgressStream) {}

  phase(repo: string, what: string): void {
    this.show(repo, { what, done: 0, total: undefined });
  }

  begin(repo: string, total: number, what = ''): void {
    this.show(repo, { what, done: 0, total });
  }

  advance(repo: string, count: number): void {
    const line = this.lines.get(repo);
    if (line) line.done += count;
  }

  end(repo: string, line: string): void {
    this.lines.delete(repo);
    this.clear();
    this.stream.write(`${line}\n`);
    this.draw();
  }

  done(repo: string): void {
    this.lines.delete(repo);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  /** A change of phase is drawn at once: it may last long (a clone, the listing of a large history). */
  private show(repo: string, line: Line): void {
    this.lines.set(repo, line);
    this.timer ??= setInterval(() => this.draw(), 100);
    this.draw();
  }

  private clear(): void {
    if (this.drawn > 0) this.stream.write(`\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    this.clear();
    const columns = this.stream.columns || 80;
    for (const [repo, line] of this.lines) {
      const bar = line.total === undefined ? '' : `${renderBar(line.done, line.total, 20)} ${line.done}/${line.total}`;
      const status = bar === '' ? `${line.what}…` : [line.what, bar].filter(Boolean).join(' ');
      // One terminal line each, or the redraw would climb too few lines: the name gives way.
      const room = Math.max(10, columns - status.length - 2);
      const label = repo.length > room ? `…${repo.slice(-(room - 1))}` : repo.padEnd(room);
      this.stream.write(`${label} ${status}\n`);
      this.drawn++;
    }
  }
}
