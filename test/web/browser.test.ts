import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import { buildRendererIfMissing, launchChromium, rendererDir } from '../support/chromium';
import { type WebFixture, webFixture } from './fixture';

const alpine = sampleVideos[0]?.uid ?? '';

// What the page code below touches; the Node tsconfig has no DOM library.
interface PageGlobals {
  document: { cookie: string };
}

let web: WebFixture;
let browser: Browser;

beforeAll(async () => {
  buildRendererIfMissing();
  web = await webFixture({ rendererDir });
  for (const channel of ['account:demo', 'catalogue:refresh']) {
    expect((await web.backend.dispatch(channel, {})).ok).toBe(true);
  }
  expect((await web.backend.dispatch('download:start', { uid: alpine })).ok).toBe(true);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('the built renderer in Chromium', () => {
  it('loads from the printed address with no CSP violation or console error', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    // Chromium asks for /favicon.ico on its own; the renderer ships none, and that is fine.
    const ours = (url: string) => !url.endsWith('/favicon.ico');
    page.on('console', (message) => {
      const csp = /Content Security Policy/.test(message.text()) && message.type() !== 'warning';
      if ((message.type() === 'error' && ours(message.location().url)) || csp) {
        problems.push(`${message.text()} (${message.location().url})`);
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (answer) => {
      if (answer.status() >= 400 && ours(answer.url()))
        problems.push(`${answer.status()} ${answer.url()}`);
    });
    const response = await page.goto(web.server.url);
    expect(response?.status()).toBe(200);
    expect(page.url()).toMatch(new RegExp(`^${web.server.origin}/s/[A-Za-z0-9_-]{43}/$`));
    await page.waitForSelector('#root *');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.cookie)).toBe(
      '',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('calls the contract and fetches a media range from the page, by the cookie alone', async () => {
    await vi.waitFor(
      async () => {
        const job = await web.backend.dispatch('playback:source', { uid: alpine });
        expect(job.ok).toBe(true);
      },
      { timeout: 10_000, interval: 100 },
    );
    const page = await browser.newPage();
    await page.goto(web.server.url);
    const answer = await page.evaluate(async (id) => {
      // Relative: the page lives under its prefix, the only path its cookie is sent to.
      const info = await globalThis.fetch('rpc/app:info', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const media = await globalThis.fetch(`media/${encodeURIComponent(id)}`, {
        headers: { range: 'bytes=0-99' },
      });
      return {
        info: await info.json(),
        status: media.status,
        range: media.headers.get('content-range'),
        bytes: (await media.arrayBuffer()).byteLength,
      };
    }, `${alpine}.default`);
    expect(answer.info).toMatchObject({ ok: true, value: { transport: 'http' } });
    expect(answer).toMatchObject({ status: 206, bytes: 100 });
    expect(answer.range).toMatch(/^bytes 0-99\/\d+$/);
    await page.close();
  });

  it('shows a fresh browser without the key the page that says to open the printed address', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${web.server.origin}/`);
    expect(response?.status()).toBe(401);
    expect(await page.textContent('h1')).toContain('Open the address Offstream printed');
    await context.close();
  });

  it('gives another server on 127.0.0.1 (another port) no usable credential', async () => {
    const neighbour = await recordingServer();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(web.server.url);
      await page.waitForSelector('#root *');
      // The neighbour's own page: every path it could think of, and its own fetches.
      for (const path of ['/', '/rpc/app:info', '/events', '/media/x.default', '/s/', '/?key=x']) {
        await page.goto(`${neighbour.origin}${path}`);
      }
      const seen = await page.evaluate(async () => {
        await globalThis.fetch('/rpc/app:info', { method: 'POST', credentials: 'include' });
        return (globalThis as unknown as PageGlobals).document.cookie;
      });
      expect(seen).toBe('');
      expect(neighbour.cookies.length).toBeGreaterThan(5);
      const received = neighbour.cookies.filter((cookie) => cookie !== '');
      expect(received).toEqual([]);
    } finally {
      await context.close();
      await neighbour.close();
    }
  });
});

/** Another local server, as a hostile dev server would be: it records the Cookie header of every request. */
async function recordingServer() {
  const cookies: string[] = [];
  const server = createServer((request, response) => {
    cookies.push(request.headers.cookie ?? '');
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>neighbour</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    cookies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
