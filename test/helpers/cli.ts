import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/cli/io.js';
import { runCli as run } from '../../src/cli/program.js';

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/bin/cdstats.js');

/** The time in-process commands take as now, unless a test gives its own. */
export const NOW = new Date('2025-06-30T12:00:00Z');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  /** Standard input (not a terminal, empty when not given). */
  input?: string;
  /** Environment variables set for the run. */
  env?: Record<string, string>;
}

/** An in-process command line: streams captured as text, not terminals, and a fixed clock. */
export function captureIo(options: { cwd: string; input?: string; now?: Date }): { io: CliIo; stdout: () => string; stderr: () => string } {
  const capture = () => {
    const chunks: Buffer[] = [];
    return { chunks, output: { isTTY: false, write: (chunk: string | Uint8Array) => chunks.push(Buffer.from(chunk)) } };
  };
  const out = capture();
  const err = capture();
  const input = options.input;
  const stdin = {
    isTTY: false,
    async *[Symbol.asyncIterator]() {
      if (input !== undefined) yield input;
    },
  };
  const now = options.now ?? NOW;
  const io: CliIo = { stdout: out.output, stderr: err.output, stdin, cwd: options.cwd, now: () => new Date(now) };
  return { io, stdout: () => Buffer.concat(out.chunks).toString('utf8'), stderr: () => Buffer.concat(err.chunks).toString('utf8') };
}

/** Sets environment variables for the duration of `action`, then restores them. */
async function withEnv<T>(env: Record<string, string>, action: () => Promise<T>): Promise<T> {
  const saved = Object.keys(env).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, env);
  try {
    return await action();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  }
}

/** Runs `cdstats` in this process, as the bin does, with captured streams and the clock at NOW. */
export async function runCli(args: string[], options: CliOptions & { now?: Date }): Promise<CliResult & { code: number }> {
  const { io, stdout, stderr } = captureIo(options);
  const code = await withEnv(options.env ?? {}, () => run(args, io));
  return { code, stdout: stdout(), stderr: stderr() };
}

/**
 * Runs the built `cdstats` binary as a user would (npm test builds it first): for what only a
 * process shows. `node` adds options of node (`--import` a module first); `started` gets the pid.
 */
export function spawnCli(args: string[], options: CliOptions & { node?: string[]; started?: (pid: number) => void }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.node ?? []), CLI, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
    if (child.pid !== undefined) options.started?.(child.pid);
  });
}
