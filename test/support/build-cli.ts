import { resolve } from 'node:path';
import { build } from 'vite';
import { prepareHttpsEverywhere } from './https-everywhere';

/**
 * Builds the `offstream` CLI bundle once before the suites, so tests that spawn it as a real
 * process (exit codes, signals, kill -9) run the same artefact users run, never a stale one.
 */
export default async function buildCli(): Promise<void> {
  await prepareHttpsEverywhere();
  await build({ configFile: resolve('main/cli/vite.config.ts'), logLevel: 'warn' });
}
