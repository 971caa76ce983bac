import type { Log } from '../log.js';

/** Progress of a collect: a bar per active repository on a terminal, one plain line per repository otherwise. */
export interface Progress {
  begin(repo: string, total: number): void;
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

class TerminalProgress implements Progress {
  private readonly bars = new Map<string, { done: number; total: number }>();
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly stream: ProgressStream) {}

  begin(repo: string, total: number): void {
    this.bars.set(repo, { done: 0, total });
    this.timer ??= setInterval(() => this.draw(), 100);
  }

  advance(repo: string, count: number): void {
    const bar = this.bars.get(repo);
    if (bar) bar.done += count;
  }

  end(repo: string, line: string): void {
    this.bars.delete(repo);
    this.clear();
    this.stream.write(`${line}\n`);
    this.draw();
  }

  done(repo: string): void {
    this.bars.delete(repo);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  private clear(): void {
    if (this.drawn > 0) this.stream.write(`\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    this.clear();
    const width = Math.max(20, (this.stream.columns || 80) - 20);
    for (const [repo, bar] of this.bars) {
      const label = repo.length > width - 30 ? `…${repo.slice(-(width - 31))}` : repo;
      this.stream.write(`${label.padEnd(width - 28)} ${renderBar(bar.done, bar.total, 20)} ${bar.done}/${bar.total}\n`);
      this.drawn++;
    }
  }
}
