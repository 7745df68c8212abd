import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDownload } from '../../main/core/app/use-cases/index';
import { type Clock, systemClock } from '../../main/core/clock';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import type { Backend } from '../../main/handlers/index';
import type { RunningWebServer } from '../../main/web/index';
import { rendererDir } from '../support/chromium';
import { type WebFixture, webFixture } from '../web/fixture';
import { buildRendererIfMissing, launchChromium, videoState } from './browser-support';

// The browser mode served in-process, so the test can hand the backend its clock: the kiosk's
// schedule is read at an instant the test chooses, with no knob in the shipped program.
const [alpine, harbour] = sampleVideos as [
  (typeof sampleVideos)[number],
  (typeof sampleVideos)[number],
];
const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Real time shifted to an instant the test sets; sleeps stay real. */
const shift = { by: 0 };
const shiftedClock: Clock = { now: () => systemClock.now() + shift.by, sleep: systemClock.sleep };
const pretendNowIs = (iso: string) => {
  shift.by = Date.parse(`${iso}Z`) - Date.now();
};

let web: WebFixture;
let backend: Backend;
let server: RunningWebServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  buildRendererIfMissing();
  web = await webFixture({ rendererDir, clock: shiftedClock, timeZone: 'UTC' });
  ({ backend, server } = web);
  const { app } = backend;
  await app.demo();
  await app.refreshCatalogue();
  const jobs = [alpine, harbour].map((v) =>
    startDownload(app.session(), { uid: v.uid, kind: 'default' }),
  );
  await app.session().queue.settled(jobs);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 960, height: 540 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** The page address with the kiosk route (the key moves into a cookie on the first visit). */
const kioskAddress = () => `${server.url}#/kiosk`;
const srcUid = (src: string | undefined) => /([0-9a-f]{32})\.default/.exec(src ?? '')?.[1];

describe('the kiosk in Chromium', () => {
  it('skips a video whose media stops answering, and the watchdog records why', async () => {
    await backend.dispatch('settings:set', { kioskPlaylist: [alpine.uid, harbour.uid] });
    // The media of the first video never answers: the player gets no frame and no error.
    await page.route(`**/media/${alpine.uid}.default`, () => {});
    await page.goto(kioskAddress());
    await vi.waitFor(async () => expect(srcUid((await videoState(page))?.src)).toBe(alpine.uid), {
      timeout: 10_000,
    });
    await vi.waitFor(
      async () => {
        const state = await videoState(page);
        expect(srcUid(state?.src)).toBe(harbour.uid);
        expect(state?.currentTime ?? 0).toBeGreaterThan(0.2);
      },
      { timeout: 30_000, interval: 200 },
    );
    const log = backend.app.session().library.getSetting('restartLog');
    expect(log.filter((e) => e.what === 'video-stalled').map((e) => e.detail)).toEqual([
      `video ${alpine.uid} stood still at 0 s; skipped to the next`,
    ]);
    await page.unroute(`**/media/${alpine.uid}.default`);
  }, 60_000);

  it('counts down before a window, then plays the window’s own list when it opens', async () => {
    pretendNowIs('2026-01-14T00:59:56');
    await backend.dispatch('settings:set', {
      kioskPlaylist: [alpine.uid],
      kioskSchedule: {
        windows: [{ days: [...everyDay], from: '01:00', to: '01:30', playlist: [harbour.uid] }],
        outside: { show: 'countdown' },
      },
    });
    await page.goto('about:blank');
    await page.goto(kioskAddress());
    const timer = page.getByRole('timer');
    await timer.waitFor({ timeout: 10_000 });
    expect(await timer.textContent()).toMatch(/^Next showing in 0:0[1-4]$/);
    expect(await videoState(page)).toBeNull();
    await vi.waitFor(
      async () => {
        const state = await videoState(page);
        expect(srcUid(state?.src)).toBe(harbour.uid);
        expect(state?.paused).toBe(false);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(await timer.count()).toBe(0);
  }, 40_000);

  it('outside every window shows the still of the chosen saved video', async () => {
    pretendNowIs('2026-01-14T02:00');
    await backend.dispatch('settings:set', {
      kioskSchedule: {
        windows: [{ days: [...everyDay], from: '01:00', to: '01:30' }],
        outside: { show: 'still', uid: alpine.uid },
      },
    });
    await page.goto('about:blank');
    await page.goto(kioskAddress());
    const still = page.locator('img.kiosk-still');
    await still.waitFor({ timeout: 10_000 });
    await vi.waitFor(async () =>
      expect(
        await still.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      ).toBeGreaterThan(0),
    );
    expect(await still.getAttribute('src')).toContain(`${alpine.uid}.thumbnail`);
    expect(await videoState(page)).toBeNull();
  }, 30_000);
});
