import { collect, formatSummary, type CollectOptions } from '../collect/run.js';
import { loadConfig } from '../config/load.js';
import { EXIT_FAILED, EXIT_OK } from '../errors.js';
import { streamLog } from '../log.js';
import type { CliIo } from './io.js';

/** `cdstats collect`: returns the exit status (1 when any repository failed). */
export async function runCollect(configFile: string | undefined, options: Pick<CollectOptions, 'projects' | 'wait' | 'batchSize' | 'full'>, io: CliIo): Promise<number> {
  const log = streamLog(io.stderr);
  const config = await loadConfig(configFile, log, io.cwd);
  const summary = await collect(config, { ...options, log, stderr: io.stderr });
  log.info(formatSummary(summary));
  return summary.reposFailed > 0 ? EXIT_FAILED : EXIT_OK;
}
