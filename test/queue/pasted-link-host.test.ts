import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../stream/test-server';
import { readyDownload } from '../support/emulator';
import { type QueueHarness, queueHarness } from './harness';

let h: QueueHarness;
let fake: TestServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  await h?.close();
});

/** A JWT: its header is base64url JSON, so it begins with "eyJ". */
const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;
const mintCalls = (h: QueueHarness) =>
  h.emulator.requests.filter((r) => r.host === 'api' && r.path.endsWith('/token'));

/** A private video of the connected account whose MP4 is ready on the emulator's delivery host. */
async function privateVideo(): Promise<string> {
  const uid = h.emulator.control.addSyntheticVideo({ size: 64 * 1024, requireSignedURLs: true });
  await readyDownload(h.emulator, uid);
  return uid;
}

describe('a pasted link and the account’s minted tokens', () => {
  it('a host that is not the account’s never receives a minted token, however it refuses', async () => {
    h = await queueHarness();
    const uid = await privateVideo();
    // Another server on this machine posing as a delivery host: it refuses, hoping for a refresh.
    fake = await startTestServer(() => ({ status: 403, body: 'forbidden' }));
    h.queue.addLink(uid, 'default', `${fake.origin}/${uid}/downloads/default.mp4`);
    await h.queue.idle();

    expect(h.library.getJob(uid, 'default')).toMatchObject({
      state: 'failed',
      errorCode: 'url_forbidden',
    });
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const seen of fake.requests) {
      expect(seen.url.pathname).toBe(`/${uid}/downloads/default.mp4`);
      expect(JSON.stringify(seen)).not.toMatch(JWT);
    }
    expect(mintCalls(h)).toEqual([]);
  });

  it('a link on the account’s own delivery host is refreshed with a minted token', async () => {
    h = await queueHarness();
    const uid = await privateVideo();
    // The bare uid is refused by the delivery host for a private video, as an expired link is.
    h.queue.addLink(uid, 'default', `${h.emulator.deliveryBase}/${uid}/downloads/default.mp4`);
    await h.queue.idle();

    expect(h.library.getJob(uid, 'default')?.state).toBe('complete');
    expect(mintCalls(h).length).toBeGreaterThan(0);
    const delivered = h.emulator.requests.filter((r) => r.host === 'delivery');
    expect(delivered.some((r) => JWT.test(r.path))).toBe(true);
  });
});
