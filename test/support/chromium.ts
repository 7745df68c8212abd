import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** The built renderer the browser tests load; built once if a fresh checkout lacks it. */
export const rendererDir = resolve('app/dist/renderer');

export function buildRendererIfMissing(): void {
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
  }
}

/**
 * Debian's Chromium (or the browser OFFSTREAM_CHROMIUM names: the hosted CI runners' Google
 * Chrome), headless, without the background traffic this closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.OFFSTREAM_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // The player and kiosk start with sound, as they do after a click in the desktop app.
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
