import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SteeredEmulator } from '../../main/core/emulator/steering';
import type { CliProcess } from '../support/cli-process';
import {
  buildRendererIfMissing,
  capture,
  launchChromium,
  seriousAxeViolations,
  startServe,
  stopServe,
  tempFolders,
  videoState,
} from './browser-support';
import { startEmulatorProcess } from './emulator-handle';

// One person's afternoon, in order: each `it` starts where the previous one left the page.
const alpine = 'Alpine Lake Timelapse';
const harbour = 'Harbour at Dusk';
const waves = 'Ocean Waves Ambience';

let emulator: SteeredEmulator;
let serve: CliProcess | undefined;
let browser: Browser;
let page: Page;
let address: string;
/** Where the printed address led: the page's folder under its random prefix. */
let pageAddress: string;
const folders = tempFolders();

beforeAll(async () => {
  buildRendererIfMissing();
  emulator = await startEmulatorProcess(200);
  ({ serve, address } = await startServe({
    api: emulator.info.api,
    library: folders.make('offstream-e2e-library-'),
    config: folders.make('offstream-e2e-config-'),
  }));
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
  });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopServe(serve);
  emulator?.kill();
  folders.removeAll();
});

function uidOf(name: string): string {
  const video = emulator.info.videos.find((v) => v.name === name);
  if (!video) throw new Error(`no sample named ${name}`);
  return video.uid;
}

function card(name: string): Locator {
  return page.getByRole('listitem', { name: new RegExp(`^${name}`) });
}

async function badgeOf(name: string): Promise<string> {
  const text = await card(name).locator('.badge').textContent();
  return text ?? '';
}

