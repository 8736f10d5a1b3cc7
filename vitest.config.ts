import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Integration suites share one embedded PostgreSQL server and the 2-core machine.
    fileParallelism: false,
    // Starts that server once per run (unless SPARKIFY_TEST_PG_URL names one) and stops it at the end.
    globalSetup: ['test/setup/postgres-global.ts'],
  },
});
