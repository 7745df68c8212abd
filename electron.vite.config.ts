import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// The packaged app has only app/package.json's dependencies (the native module) beside its
// bundle: every other runtime dependency must be inside it, so none is left external by name.
const runtimePackage = JSON.parse(readFileSync(resolve('app/package.json'), 'utf8'));
const nativeOnly = new Set(Object.keys(runtimePackage.dependencies ?? {}));
const rootPackage = JSON.parse(readFileSync(resolve('package.json'), 'utf8'));
const bundled = Object.keys(rootPackage.dependencies ?? {}).filter((name) => !nativeOnly.has(name));

// Everything the packaged app runs lands in app/dist (electron-builder's two-package.json layout).
export default defineConfig({
  main: {
    build: {
      outDir: 'app/dist/main',
      // Pure-JS dependencies are bundled; only the native module stays outside (app/package.json).
      externalizeDeps: { exclude: bundled },
      rollupOptions: {
        input: { index: resolve('main/electron/index.ts') },
        // Stable chunk names: the security scan's accepted findings name the file they are in.
        output: { chunkFileNames: 'chunks/[name].js' },
      },
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
