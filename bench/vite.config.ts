import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// The emulator serves the sample thumbnail with each synthetic video: offstream fetches it after
// the MP4, as it would from Cloudflare, so the bench times that too.
const copySamples: Plugin = {
  name: 'offstream-bench-samples',
  closeBundle() {
    cpSync(resolve('main/core/emulator/samples'), resolve('bench/dist/samples'), {
      recursive: true,
      filter: (path) => !/\.(ts|sh)$/.test(path),
    });
  },
};

// Node 20 cannot run TypeScript: the benches are bundled like the CLI and run with plain node.
export default defineConfig({
  plugins: [copySamples],
  build: {
    ssr: true,
    outDir: 'bench/dist',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: {
        transfer: resolve('bench/transfer.ts'),
        library: resolve('bench/library.ts'),
        'emulator-process': resolve('bench/emulator-process.ts'),
      },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // In a chunk, the emulator finds its samples in dist/samples as it does in app/dist.
        manualChunks: (id) => (id.includes('/main/core/emulator/') ? 'emulator' : undefined),
      },
    },
  },
});
