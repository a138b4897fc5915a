import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Server tests spawn child processes and bind ports; two cores cannot take much parallelism.
    maxWorkers: 2,
  },
});