async function expectNoSeriousAxeViolations(): Promise<void> {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** Clicks a card's button and waits until the card shows `label` (exactly, or a prefix). */
async function untilBadge(name: string, label: RegExp, timeout = 15_000): Promise<void> {
  await vi.waitFor(async () => expect(await badgeOf(name)).toMatch(label), {
    timeout,
    interval: 50,
  });
}

async function downloadAndWait(name: string): Promise<void> {
  await card(name).getByRole('button', { name: 'Download', exact: true }).click();
  await untilBadge(name, /^Available offline$/);
}

describe('the offline journey in Chromium against `offstream serve` and the emulator', () => {
  it('onboards: a wrong token is explained, the right one opens the catalogue', async () => {
    await page.goto(address);
    pageAddress = page.url().split('#')[0] ?? '';
    const form = page.getByRole('form', { name: 'Connect a Cloudflare account' });
    await form.getByLabel('Account ID').fill(emulator.info.account);
    await expectNoSeriousAxeViolations();
    await capture(page, 'onboarding');

    await form.getByLabel('API token').fill('not-the-right-token-at-all-0123456789');
    await form.getByRole('button', { name: 'Connect' }).click();
    const notice = form.locator('.notice-bad .notice-message');
    await notice.waitFor();
    expect((await notice.textContent())?.length ?? 0).toBeGreaterThan(10);
    await expectNoSeriousAxeViolations();

    await form.getByLabel('API token').fill(emulator.info.token);
    await form.getByRole('button', { name: 'Connect' }).click();
    for (const name of [alpine, harbour, waves]) await card(name).waitFor();
    expect(page.url()).toMatch(/#\/library$/);
  });

  it('narrows the list to what the search box matches', async () => {
    const videos = page.getByRole('list', { name: 'Videos' }).getByRole('listitem');
    const everything = await videos.count();
    expect(everything).toBeGreaterThanOrEqual(4);
    await page.getByRole('searchbox', { name: 'Search videos' }).fill('alpine');
    await vi.waitFor(async () => expect(await videos.count()).toBe(1), { timeout: 5_000 });
    await expect(videos.first().getAttribute('aria-labelledby')).resolves.toContain('card-');
    expect(await card(alpine).count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search videos' }).fill('');
    await vi.waitFor(async () => expect(await videos.count()).toBe(everything), {
      timeout: 5_000,
    });
  });

  it('shows a download moving up, pauses and resumes it, and ends "Available offline"', async () => {
    // About five seconds for the alpine sample: slow enough to watch and to pause mid-way.
    await emulator.setDeliveryFaults({ bytesPerSecond: 50_000 });
    await card(alpine).getByRole('button', { name: 'Download', exact: true }).click();
    const bar = card(alpine).getByRole('progressbar');
    const seen: number[] = [];
    await vi.waitFor(
      async () => {
        const label = await badgeOf(alpine);
        if (label.startsWith('Downloading')) {
          seen.push(Number(await bar.getAttribute('aria-valuenow')));
        }
        expect(seen.at(-1) ?? 0).toBeGreaterThanOrEqual(25);
      },
      { timeout: 15_000, interval: 50 },
    );

    await card(alpine).getByRole('button', { name: 'Pause' }).click();
    await untilBadge(alpine, /^Paused$/);
    const pausedAt = seen.at(-1) ?? 0;
    expect(pausedAt).toBeLessThan(100);
    await card(alpine).getByRole('button', { name: 'Resume' }).click();
    await vi.waitFor(
      async () => {
        const label = await badgeOf(alpine);
        if (label.startsWith('Downloading')) {
          seen.push(Number(await bar.getAttribute('aria-valuenow')));
        }
        expect(label).toBe('Available offline');
      },
      { timeout: 20_000, interval: 50 },
    );

    const distinct = [...new Set(seen)];
    expect(distinct.length).toBeGreaterThanOrEqual(3);
    expect(distinct.some((value) => value > 0 && value < pausedAt)).toBe(true);
    expect(distinct.some((value) => value > pausedAt && value < 100)).toBe(true);
    // The resumed transfer carries on from where it stopped rather than starting again.
    const afterPause = seen.slice(seen.lastIndexOf(pausedAt) + 1);
    expect(afterPause.every((value) => value >= pausedAt)).toBe(true);
    await card(alpine).getByRole('button', { name: 'Play' }).waitFor();
  });

  it('rides out two connection resets with no problem shown anywhere', async () => {
    await emulator.setDeliveryFaults({ resetAfterBytes: 30_000, bytesPerSecond: 60_000, times: 2 });
    await card(harbour).getByRole('button', { name: 'Download', exact: true }).click();
    await page.getByRole('link', { name: /^Downloads/ }).click();
    const row = page.getByRole('list', { name: 'Downloads' }).getByRole('listitem', {
      name: new RegExp(`^${harbour}`),
    });
    const problems = new Set<string>();
    let screenshotTaken = false;
    await vi.waitFor(
      async () => {
        for (const text of await page.locator('.notice-bad, .job-failed').allTextContents()) {
          problems.add(text);
        }
        const state = (await row.locator('.job-state').textContent()) ?? '';
        if (!screenshotTaken && /^Downloading [2-9]\d%/.test(state)) {
          screenshotTaken = true;
          await capture(page, 'downloads');
          await expectNoSeriousAxeViolations();
        }
        expect(state).toMatch(/^Available offline/);
      },
      { timeout: 20_000, interval: 50 },
    );
    expect([...problems]).toEqual([]);
    expect(screenshotTaken).toBe(true);
    // Two responses cut short, then the one that finished: the resets did happen.
    expect(await emulator.deliveryRequests(uidOf(harbour))).toBeGreaterThanOrEqual(3);
    await emulator.setDeliveryFaults(undefined);

    await page.getByRole('link', { name: 'Library' }).click();
    await untilBadge(harbour, /^Available offline$/);
    expect(await card(harbour).locator('.notice-bad').count()).toBe(0);
    expect(await page.locator('.notice-bad').count()).toBe(0);
  });

  it('saves a third video, and each main view passes axe in light and dark', async () => {
    await downloadAndWait(waves);
    // The saved thumbnail replaces the drawn stand-in once the catalogue row catches up.
    for (const name of [alpine, harbour, waves]) {
      await vi.waitFor(
        async () => {
          const width = await page.evaluate(`(() => {
            const card = document.getElementById('card-${uidOf(name)}-name').closest('.card');
            const image = card.querySelector('img');
            return image && image.complete ? image.naturalWidth : 0;
          })()`);
          expect(width).toBeGreaterThan(0);
        },
        { timeout: 5_000, interval: 50 },
      );
    }
    await page.mouse.move(1270, 790);
    await expectNoSeriousAxeViolations();
    await capture(page, 'catalogue');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousAxeViolations();
    await capture(page, 'catalogue-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Appearance' }).waitFor();
    await expectNoSeriousAxeViolations();
    await capture(page, 'settings');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousAxeViolations();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('link', { name: 'Library' }).click();
    await card(alpine).waitFor();
  });

  it('shows disk use, what to remove, and a trip plan in Downloads', async () => {
    expect(
      await card(waves)
        .getByText(/^On this device: \d/)
        .count(),
    ).toBe(1);
    await page.getByRole('link', { name: /^Downloads/ }).click();
    const saved = page.getByRole('list', { name: 'Saved videos' });
    await saved.waitFor();
    const rows = await saved.getByRole('listitem').allTextContents();
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/\d+(\.\d)? kB/);
    await page.getByRole('checkbox', { name: 'Quarterly Keynote (private)' }).check();
    await page.getByLabel('Ready by').fill('23:59');
    await page.getByRole('button', { name: 'Estimate' }).click();
    const plan = page.getByRole('list', { name: /Trip plan/ });
    await plan.waitFor();
    expect(await plan.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(
        /^Quarterly Keynote \(private\) video, .* · ready about .* · Ready in time/,
      ),
    ]);
    await expectNoSeriousAxeViolations();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousAxeViolations();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('link', { name: 'Library' }).click();
    await card(alpine).waitFor();
  });

  it('plays the saved video with the network gone: time, seek, captions, position', async () => {
    await emulator.stop();
    await card(alpine).getByRole('button', { name: 'Play' }).click();
    await page.waitForURL(/#\/play\/[0-9a-f]{32}$/);
    const playing = async (after: number) =>
      vi.waitFor(
        async () => {
          const state = await videoState(page);
          expect(state?.paused).toBe(false);
          expect(state?.currentTime ?? 0).toBeGreaterThan(after);
        },
        { timeout: 8_000, interval: 50 },
      );
    await playing(0.6);

    await page.getByRole('button', { name: 'Captions' }).click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await vi.waitFor(
      async () => {
        const tracks = (await videoState(page))?.tracks ?? [];
        const english = tracks.find((t) => t.language === 'en');
        expect(english).toMatchObject({ mode: 'showing' });
        expect(english?.cues ?? 0).toBeGreaterThan(0);
        expect(english?.active ?? 0).toBeGreaterThan(0);
        expect(tracks.find((t) => t.language === 'de')?.mode).toBe('disabled');
      },
      { timeout: 8_000, interval: 50 },
    );
    await page.mouse.move(640, 400);
    await expectNoSeriousAxeViolations();
    await capture(page, 'player');

    const duration = (await videoState(page))?.duration ?? 0;
    expect(duration).toBeGreaterThan(5);
    const seek = page.getByRole('slider', { name: 'Seek' });
    await seekBy(seek, 0.8);
    const landed = (await videoState(page))?.currentTime ?? 0;
    expect(Math.abs(landed - 0.8 * duration)).toBeLessThan(0.6);
    await playing(landed + 0.3);

    // Back to a quarter and pause there: far enough from the end to count as unfinished.
    await seekBy(seek, 0.25);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const kept = (await videoState(page))?.currentTime ?? 0;
    expect(Math.abs(kept - 0.25 * duration)).toBeLessThan(1);
    await page.reload();
    await vi.waitFor(
      async () => {
        const state = await videoState(page);
        expect(state?.currentTime ?? 0).toBeGreaterThanOrEqual(kept - 0.3);
        expect(state?.currentTime ?? 99).toBeLessThan(kept + 3);
      },
      { timeout: 8_000, interval: 50 },
    );
  });

  it('removes the video from the device from its card', async () => {
    await page.goto(`${pageAddress}#/library`);
    await untilBadge(alpine, /^Available offline$/);
    await card(alpine).getByRole('button', { name: 'Remove from device' }).click();
    await vi.waitFor(async () => expect(await badgeOf(alpine)).not.toMatch(/offline/), {
      timeout: 8_000,
    });
    expect(await card(alpine).getByRole('button', { name: 'Play' }).count()).toBe(0);
    expect(await page.getByRole('status').first().textContent()).toContain('was removed');
  });

  it('loops the two saved videos in the kiosk, one after the other and back', async () => {
    await page.goto(`${pageAddress}#/kiosk`);
    const order: string[] = [];
    await vi.waitFor(
      async () => {
        const state = await videoState(page);
        if (state?.src && order.at(-1) !== state.src) order.push(state.src);
        // The samples last about ten seconds; skipping to their last moments keeps this short.
        if (state && state.duration > 1 && state.currentTime < state.duration - 1) {
          await page.evaluate(
            '(() => { const v = document.querySelector("video"); v.currentTime = v.duration - 0.4; })()',
          );
        }
        expect(order.length).toBeGreaterThanOrEqual(3);
      },
      { timeout: 25_000, interval: 100 },
    );
    const played = order.map((src) => decodeURIComponent(new URL(src).pathname));
    expect(new Set(played.slice(0, 2))).toEqual(
      new Set([harbour, waves].map((name) => `${pagePath()}media/${uidOf(name)}.default`)),
    );
    expect(played[2]).toBe(played[0]);
    await expectNoSeriousAxeViolations();
    await capture(page, 'kiosk');
  });
});

/** The page's folder (`/s/<random>/`), under which its media are served. */
const pagePath = () => new URL(pageAddress).pathname;

/** Clicks the seek bar at a fraction of its width, as a person would. */
async function seekBy(seek: Locator, fraction: number): Promise<void> {
  const box = await seek.boundingBox();
  if (!box) throw new Error('the seek bar is not on screen');
  await page.mouse.move(640, 400);
  await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
}
