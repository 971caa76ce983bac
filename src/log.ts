/** Notes and progress go to stderr; stdout carries data only. */
export interface Log {
  info(line: string): void;
  warn(line: string): void;
  /** True when stderr is a terminal, so progress can be redrawn in place. */
  readonly tty: boolean;
}

export const stderrLog: Log = {
  info: (line) => process.stderr.write(`${line}\n`),
  warn: (line) => process.stderr.write(`warning: ${line}\n`),
  tty: process.stderr.isTTY === true,
};

export const silentLog: Log = { info: () => {}, warn: () => {}, tty: false };
