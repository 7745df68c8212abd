import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import got from 'got';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import {
  erroredVideoUid,
  processingVideoUid,
  type RunningEmulator,
  startEmulator,
} from '../../main/core/emulator/index';
import { createLogger, type LogRecord } from '../../main/core/log';
import {
  createStreamClient,
  type StreamClient,
  type StreamClientOptions,
} from '../../main/core/stream/client';
import { decodeTokenClaims, withSignedToken } from '../../main/core/stream/signed-url';
import { failureOf } from './failure-of';

const ALPINE = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';
const PRIVATE = 'c3a1e2f6d4b5407b9c2d3e4f5a6b7c8d';
const MISSING = '0'.repeat(32);

let clock: ManualClock;
let emulator: RunningEmulator;
let records: LogRecord[];
let client: StreamClient;

function clientWith(options: Partial<StreamClientOptions> = {}): StreamClient {
  return createStreamClient({
    apiBase: emulator.apiBase,
    accountId: emulator.accountId,
    credentials: { token: emulator.token },
    clock,
    random: () => 0.5,
    logger: createLogger({ level: 'debug', sink: (r) => records.push(r) }),
    retry: { maxRetries: 0 },
    ...options,
  });
}

/** Lets the client's retry sleeps pass on the manual clock until `promise` settles. */
async function driveClock<T>(promise: Promise<T>, stepMs: number): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => undefined);
  while (!settled) {
    await vi.waitFor(() => expect(settled || clock.pending > 0).toBe(true));
    if (!settled) clock.advance(stepMs);
  }
  return watched;
}

beforeEach(async () => {
  clock = new ManualClock(Date.parse('2026-09-10T12:00:00Z'));
  records = [];
  emulator = await startEmulator({ clock });
  client = clientWith();
});

afterEach(async () => {
  await emulator.close();
});

describe('Stream client against the emulator: endpoints', () => {
  it('verifies the write token, the read token and legacy credentials', async () => {
    expect((await client.verifyToken()).kind).toBe('account');
    const reader = clientWith({ credentials: { token: emulator.readToken } });
    expect((await reader.verifyToken()).kind).toBe('account');
    const legacy = clientWith({ credentials: emulator.legacy });
    expect((await legacy.getVideo(ALPINE)).uid).toBe(ALPINE);
  });

  it('lists the library with counts and reads one video', async () => {
    const page = await client.listVideos({ includeCounts: true });
    expect(page.total).toBe(emulator.videos.size);
    expect(page.videos.map((v) => v.uid)).toContain(ALPINE);
    const video = await client.getVideo(ALPINE);
    expect(video).toMatchObject({ uid: ALPINE, readyToStream: true, status: { state: 'ready' } });
    const searched = await client.listVideos({ search: 'alpine' });
    expect(searched.videos.map((v) => v.uid)).toEqual([ALPINE]);
  });

  it('pages through more than one page by `created`, each video once, both orders', async () => {
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      emulator.control.addSyntheticVideo({ size: 10_000 });
    }
    const expected = [...emulator.videos.keys()].sort();
    const listed = emulator.requests.length;
    const desc: string[] = [];
    for await (const v of client.listAllVideos({ limit: 2 })) desc.push(v.uid);
    expect([...desc].sort()).toEqual(expected);
    expect(emulator.requests.length - listed).toBeGreaterThan(3);
    const asc: string[] = [];
    for await (const v of client.listAllVideos({ limit: 3, asc: true })) asc.push(v.uid);
    expect(asc).toEqual([...desc].reverse());
  });

  it('creates, reads and deletes typed downloads (keyed results)', async () => {
    const created = await client.createDownload(ALPINE, 'default');
    expect(created.default?.status).toBe('inprogress');
    expect(created.audio).toBeUndefined();
    const audio = await client.createDownload(ALPINE, 'audio');
    expect(audio.audio?.url).toBe(`${emulator.deliveryBase}/${ALPINE}/downloads/audio.m4a`);
    const post = emulator.requests.findLast((r) => r.method === 'POST');
    expect(post?.path).toMatch(/\/downloads\/audio$/);
    emulator.control.finishDownloads(ALPINE);
    const downloads = await client.getDownloads(ALPINE);
    expect(downloads.default).toMatchObject({ status: 'ready', percentComplete: 100 });
    expect(downloads.audio?.status).toBe('ready');
    await client.deleteDownload(ALPINE, 'audio');
    expect(Object.keys(await client.getDownloads(ALPINE))).toEqual(['default']);
  });

  it('mints a downloadable signed token that opens a private video’s download', async () => {
    const { default: entry } = await client.createDownload(PRIVATE, 'default');
    emulator.control.finishDownloads(PRIVATE);
    const token = await client.mintSignedToken(PRIVATE);
    const claims = decodeTokenClaims(token);
    expect(claims).toMatchObject({ sub: PRIVATE, downloadable: true });
    expect(claims.exp).toBe(Math.floor(clock.now() / 1000) + 3600);
    const url = withSignedToken(entry?.url ?? '', token);
    const plain = await got(entry?.url ?? '', { throwHttpErrors: false, retry: { limit: 0 } });
    expect(plain.statusCode).toBe(403);
    const signed = await got(url, { responseType: 'buffer', retry: { limit: 0 } });
    expect(signed.statusCode).toBe(200);
    expect(signed.body.length).toBeGreaterThan(0);
  });

  it('lists captions and fetches WebVTT', async () => {
    const captions = await client.listCaptions(ALPINE);
    expect(captions.map((c) => c.language).sort()).toEqual(['de', 'en']);
    expect(await client.getCaptionVtt(ALPINE, 'en')).toMatch(/^WEBVTT/);
    expect((await failureOf(client.getCaptionVtt(ALPINE, 'fr'))).code).toBe('not_found');
  });
});

