import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    globalSetup: ['test/support/build-cli.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: integration suites start real servers; keep the pool small and predictable.
    pool: 'forks',
    maxWorkers: 2,
  },
});
