import { collect, formatSummary } from '../collect/run.js';
import { loadConfig } from '../config/load.js';
import { EXIT_FAILED, EXIT_OK } from '../errors.js';
import type { Log } from '../log.js';

/** `cdstats collect`: returns the exit status (1 when any repository failed). */
export async function runCollect(configFile: string | undefined, projects: string[], wait: number, log: Log): Promise<number> {
  const config = await loadConfig(configFile, log);
  const summary = await collect(config, { projects, wait, log });
  log.info(formatSummary(summary));
  return summary.reposFailed > 0 ? EXIT_FAILED : EXIT_OK;
}