describe('Stream client against the emulator: errors', () => {
  it('auth_invalid for an unknown token', async () => {
    const stranger = clientWith({ credentials: { token: 'not-a-token-this-account-knows' } });
    const error = await failureOf(stranger.getVideo(ALPINE));
    expect(error).toMatchObject({ code: 'auth_invalid', status: 403 });
    expect(error.apiErrors[0]?.code).toBe(9109);
  });

  it('auth_invalid when no credentials are sent at all', async () => {
    const anonymous = clientWith({ credentials: { token: '' } });
    const error = await failureOf(anonymous.listVideos());
    expect(error).toMatchObject({ code: 'auth_invalid', status: 400 });
    expect(error.apiErrors[0]?.code).toBe(9106);
    expect(emulator.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('auth_missing_permission for a read-only token creating a download', async () => {
    const reader = clientWith({ credentials: { token: emulator.readToken } });
    expect((await reader.getDownloads(ALPINE)).default).toBeUndefined();
    const error = await failureOf(reader.createDownload(ALPINE, 'default'));
    expect(error).toMatchObject({ code: 'auth_missing_permission', status: 403 });
    expect(error.message).toMatch(/Stream Write/);
  });

  it('not_found, video_not_ready and video_errored', async () => {
    expect((await failureOf(client.getVideo(MISSING))).code).toBe('not_found');
    expect((await failureOf(client.createDownload(processingVideoUid, 'default'))).code).toBe(
      'video_not_ready',
    );
    expect((await failureOf(client.createDownload(erroredVideoUid, 'audio'))).code).toBe(
      'video_errored',
    );
  });

  it('rate_limited with retryAfterMs once the emulated account is over its limit', async () => {
    await emulator.close();
    emulator = await startEmulator({
      clock,
      rateLimit: { limit: 3, windowMs: 60_000, blockMs: 60_000 },
    });
    client = clientWith({ rateLimit: false });
    for (let i = 0; i < 3; i++) await client.getVideo(ALPINE);
    const error = await failureOf(client.getVideo(ALPINE));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 60_000 });
    // The 429 holds this client: its next call goes out only once the block has passed.
    const sent = emulator.requests.length;
    const later = client.getVideo(ALPINE);
    await vi.waitFor(() => expect(clock.pending).toBe(1));
    clock.advance(59_999);
    expect(emulator.requests.length).toBe(sent);
    clock.advance(1);
    await expect(later).resolves.toMatchObject({ uid: ALPINE });
  });

  it('server_error for API faults, retried through when retries are allowed', async () => {
    emulator.control.setApiFaults({ status: { code: 503 }, times: 1 });
    expect((await failureOf(client.getVideo(ALPINE))).code).toBe('server_error');
    emulator.control.setApiFaults({ status: { code: 500 }, times: 2 });
    const retrying = clientWith({ retry: { maxRetries: 3, baseMs: 100, capMs: 1000 } });
    await expect(driveClock(retrying.getVideo(ALPINE), 1000)).resolves.toMatchObject({
      uid: ALPINE,
    });
  });

  it('a proxy error page is a server_error; an HTML 200 is a bad_response', async () => {
    emulator.control.setApiFaults({ htmlBody: true, times: 1 });
    const proxy = await failureOf(client.getVideo(ALPINE));
    expect(proxy).toMatchObject({ code: 'server_error', status: 502 });
    // A captive portal answers every request with 200 text/html; point a client at one.
    emulator.control.setDeliveryFaults({ captivePortal: true });
    const portal = clientWith({ apiBase: `${emulator.deliveryBase}/client/v4` });
    expect((await failureOf(portal.listVideos())).code).toBe('bad_response');
  });

  it('network for a port nobody listens on', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const offline = clientWith({ apiBase: `http://127.0.0.1:${port}/client/v4` });
    const error = await failureOf(offline.verifyToken());
    expect(error.code).toBe('network');
  });
});

describe('the API token stays with the API', () => {
  it('never reaches the delivery host, and never a log record', async () => {
    const videos = (await client.listVideos()).videos;
    await client.createDownload(ALPINE, 'default');
    await client.createDownload(ALPINE, 'audio');
    emulator.control.finishDownloads(ALPINE);
    const downloads = await client.getDownloads(ALPINE);
    await client.mintSignedToken(PRIVATE);
    await client.getCaptionVtt(ALPINE, 'de');
    await failureOf(client.getVideo(MISSING));
    const thumbnail = videos.find((v) => v.uid === ALPINE)?.thumbnail ?? '';
    for (const url of [downloads.default?.url, downloads.audio?.url, thumbnail]) {
      const response = await got(url ?? '', { responseType: 'buffer', retry: { limit: 0 } });
      expect(response.statusCode).toBe(200);
    }
    const delivery = emulator.requests.filter((r) => r.host === 'delivery');
    expect(delivery.length).toBe(3);
    for (const request of delivery) {
      const names = Object.keys(request.headers).map((n) => n.toLowerCase());
      expect(names.filter((n) => n === 'authorization' || n.startsWith('x-auth-'))).toEqual([]);
      expect(JSON.stringify(request)).not.toContain(emulator.token);
    }
    expect(records.length).toBeGreaterThan(5);
    expect(JSON.stringify(records)).not.toContain(emulator.token);
  });
});
