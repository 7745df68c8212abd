import { resolve } from 'node:path';
import { build } from 'vite';
import { type SteeredEmulator, startSteeredEmulator } from '../../main/core/emulator/steering';

// Beside app/dist/samples, where the bundled sample catalogue looks for its media files.
const outDir = resolve('app/dist/e2e');

async function buildScript(): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: resolve('test/e2e/emulator-process.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'emulator-process.js' } },
    },
  });
  return `${outDir}/emulator-process.js`;
}

/** Builds and starts the emulator as a separate process with a short preparation time. */
export async function startEmulatorProcess(preparationMs: number): Promise<SteeredEmulator> {
  return startSteeredEmulator(await buildScript(), [String(preparationMs)]);
}
