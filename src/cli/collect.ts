import { collect, formatSummary, type CollectOptions } from '../collect/run.js';
import { loadConfig } from '../config/load.js';
import { EXIT_FAILED, EXIT_OK } from '../errors.js';

/** `cdstats collect`: returns the exit status (1 when any repository failed). */
export async function runCollect(configFile: string | undefined, options: CollectOptions): Promise<number> {
  const config = await loadConfig(configFile, options.log);
  const summary = await collect(config, options);
  options.log.info(formatSummary(summary));
  return summary.reposFailed > 0 ? EXIT_FAILED : EXIT_OK;
}
