import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // app/ imports shared code as `@/lib/...` (tsconfig paths); the tests under app/ resolve it the same way.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: {
    include: ['scripts/**/*.test.ts', 'lib/**/*.test.ts', 'server/**/*.test.ts', 'app/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Server tests spawn child processes and bind ports; two cores cannot take much parallelism.
    maxWorkers: 2,
  },
});
