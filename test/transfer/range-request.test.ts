import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { directHttpStack } from '../../main/core/http/http-stack';
import { askForRange } from '../../main/core/transfer/range-request';
import { resumeTransfer } from '../../main/core/transfer/transfer';

/** Far from the real time, so a date measured against Date.now() would come out far off. */
const clock = new ManualClock(Date.UTC(2031, 2, 14, 9, 0, 0));
const in45s = new Date(clock.now() + 45_000).toUTCString();

let server: Server | undefined;
let library: string | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  running?.closeAllConnections();
  if (running) await new Promise((resolve) => running.close(resolve));
  if (library) rmSync(library, { recursive: true, force: true });
  library = undefined;
});

/** A delivery host that is busy for a while and says until when, as an HTTP date. */
async function busyHost(retryAfter: string): Promise<URL> {
  server = createServer((_req, res) => {
    res.writeHead(503, { 'Retry-After': retryAfter });
    res.end();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new URL(`http://127.0.0.1:${port}/uid/downloads/default.mp4`);
}

describe('a Retry-After given as an HTTP date', () => {
  it('is measured against the injected clock', async () => {
    const url = await busyHost(in45s);
    const ask = { url, from: 0, headersTimeoutMs: 2000, http: directHttpStack(), clock };
    await expect(askForRange(ask)).rejects.toMatchObject({
      code: 'server_error',
      status: 503,
      retryAfterMs: 45_000,
    });
  });

  it('reaches a transfer’s failure by the transfer’s clock', async () => {
    const url = await busyHost(in45s);
    library = mkdtempSync(join(tmpdir(), 'offstream-retry-after-'));
    const job = {
      url: url.href,
      partPath: join(library, '.partial', 'uid.default.part'),
      destinationPath: join(library, 'media', 'uid', 'default.mp4'),
    };
    const settings = { stallTimeoutMs: 2000, backoff: { baseMs: 1, capMs: 5 }, retryBudget: 0 };
    await expect(resumeTransfer(job, { ...settings, clock })).rejects.toMatchObject({
      status: 503,
      retryAfterMs: 45_000,
    });
  });
});
