import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type CliProcess, firstLine, spawnCli } from '../support/cli-process';

export { buildRendererIfMissing, launchChromium } from '../support/chromium';

export const screenshotDir = resolve('test-results/screenshots');
const axeSource = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** A full-viewport PNG in test-results/screenshots/<name>.png; returns its path. */
export async function capture(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  await imagesOnScreenLoaded(page);
  const path = `${screenshotDir}/${name}.png`;
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  return path;
}

/** Lazy thumbnails decode after they scroll in; a picture of half-loaded cards helps no one. */
async function imagesOnScreenLoaded(page: Page): Promise<void> {
  const pending = `Array.from(document.images).filter((image) => {
    const box = image.getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight && !(image.complete && image.naturalWidth > 0);
  }).length`;
  for (let tries = 0; tries < 40 && (await page.evaluate(pending)) !== 0; tries += 1) {
    await page.waitForTimeout(50);
  }
  await page.evaluate(
    'Promise.all(Array.from(document.images, (image) => image.decode().catch(() => undefined)))',
  );
}

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  nodes: AxeNode[];
}

/**
 * Serious and critical axe-core findings on the page as it is, one line each. The page's CSP
 * forbids inline scripts, so axe goes in through the DevTools protocol, which CSP does not govern.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate('typeof globalThis.axe === "object"');
  if (!loaded) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    'globalThis.axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    );
}

export interface VideoState {
  currentTime: number;
  duration: number;
  paused: boolean;
  src: string;
  tracks: { language: string; mode: string; cues: number; active: number }[];
}

/** The first <video> on the page as plain numbers, or null when there is none. */
export function videoState(page: Page): Promise<VideoState | null> {
  return page.evaluate(`(() => {
    const video = document.querySelector('video');
    if (!video) return null;
    return {
      currentTime: video.currentTime,
      duration: video.duration,
      paused: video.paused,
      src: video.currentSrc || video.src,
      tracks: Array.from(video.textTracks, (t) => ({
        language: t.language,
        mode: t.mode,
        cues: t.cues ? t.cues.length : 0,
        active: t.activeCues ? t.activeCues.length : 0,
      })),
    };
  })()`) as Promise<VideoState | null>;
}

/** Temporary folders a journey makes, all removed together at the end. */
export function tempFolders() {
  const made: string[] = [];
  return {
    make(prefix: string): string {
      const folder = mkdtempSync(join(tmpdir(), prefix));
      made.push(folder);
      return folder;
    },
    removeAll(): void {
      for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Starts `offstream serve` on a free port against `api`, with its library and configuration in
 * the given folders and no account in the environment, and reads the address it prints first.
 */
export async function startServe(options: {
  api: string;
  library: string;
  config: string;
}): Promise<{ serve: CliProcess; address: string }> {
  const serve = spawnCli(['serve', '--port', '0'], {
    OFFSTREAM_API_BASE: options.api,
    OFFSTREAM_LIBRARY: options.library,
    OFFSTREAM_CONFIG_DIR: options.config,
    OFFSTREAM_ACCOUNT_ID: undefined,
    OFFSTREAM_API_TOKEN: undefined,
    OFFSTREAM_LOG_LEVEL: 'warn',
  });
  try {
    const address = (JSON.parse(await firstLine(serve)) as { url: string }).url;
    return { serve, address };
  } catch (error) {
    await stopServe(serve);
    throw error;
  }
}

/** Stops a serve that startServe started, if it still runs, and waits for it to exit. */
export async function stopServe(serve: CliProcess | undefined): Promise<void> {
  if (serve && serve.exitCode === null) {
    const ended = new Promise((done) => serve.once('exit', done));
    serve.kill('SIGTERM');
    await ended;
  }
}
