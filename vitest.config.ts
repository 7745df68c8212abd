import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The real Electron app needs better-sqlite3 rebuilt for Electron, which the command line
    // cannot load: it has its own run (npm run test:electron-smoke, after install-app-deps).
    exclude: [...configDefaults.exclude, 'test/electron-smoke/**'],
    environment: 'node',
    globalSetup: ['test/support/build-cli.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: integration suites start real servers; keep the pool small and predictable.
    pool: 'forks',
    maxWorkers: 2,
  },
});
