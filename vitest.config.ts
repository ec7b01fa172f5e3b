import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The synthetic data's pseudonym key for tests only (a real run takes its key from the operator).
    env: { GRIDFLOW_PSEUDONYM_KEY: 'gridflow-tests-only-synthetic-data-key-0001' },
  },
});
