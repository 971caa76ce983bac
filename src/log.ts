/** Notes and progress go to stderr; stdout carries data only. */
export interface Log {
  info(line: string): void;
  warn(line: string): void;
  /** True when stderr is a terminal, so progress can be redrawn in place. */
  readonly tty: boolean;
}

/** Notes and warnings as lines of a stream: a command's stderr. */
export function streamLog(stream: { write(chunk: string): unknown; readonly isTTY: boolean }): Log {
  return {
    info: (line) => stream.write(`${line}\n`),
    warn: (line) => stream.write(`warning: ${line}\n`),
    tty: stream.isTTY === true,
  };
}

export const silentLog: Log = { info: () => {}, warn: () => {}, tty: false };
