import { chmodSync, cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// The sample library travels with the build so `offstream emulator` and the app find it offline;
// the bundle is made executable because `npx offstream` runs it through its shebang.
const finishCliBuild: Plugin = {
  name: 'offstream-finish-cli-build',
  closeBundle() {
    chmodSync(resolve('app/dist/cli/offstream.js'), 0o755);
    cpSync(resolve('main/core/emulator/samples'), resolve('app/dist/samples'), {
      recursive: true,
      filter: (path) => !/\.(ts|sh)$/.test(path),
    });
  },
};

export default defineConfig({
  plugins: [finishCliBuild],
  // Bundled rather than resolved from node_modules at every start: loading got and zod module by
  // module was most of the CLI's start-up (0.5 s → 0.3 s for `offstream --help`). got's own
  // dependencies stay external; better-sqlite3 is native.
  ssr: { noExternal: ['got', 'zod', 'commander', 'cli-progress'] },
  build: {
    ssr: resolve('main/cli/offstream.ts'),
    outDir: 'app/dist/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      // Chunks (loaded on use) sit beside the entry: code finds the samples and the renderer
      // relative to its own file.
      output: {
        entryFileNames: 'offstream.js',
        chunkFileNames: '[name]-[hash].js',
        banner: '#!/usr/bin/env node',
      },
    },
  },
});
