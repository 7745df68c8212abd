import IntlMessageFormat from 'intl-messageformat';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SteeredEmulator } from '../../main/core/emulator/steering';
import english from '../../renderer/src/i18n/messages/en.json';
import { pseudoLocalize } from '../../renderer/src/i18n/pseudo';
import type { CliProcess } from '../support/cli-process';
import {
  buildRendererIfMissing,
  launchChromium,
  startServe,
  stopServe,
  tempFolders,
} from './browser-support';
import { startEmulatorProcess } from './emulator-handle';

// Languages in the real renderer: a pseudo-locale walk that finds any string that skipped the
// catalogues, then English and Arabic (right-to-left) from the browser's own languages.
const alpine = 'Alpine Lake Timelapse';
const harbour = 'Harbour at Dusk';
const pseudo = pseudoLocalize(english);
type Id = keyof typeof english;

/** A message as the pseudo locale shows it. */
function P(id: Id, values?: Record<string, string | number>): string {
  return String(new IntlMessageFormat(pseudo[id] ?? '', 'en').format(values));
}

let emulator: SteeredEmulator;
let serve: CliProcess | undefined;
let browser: Browser;
let address: string;
const folders = tempFolders();
/** Every page's failed responses, failed requests and console errors, for the favicon test. */
const trouble: string[] = [];

beforeAll(async () => {
  buildRendererIfMissing();
  emulator = await startEmulatorProcess(200);
  ({ serve, address } = await startServe({
    api: emulator.info.api,
    library: folders.make('offstream-i18n-library-'),
    config: folders.make('offstream-i18n-config-'),
  }));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopServe(serve);
  emulator?.kill();
  folders.removeAll();
});

async function openPage(locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  const page = await context.newPage();
  page.on('response', (response) => {
    if (response.status() >= 400) trouble.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    // Leaving the player aborts its media request; that is the browser, not a missing file.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
      trouble.push(`failed ${request.url()}: ${request.failure()?.errorText}`);
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.push(`console: ${message.text()}`);
  });
  return { context, page };
}

/**
 * Text a person can meet (text nodes, aria-label, aria-valuetext, title, placeholder, alt, the
 * document title) that is not inside ⟦…⟧. Data is exempt where the markup says so
 * (translate="no": video names, sizes, paths) and text without letters (digits, "·", "4:05").
 */
