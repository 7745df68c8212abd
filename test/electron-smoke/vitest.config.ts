import { defineConfig } from 'vitest/config';

// The desktop app smoke test alone (npm run test:electron-smoke): it launches the built app in
// the real Electron, so it runs after `npm run build` and `npx electron-builder install-app-deps`.
export default defineConfig({
  test: {
    include: ['test/electron-smoke/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
