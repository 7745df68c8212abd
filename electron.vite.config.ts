import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// Everything the packaged app runs lands in app/dist (electron-builder's two-package.json layout).
export default defineConfig({
  main: {
    build: {
      outDir: 'app/dist/main',
      // Pure-JS dependencies are bundled; only the native module stays outside (app/package.json).
      externalizeDeps: { exclude: ['got', 'zod', 'electron-updater'] },
      rollupOptions: { input: { index: resolve('main/electron/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'app/dist/preload',
      // Sandboxed preloads cannot be ES modules.
      rollupOptions: {
        input: { index: resolve('main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      outDir: 'app/dist/renderer',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
