import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const electronPackage = resolve('node_modules/electron');

/**
 * Where the electron package's postinstall put the Electron binary (path.txt names it inside
 * dist/), or why there is none. Read here rather than through `require('electron')`, which
 * would try to download a missing binary: tests never download anything.
 */
export function findElectronBinary(): { binary: string } | { missing: string } {
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing: `the Electron binary is not installed: ${pathFile} is absent (electron's postinstall could not download it; no network)`,
    };
  }
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { missing: `the Electron binary ${binary} does not exist` };
  // The app loads the copy electron-builder rebuilt for Electron's ABI (two-package.json layout).
  if (!existsSync(resolve('app/node_modules/better-sqlite3'))) {
    return {
      missing:
        'better-sqlite3 has not been rebuilt for Electron in app/node_modules: run `npx electron-builder install-app-deps` first',
    };
  }
  return { binary };
}

/** Set by the hosted CI workflow: there a missing binary is a failure, not a skip. */
export const electronRequired = process.env.OFFSTREAM_ELECTRON_SMOKE === 'required';
