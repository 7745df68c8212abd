import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Node 20 cannot run TypeScript: the benches are bundled like the CLI and run with plain node.
export default defineConfig({
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
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