function unwrapped(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const hasLetters = (text) => {
      let rest = text;
      for (let before = ''; before !== rest; ) {
        before = rest;
        rest = rest.replace(/⟦[^⟦⟧]*⟧/g, '');
      }
      return /\\p{L}/u.test(rest);
    };
    const exempt = (element) => element?.closest('[translate="no"], script, style');
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!exempt(node.parentElement) && hasLetters(text)) found.push('text: ' + text.trim());
    }
    const attributes = ['aria-label', 'aria-valuetext', 'title', 'placeholder', 'alt'];
    for (const element of document.body.querySelectorAll('*')) {
      if (exempt(element)) continue;
      for (const name of attributes) {
        const value = element.getAttribute(name);
        if (value && hasLetters(value)) found.push(name + ': ' + value);
      }
    }
    if (hasLetters(document.title.replace('Offstream', ''))) found.push('title: ' + document.title);
    return found;
  })()`) as Promise<string[]>;
}

function rootLanguage(page: Page): Promise<string[]> {
  return page.evaluate('[document.documentElement.lang, document.dir]') as Promise<string[]>;
}

/** Through the printed address (its key sets the session cookie), then to `hash`. */
async function enter(page: Page, hash: string, query = ''): Promise<string> {
  await page.goto(address);
  const base = `${page.url().split(/[?#]/)[0]}${query}`;
  await page.goto(`${base}${hash}`);
  return base;
}

function card(page: Page, name: string): Locator {
  return page.getByRole('listitem', { name: new RegExp(`^${name}`) });
}

describe('languages in Chromium against `offstream serve`', () => {
  it('pseudo-locale: every string on every main view comes from the catalogues', async () => {
    const { page, context } = await openPage('en-US');
    const base = await enter(page, '', '?pseudo-locale');

    // Onboarding, then the account form in pseudo words.
    await page.getByRole('heading', { name: P('onboarding.welcome') }).waitFor();
    expect((await rootLanguage(page))[0]).toBe('en-XA');
    expect(await unwrapped(page)).toEqual([]);
    const form = page.getByRole('form', { name: P('connect.form') });
    await form.getByLabel(P('connect.accountId')).fill(emulator.info.account);
    await form.getByLabel(P('connect.token')).fill(emulator.info.token);
    await form.getByRole('button', { name: P('connect.submit') }).click();

    // The catalogue, with a download finished so the player has something to play.
    await card(page, alpine).waitFor();
    expect(await unwrapped(page)).toEqual([]);
    await card(page, alpine)
      .getByRole('button', { name: P('action.download') })
      .click();
    await vi.waitFor(
      async () =>
        expect(await card(page, alpine).locator('.badge').textContent()).toBe(P('job.complete')),
      { timeout: 20_000, interval: 100 },
    );
    expect(await unwrapped(page)).toEqual([]);

    await page.goto(`${base}#/downloads`);
    await page.getByRole('heading', { name: P('storage.title') }).waitFor();
    expect(await unwrapped(page)).toEqual([]);

    await page.goto(`${base}#/settings`);
    await page.getByRole('heading', { name: P('network.title') }).waitFor();
    expect(await unwrapped(page)).toEqual([]);
    // The kiosk schedule, its first window playing a list of its own (not saved).
    await page.getByRole('checkbox', { name: P('schedule.on') }).check();
    const windowName = P('schedule.window', { number: 1 });
    const window1 = page.getByRole('group', { name: windowName, exact: true });
    await window1.getByRole('radio', { name: P('windowList.own') }).check();
    await window1.getByLabel(P('windowList.addVideo')).selectOption({ label: alpine });
    await window1
      .getByRole('button', { name: P('windowList.addLabel', { name: windowName }) })
      .click();
    await window1.getByRole('list', { name: P('windowList.order', { count: 1 }) }).waitFor();
    expect(await unwrapped(page)).toEqual([]);

    await page.goto(`${base}#/library`);
    await card(page, alpine)
      .getByRole('button', { name: P('action.play') })
      .click();
    await page.getByRole('slider', { name: P('player.seek') }).waitFor();
    expect(await unwrapped(page)).toEqual([]);

    await page.goto(`${base}#/kiosk`);
    await page.locator('.kiosk video').waitFor();
    expect(await unwrapped(page)).toEqual([]);
    await context.close();
  }, 90_000);

  it('English: left to right, and the document title follows the view', async () => {
    const { page, context } = await openPage('en-US');
    await enter(page, '#/downloads');
    await page.getByRole('heading', { name: 'Storage' }).waitFor();
    expect(await page.title()).toBe('Downloads — Offstream');
    const root = await rootLanguage(page);
    expect(root).toEqual(['en', 'ltr']);
    const storage = await barEdges(page, '.storage-bar', '.storage-used');
    expect(Math.abs(storage.fill.left - storage.bar.left)).toBeLessThan(1);

    await enter(page, '#/library');
    await card(page, alpine).waitFor();
    expect(await page.title()).toBe('Library — Offstream');
    const title = await page.locator('#library-title').boundingBox();
    const refresh = await page.getByRole('button', { name: 'Refresh' }).boundingBox();
    expect(title && refresh && title.x < refresh.x).toBe(true);
    await context.close();
  }, 60_000);

  it('Arabic from the browser’s languages: right to left, mirrored, and overridable', async () => {
    const { page, context } = await openPage('ar-EG');
    await enter(page, '#/library');
    await card(page, alpine).waitFor();
    const root = await rootLanguage(page);
    expect(root).toEqual(['ar', 'rtl']);
    expect(await page.title()).toBe('المكتبة — Offstream');
    // The toolbar mirrors: the heading now sits to the right of its Refresh button.
    const title = await page.locator('#library-title').boundingBox();
    const refresh = await page.getByRole('button', { name: 'تحديث', exact: true }).boundingBox();
    expect(title && refresh && title.x > refresh.x).toBe(true);

    // A download's progress bar fills from the right.
    await emulator.setDeliveryFaults({ bytesPerSecond: 50_000 });
    await card(page, harbour).getByRole('button', { name: 'تنزيل', exact: true }).click();
    await vi.waitFor(
      async () => {
        const edges = await barEdges(page, '.card [role="progressbar"]', '.progress-fill');
        expect(edges.fill.width).toBeGreaterThan(0);
        expect(edges.fill.width).toBeLessThan(edges.bar.width - 1);
        expect(Math.abs(edges.fill.right - edges.bar.right)).toBeLessThan(1);
      },
      { timeout: 30_000, interval: 100 },
    );
    await emulator.setDeliveryFaults({});

    // So does the storage bar; the player's media controls stay left to right on purpose.
    await enter(page, '#/downloads');
    await page.getByRole('heading', { name: 'التخزين' }).waitFor();
    const storage = await barEdges(page, '.storage-bar', '.storage-used');
    expect(Math.abs(storage.fill.right - storage.bar.right)).toBeLessThan(1);

    // Settings → Language overrides the browser, and 'system' gives it back.
    await enter(page, '#/settings');
    await page.getByLabel('اللغة').selectOption('de');
    await page.getByRole('heading', { name: 'Einstellungen' }).waitFor();
    expect(await rootLanguage(page)).toEqual(['de', 'ltr']);
    await page.getByLabel('Sprache').selectOption('system');
    await page.getByRole('heading', { name: 'الإعدادات' }).waitFor();
    expect((await rootLanguage(page))[1]).toBe('rtl');
    await context.close();
  }, 90_000);

  it('logs no 404 and no console error on any of those pages: the icon is the app’s', async () => {
    const { page, context } = await openPage('en-US');
    await enter(page, '#/library');
    await card(page, alpine).waitFor();
    const icon = (await page.evaluate(`(async () => {
      const link = document.querySelector('link[rel="icon"]');
      if (!link) return null;
      const response = await fetch(link.href);
      return { ok: response.ok, type: response.headers.get('content-type') ?? '' };
    })()`)) as { ok: boolean; type: string } | null;
    expect(icon?.ok).toBe(true);
    expect(icon?.type).toMatch(/^image\/svg\+xml/);
    await context.close();
    expect(trouble).toEqual([]);
  }, 60_000);
});

interface Box {
  left: number;
  right: number;
  width: number;
}

async function barEdges(page: Page, bar: string, fill: string) {
  return page.evaluate(`(() => {
    const outer = document.querySelector(${JSON.stringify(bar)});
    const inner = outer?.querySelector(${JSON.stringify(fill)});
    if (!outer || !inner) throw new Error('no bar and fill on the page');
    const box = (element) => {
      const { left, right, width } = element.getBoundingClientRect();
      return { left, right, width };
    };
    return { bar: box(outer), fill: box(inner) };
  })()`) as Promise<{ bar: Box; fill: Box }>;
}
