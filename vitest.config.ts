import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The slow files mostly wait on git, DuckDB and Chromium: two of them at a time even on two
    // cores, where vitest's default (one worker per core but one) would run them one by one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    env: { TZ: 'UTC' },
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
