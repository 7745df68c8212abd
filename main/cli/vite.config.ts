import { chmodSync, cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// The sample library travels with the build so `offstream emulator` and the app find it offline;
// the launcher is made executable because `npx offstream` runs it through its shebang.
const finishCliBuild: Plugin = {
  name: 'offstream-finish-cli-build',
  closeBundle() {
    chmodSync(resolve('app/dist/cli/offstream.cjs'), 0o755);
    cpSync(resolve('main/core/emulator/samples'), resolve('app/dist/samples'), {
      recursive: true,
      filter: (path) => !/\.(ts|sh)$/.test(path),
    });
  },
};

export default defineConfig({
  plugins: [finishCliBuild],
  // Every dependency but the native one is bundled: resolving packages from node_modules module
  // by module was most of the command's start-up. CommonJS, because Node 20 can give V8's code
  // cache only to scripts (main/cli/launcher/code-cache.ts), not to ES modules.
  ssr: { noExternal: true, external: ['better-sqlite3'] },
  build: {
    ssr: true,
    outDir: 'app/dist/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: {
        offstream: resolve('main/cli/launcher/offstream.ts'),
        'offstream-main': resolve('main/cli/offstream.ts'),
      },
      // Chunks (loaded on use) sit beside the entry: code finds the samples and the renderer
      // relative to its own file.
      output: {
        format: 'cjs',
        entryFileNames: '[name].cjs',
        chunkFileNames: '[name]-[hash].cjs',
        banner: (chunk) => (chunk.name === 'offstream' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
});
