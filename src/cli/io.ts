/** A stream a command writes to: the process's stdout or stderr, or a capture in tests. */
export interface Output {
  write(chunk: string | Uint8Array): unknown;
  readonly isTTY: boolean;
  /** The width of the terminal, when it is one. */
  readonly columns?: number;
}

/** Standard input: SQL for `cdstats query -`. */
export interface Input extends AsyncIterable<string | Uint8Array> {
  readonly isTTY: boolean;
}

/**
 * Everything a command takes from the process it runs in: the bin passes the process's own,
 * tests pass captured streams, a folder and a fixed clock.
 */
export interface CliIo {
  /** Data only: query results, people, an image with `--out -`. */
  readonly stdout: Output;
  /** Notes, warnings, progress and errors. */
  readonly stderr: Output;
  readonly stdin: Input;
  /** The folder relative paths of the command line (and the default config) are relative to. */
  readonly cwd: string;
  /** The time a command takes as now: the default `--as-of`, the build time of the report. */
  now(): Date;
}

