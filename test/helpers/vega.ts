import { compile, type TopLevelSpec } from 'vega-lite';

/** Compiles with Vega-Lite and returns its warnings: a spec that compiles with warnings draws something else than meant. */
export function warnings(spec: TopLevelSpec): string[] {
  const out: string[] = [];
  const logger = {
    level: () => logger,
    info: () => logger,
    debug: () => logger,
    warn: (...args: unknown[]) => (out.push(args.join(' ')), logger),
    error: (...args: unknown[]) => (out.push(args.join(' ')), logger),
  };
  compile(spec, { logger });
  return out;
}

/** Every key anywhere in a spec: a spec built from data must not grow keys that evaluate or load. */
export function keys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keys);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]);
}
