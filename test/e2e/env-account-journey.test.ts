import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SteeredEmulator } from '../../main/core/emulator/steering';
import { type CliProcess, firstLine, spawnCli } from '../support/cli-process';
import { buildRendererIfMissing, launchChromium, tempFolders, videoState } from './browser-support';
import { startEmulatorProcess } from './emulator-handle';

// `offstream serve` configured only from the environment, on a machine with no earlier app
// config: the journey a company's IT would script, once per kind of Cloudflare API token.
const alpine = 'Alpine Lake Timelapse';

let browser: Browser;
const folders = tempFolders();
const running: { serve?: CliProcess; emulator?: SteeredEmulator } = {};

beforeAll(async () => {
  buildRendererIfMissing();
  browser = await launchChromium();
}, 120_000);

afterEach(async () => {
  const { serve, emulator } = running;
  if (serve && serve.exitCode === null) {
    const ended = new Promise((done) => serve.once('exit', done));
    serve.kill('SIGTERM');
    await ended;
  }
  emulator?.kill();
  running.serve = undefined;
  running.emulator = undefined;
});

afterAll(async () => {
  await browser?.close();
  folders.removeAll();
});

async function serveFromEnvironment(emulator: SteeredEmulator, token: string): Promise<Page> {
  const serve = spawnCli(['serve', '--port', '0'], {
    OFFSTREAM_API_BASE: emulator.info.api,
    OFFSTREAM_ACCOUNT_ID: emulator.info.account,
    OFFSTREAM_API_TOKEN: token,
    OFFSTREAM_LIBRARY: folders.make('offstream-env-library-'),
    OFFSTREAM_CONFIG_DIR: folders.make('offstream-env-config-'),
    OFFSTREAM_LOG_LEVEL: 'error',
  });
  running.serve = serve;
  const { url } = JSON.parse(await firstLine(serve)) as { url: string };
  const page = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  await page.goto(url);
  return page;
}

const card = (page: Page, name: string): Locator =>
  page.getByRole('listitem', { name: new RegExp(`^${name}`) });

describe.each([
  ['an account API token', 'account'],
  ['a user API token', 'user'],
] as const)('the journey with %s from the environment', (_label, kind) => {
  it('shows the catalogue, searches, downloads, and plays offline', async () => {
    const emulator = await startEmulatorProcess(200);
    running.emulator = emulator;
    const token =
      kind === 'account'
        ? emulator.info.token
        : await emulator.addToken({ kind: 'user', permission: 'stream:write' });
    const page = await serveFromEnvironment(emulator, token);

    // Straight to the catalogue: no onboarding, no problem.
    await card(page, alpine).waitFor({ timeout: 15_000 });
    expect(await page.locator('.notice-bad').count()).toBe(0);

    const videos = page.getByRole('list', { name: 'Videos' }).getByRole('listitem');
    await page.getByRole('searchbox', { name: 'Search videos' }).fill('alp');
    await vi.waitFor(async () => expect(await videos.count()).toBe(1), { timeout: 5_000 });

    await card(page, alpine).getByRole('button', { name: 'Download', exact: true }).click();
    await vi.waitFor(
      async () =>
        expect(await card(page, alpine).locator('.badge').textContent()).toBe('Available offline'),
      { timeout: 20_000, interval: 50 },
    );

    await emulator.stop();
    await card(page, alpine).getByRole('button', { name: 'Play' }).click();
    await vi.waitFor(
      async () => {
        const state = await videoState(page);
        expect(state?.paused).toBe(false);
        expect(state?.currentTime ?? 0).toBeGreaterThan(0.5);
      },
      { timeout: 10_000, interval: 50 },
    );
  });
});

describe('an account from the environment that cannot connect', () => {
  it('is shown on the page with its code and what to do', async () => {
    const emulator = await startEmulatorProcess(200);
    running.emulator = emulator;
    const disabled = await emulator.addToken({
      kind: 'account',
      permission: 'stream:write',
      status: 'disabled',
    });
    const page = await serveFromEnvironment(emulator, disabled);
    const notice = page.locator('.notice-bad[data-code="auth_invalid"]');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toMatch(/disabled/);
    expect(await page.getByRole('note').textContent()).toMatch(/could not be connected/);
  });
});
