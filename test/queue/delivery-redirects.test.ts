import { rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpStack } from '../../main/core/http/http-stack';
import { trustedAuthorities } from '../../main/core/http/trust';
import { startTestServer, type TestServer } from '../stream/test-server';
import { makeTestCa, type TestCa } from '../support/test-ca';
import { type QueueHarness, queueHarness, quick, reaches } from './harness';

const downgraded = 'd0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0';
const looping = 'e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1';

let ca: TestCa;
let plain: TestServer;
let h: QueueHarness;
let closeTls: (() => Promise<void>) | undefined;
let loopRequests = 0;

beforeAll(async () => {
  ca = await makeTestCa();
});
afterAll(() => rmSync(ca.dir, { recursive: true, force: true }));
afterEach(async () => {
  await h?.close();
  await plain?.close();
  await closeTls?.();
});

/** An https delivery host (trusted through the test CA) that redirects as a hostile one would. */
async function hostileHost(): Promise<string> {
  plain = await startTestServer(() => ({ status: 200, body: 'unencrypted bytes' }));
  const server = createHttpsServer({ key: ca.key, cert: ca.cert }, (req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith(`/${looping}/`)) loopRequests++;
    const location = path.startsWith(`/${downgraded}/`) ? `${plain.origin}${path}` : path;
    res.writeHead(302, { location });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeTls = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function saveFrom(uid: string, origin: string) {
  const http = createHttpStack({
    proxy: async () => ({ kind: 'direct' }),
    ca: trustedAuthorities({ system: false, extra: [ca.caCert] }),
  });
  h = await queueHarness({}, { transfer: { ...quick.transfer, http } });
  h.queue.addLink(uid, 'default', `${origin}/${uid}/downloads/default.mp4`);
  return reaches(h, uid, ['failed', 'complete']);
}

describe('a delivery host that redirects where it should not', () => {
  it('a redirect from https to http fails the job, and the http host receives nothing', async () => {
    const job = await saveFrom(downgraded, await hostileHost());
    expect(job).toMatchObject({ state: 'failed', errorCode: 'redirect_refused' });
    expect(plain.requests).toEqual([]);
    expect(h.library.getFiles(downgraded)).toEqual([]);
  });

  it('a redirect loop fails the job after five hops, not endlessly', async () => {
    loopRequests = 0;
    const job = await saveFrom(looping, await hostileHost());
    expect(job).toMatchObject({ state: 'failed', errorCode: 'redirect_refused' });
    expect(loopRequests).toBe(6);
  });
});
