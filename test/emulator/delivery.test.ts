import { createHash, createSign } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { createDeliveryHandler } from '../../main/core/emulator/delivery';
import { FaultPlan } from '../../main/core/emulator/faults';
import { type CreatedKey, SigningKeyring } from '../../main/core/emulator/jwt';
import { fileMediaSource } from '../../main/core/emulator/media-source';
import { samplesDir } from '../../main/core/emulator/samples/catalog';
import { syntheticBytes, syntheticMediaSource } from '../../main/core/emulator/synthetic-mp4';
import type {
  DeliveryFaults,
  EmulatedVideo,
  MediaSource,
  RecordedRequest,
} from '../../main/core/emulator/types';
import { silentLogger } from '../../main/core/log';

const PUBLIC = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';
const PRIVATE = 'c3a1e2f6d4b5407b9c2d3e4f5a6b7c8d';
const PENDING = 'b2f0d1e5c3a4496a8b1c2d3e4f5a6b7c';
const ERRORED = 'd4b2f3a7e5c6418cad3e4f5a6b7c8d9e';
const HUGE = 'e5c3a4b8f6d7429dbe4f5a6b7c8d9e0f';
const HUGE_SIZE = 5 * 1024 ** 3 + 77;

const sample = (name: string) => join(samplesDir, name);
const alpineMp4 = readFileSync(sample('alpine.mp4'));
const alpineM4a = readFileSync(sample('alpine.m4a'));
const alpineJpg = readFileSync(sample('alpine.jpg'));
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function video(uid: string, overrides: Partial<EmulatedVideo> = {}): EmulatedVideo {
  const ready = { status: 'ready' as const, startedAt: 0 };
  return {
    uid,
    name: uid,
    created: '2026-05-04T09:12:31.512033Z',
    duration: 12,
    width: 426,
    height: 240,
    state: 'ready',
    pctComplete: '100.000000',
    errorReasonCode: '',
    errorReasonText: '',
    requireSignedURLs: false,
    media: {
      default: fileMediaSource(sample('alpine.mp4'), 'video/mp4'),
      audio: fileMediaSource(sample('alpine.m4a'), 'audio/mp4'),
    },
    thumbnail: () => createReadStream(sample('alpine.jpg')),
    captions: [],
    downloads: { default: ready, audio: ready },
    ...overrides,
  };
}

const clock = new ManualClock(Date.parse('2026-09-01T10:00:00Z'));
const nowS = () => Math.floor(clock.now() / 1000);
const keyring = new SigningKeyring(clock);
const faults = new FaultPlan<DeliveryFaults>();
const videos = new Map<string, EmulatedVideo>();
const recorded: RecordedRequest[] = [];
let server: Server;
let base: string;
let key: CreatedKey;

beforeAll(async () => {
  key = keyring.createKey();
  const handler = createDeliveryHandler({
    videos,
    keyring,
    clock,
    faults,
    record: (r) => recorded.push(r),
    logger: silentLogger,
  });
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  videos.clear();
  videos.set(PUBLIC, video(PUBLIC));
  videos.set(PRIVATE, video(PRIVATE, { requireSignedURLs: true, thumbnail: undefined }));
  videos.set(
    PENDING,
    video(PENDING, { downloads: { default: { status: 'inprogress', startedAt: 0 } } }),
  );
  videos.set(ERRORED, video(ERRORED, { state: 'error', errorReasonCode: 'ERR_NON_VIDEO' }));
  videos.set(
    HUGE,
    video(HUGE, { media: { default: syntheticMediaSource({ size: HUGE_SIZE, seed: 5 }) } }),
  );
  recorded.length = 0;
});

afterEach(() => faults.clear());

interface Reply {
  status: number;
  headers: Headers;
  body: Buffer;
  /** Set when the body ended with an error (reset, abort) instead of cleanly. */
  error?: unknown;
}

async function get(
  path: string,
  headers: Record<string, string> = {},
  init: { method?: string; timeoutMs?: number } = {},
): Promise<Reply> {
  const signal = init.timeoutMs ? AbortSignal.timeout(init.timeoutMs) : undefined;
  const response = await fetch(`${base}${path}`, { method: init.method ?? 'GET', headers, signal });
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of response.body ?? []) chunks.push(Buffer.from(chunk));
  } catch (error) {
    return {
      status: response.status,
      headers: response.headers,
      body: Buffer.concat(chunks),
      error,
    };
  }
  return { status: response.status, headers: response.headers, body: Buffer.concat(chunks) };
}

const mp4 = (id: string, query = '') => `/${id}/downloads/default.mp4${query}`;
const m4a = (id: string) => `/${id}/downloads/audio.m4a`;
const thumb = (id: string) => `/${id}/thumbnails/thumbnail.jpg`;
const media = (uid: string): MediaSource => {
  const source = videos.get(uid)?.media.default;
  if (!source) throw new Error('no media');
  return source;
};

/** A token signed outside the emulator, with claims exactly as given (exp may be a string). */
function selfSigned(payload: Record<string, unknown>): string {
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const signed = `${part({ alg: 'RS256', kid: key.id })}.${part({ kid: key.id, ...payload })}`;
  const signature = createSign('RSA-SHA256')
    .update(signed)
    .sign(Buffer.from(key.pem, 'base64').toString());
  return `${signed}.${signature.toString('base64url')}`;
}

describe('delivery: HTTP semantics', () => {
  it('serves the whole MP4 with validators', async () => {
    const reply = await get(mp4(PUBLIC));
    expect(reply.status).toBe(200);
    expect(sha(reply.body)).toBe(sha(alpineMp4));
    expect(reply.headers.get('accept-ranges')).toBe('bytes');
    expect(reply.headers.get('etag')).toBe(`"${sha(alpineMp4)}"`);
    expect(reply.headers.get('content-length')).toBe(String(alpineMp4.length));
    expect(reply.headers.get('content-type')).toBe('video/mp4');
    expect(reply.headers.get('last-modified')).toBe(media(PUBLIC).lastModified.toUTCString());
    expect(reply.headers.get('cache-control')).toBeTruthy();
    expect(reply.headers.get('content-disposition')).toBeNull();
  });

  it('serves the M4A as audio/mp4', async () => {
    const reply = await get(m4a(PUBLIC));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('audio/mp4');
    expect(sha(reply.body)).toBe(sha(alpineM4a));
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=1000-', 1000, alpineMp4.length - 1],
    ['bytes=-500', alpineMp4.length - 500, alpineMp4.length - 1],
    ['bytes=100-999999999', 100, alpineMp4.length - 1],
    ['bytes=-999999999', 0, alpineMp4.length - 1],
  ])('answers Range %s with 206', async (range, start, end) => {
    const reply = await get(mp4(PUBLIC), { Range: range });
    expect(reply.status).toBe(206);
    expect(reply.headers.get('content-range')).toBe(`bytes ${start}-${end}/${alpineMp4.length}`);
    expect(reply.headers.get('content-length')).toBe(String(end - start + 1));
    expect(sha(reply.body)).toBe(sha(alpineMp4.subarray(start, end + 1)));
  });

  it.each(['bytes=999999999-', `bytes=${243487}-`, 'bytes=-0'])(
    'answers unsatisfiable %s with 416',
    async (range) => {
      const reply = await get(mp4(PUBLIC), { Range: range });
      expect(reply.status).toBe(416);
      expect(reply.headers.get('content-range')).toBe(`bytes */${alpineMp4.length}`);
    },
  );

  it.each(['bytes=0-9,20-29', 'bytes=50-10', 'items=0-9', 'bytes=abc'])(
    'answers multiple or invalid Range %s with the full body',
    async (range) => {
      const reply = await get(mp4(PUBLIC), { Range: range });
      expect(reply.status).toBe(200);
      expect(reply.body.length).toBe(alpineMp4.length);
    },
  );

  it('honours If-Range only when the strong ETag or the date matches', async () => {
    const { etag, lastModified } = media(PUBLIC);
    const range = { Range: 'bytes=10-19' };
    expect((await get(mp4(PUBLIC), { ...range, 'If-Range': etag })).status).toBe(206);
    const stale = await get(mp4(PUBLIC), { ...range, 'If-Range': '"0123"' });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(alpineMp4.length);
    expect((await get(mp4(PUBLIC), { ...range, 'If-Range': `W/${etag}` })).status).toBe(200);
    const date = lastModified.toUTCString();
    expect((await get(mp4(PUBLIC), { ...range, 'If-Range': date })).status).toBe(206);
    const older = new Date(lastModified.getTime() - 1000).toUTCString();
    expect((await get(mp4(PUBLIC), { ...range, 'If-Range': older })).status).toBe(200);
  });

  it('answers HEAD with headers only, ranges included', async () => {
    const head = await get(mp4(PUBLIC), {}, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(alpineMp4.length));
    expect(head.body.length).toBe(0);
    const ranged = await get(mp4(PUBLIC), { Range: 'bytes=0-0' }, { method: 'HEAD' });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-0/${alpineMp4.length}`);
  });

  it('names the file from ?filename=, with the extension of the kind', async () => {
    const named = await get(mp4(PUBLIC, '?filename=My_Lake-2026'));
    expect(named.headers.get('content-disposition')).toBe(
      'attachment; filename="My_Lake-2026.mp4"',
    );
    const audio = await get(`${m4a(PUBLIC)}?filename=lake`);
    expect(audio.headers.get('content-disposition')).toBe('attachment; filename="lake.m4a"');
    for (const bad of ['', 'two%20words', 'x'.repeat(121), 'a.mp4', '..%2Fetc']) {
      expect((await get(mp4(PUBLIC, `?filename=${bad}`))).status).toBe(400);
    }
    expect((await get(mp4(PUBLIC, `?filename=${'x'.repeat(120)}`))).status).toBe(200);
  });

  it('serves a range near the end of a 5 GiB synthetic file', async () => {
    const head = await get(mp4(HUGE), {}, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(HUGE_SIZE));
    const reply = await get(mp4(HUGE), { Range: 'bytes=-300000' });
    expect(reply.status).toBe(206);
    expect(reply.headers.get('content-range')).toBe(
      `bytes ${HUGE_SIZE - 300_000}-${HUGE_SIZE - 1}/${HUGE_SIZE}`,
    );
    const expected = syntheticBytes({ size: HUGE_SIZE, seed: 5 }, HUGE_SIZE - 300_000, 300_000);
    expect(sha(reply.body)).toBe(sha(expected));
  });

  it('records every request with its query and headers', async () => {
    await get(mp4(PUBLIC, '?filename=x'), { Range: 'bytes=0-0' });
    await get('/nothing/here');
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toMatchObject({
      host: 'delivery',
      method: 'GET',
      path: `/${PUBLIC}/downloads/default.mp4?filename=x`,
      headers: { range: 'bytes=0-0' },
    });
    expect(recorded[1]?.path).toBe('/nothing/here');
  });
});

describe('delivery: availability and access', () => {
  it('answers 404 for unknown paths, videos, methods and downloads not ready', async () => {
    expect((await get('/')).status).toBe(404);
    expect((await get(`/${PUBLIC}/downloads/other.mp4`)).status).toBe(404);
    expect((await get(mp4('f'.repeat(32)))).status).toBe(404);
    expect((await get(mp4(PUBLIC), {}, { method: 'POST' })).status).toBe(404);
    expect((await get(mp4(PENDING))).status).toBe(404);
    expect((await get(m4a(PENDING))).status).toBe(404);
    videos.set(PUBLIC, video(PUBLIC, { downloads: { audio: { status: 'error', startedAt: 0 } } }));
    expect((await get(m4a(PUBLIC))).status).toBe(404);
    expect((await get(mp4(PUBLIC))).status).toBe(404);
  });

  it('answers 424 for an errored video, downloads and thumbnails alike', async () => {
    expect((await get(mp4(ERRORED))).status).toBe(424);
    expect((await get(thumb(ERRORED))).status).toBe(424);
  });

  it('refuses a private video by uid with a short text body', async () => {
    const reply = await get(mp4(PRIVATE));
    expect(reply.status).toBe(403);
    expect(reply.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(reply.body.toString()).toMatch(/signed URL/);
  });

  it('serves a private video through a downloadable token, and a public one too', async () => {
    const token = keyring.sign({ sub: PRIVATE, exp: nowS() + 60, downloadable: true }, key.id);
    const reply = await get(mp4(token), { Range: 'bytes=0-9' });
    expect(reply.status).toBe(206);
    const viaAccountKey = keyring.sign({ sub: PUBLIC, downloadable: true });
    expect((await get(mp4(viaAccountKey))).status).toBe(200);
  });

  it('accepts a self-signed token whose exp and nbf are strings', async () => {
    const token = selfSigned({
      sub: PRIVATE,
      downloadable: true,
      exp: String(nowS() + 60),
      nbf: String(nowS() - 60),
    });
    expect((await get(mp4(token))).status).toBe(200);
  });

  it.each([
    ['expired', () => selfSigned({ sub: PRIVATE, downloadable: true, exp: nowS() - 1 }), /expired/],
    [
      'not yet valid',
      () => selfSigned({ sub: PRIVATE, downloadable: true, nbf: nowS() + 60 }),
      /not yet valid/,
    ],
    ['not downloadable', () => keyring.sign({ sub: PRIVATE }, key.id), /downloads/],
    [
      'for an unknown video',
      () => keyring.sign({ sub: 'f'.repeat(32), downloadable: true }, key.id),
      /subject/,
    ],
    ['with a forged payload', () => forge(keyring.sign({ sub: PRIVATE }, key.id)), /signature/],
    [
      'blocked by access rules',
      () =>
        keyring.sign(
          {
            sub: PRIVATE,
            downloadable: true,
            accessRules: [{ type: 'ip.src', action: 'block', ip: ['127.0.0.0/8', '::1/128'] }],
          },
          key.id,
        ),
      /access rules/,
    ],
  ])('refuses a token %s with 403, without echoing it', async (_name, make, reason) => {
    const token = make();
    const reply = await get(mp4(token));
    expect(reply.status).toBe(403);
    expect(reply.body.toString()).toMatch(reason);
    expect(reply.body.toString()).not.toContain(token.split('.')[1]);
  });

  it('lets access rules allow a matching client before a catch-all block', async () => {
    const token = keyring.sign(
      {
        sub: PRIVATE,
        downloadable: true,
        accessRules: [
          { type: 'ip.src', action: 'allow', ip: ['127.0.0.1/32'] },
          { type: 'any', action: 'block' },
        ],
      },
      key.id,
    );
    expect((await get(mp4(token))).status).toBe(200);
  });

  it('refuses tokens of a revoked key and of keys it never issued', async () => {
    const extra = keyring.createKey();
    const token = keyring.sign({ sub: PRIVATE, downloadable: true }, extra.id);
    expect((await get(mp4(token))).status).toBe(200);
    keyring.revokeKey(extra.id);
    const revoked = await get(mp4(token));
    expect(revoked.status).toBe(403);
    expect(revoked.body.toString()).toMatch(/key/);
    const stranger = new SigningKeyring(clock);
    const foreign = stranger.sign({ sub: PRIVATE, downloadable: true }, stranger.createKey().id);
    expect((await get(mp4(foreign))).status).toBe(403);
  });

  it('serves thumbnails by uid or by a token without downloadable', async () => {
    const reply = await get(thumb(PUBLIC));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('image/jpeg');
    expect(sha(reply.body)).toBe(sha(alpineJpg));
    expect((await get(thumb(PRIVATE))).status).toBe(403);
    const token = keyring.sign({ sub: PRIVATE, exp: nowS() + 60 }, key.id);
    expect((await get(thumb(token))).status).toBe(404);
    videos.set(PRIVATE, video(PRIVATE, { requireSignedURLs: true }));
    expect((await get(thumb(token))).status).toBe(200);
  });
});

describe('a server error', () => {
  it('answers 500 rather than closing the connection without a word', async () => {
    const broken = 'f6d4b5c9a7e8430ecf5a6b7c8d9e0f1a';
    videos.set(broken, video(broken, { thumbnail: () => createReadStream(sample('missing.jpg')) }));
    const reply = await get(thumb(broken));
    expect(reply.status).toBe(500);
    videos.delete(broken);
  });
});

function forge(token: string): string {
  const [header, , signature] = token.split('.');
  const payload = Buffer.from(JSON.stringify({ sub: PRIVATE, downloadable: true })).toString(
    'base64url',
  );
  return `${header}.${payload}.${signature}`;
}

describe('delivery: faults', () => {
  it('resets the connection after N body bytes', async () => {
    faults.set({ resetAfterBytes: 50_000, times: 1 });
    const reply = await get(mp4(PUBLIC));
    expect(reply.status).toBe(200);
    expect(reply.error).toBeDefined();
    expect(sha(reply.body)).toBe(sha(alpineMp4.subarray(0, 50_000)));
    const again = await get(mp4(PUBLIC));
    expect(again.error).toBeUndefined();
    expect(again.body.length).toBe(alpineMp4.length);
  });

  it('resets before the first body byte when N is 0', async () => {
    faults.set({ resetAfterBytes: 0 });
    const reply = await rawGet(mp4(PUBLIC));
    expect(reply.status).toBe(200);
    expect(reply.bytes).toBe(0);
    expect(reply.error).toBeDefined();
  });

  it('stalls after N bytes until the client gives up', async () => {
    faults.set({ stallAfterBytes: 30_000, times: 1 });
    const reply = await get(mp4(PUBLIC), {}, { timeoutMs: 400 });
    expect(reply.error).toBeDefined();
    expect(sha(reply.body)).toBe(sha(alpineMp4.subarray(0, 30_000)));
    expect((await get(mp4(PUBLIC))).body.length).toBe(alpineMp4.length);
  });

  it('ignores Range when told to', async () => {
    faults.set({ ignoreRange: true });
    const reply = await get(mp4(PUBLIC), { Range: 'bytes=100-199' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-range')).toBeNull();
    expect(sha(reply.body)).toBe(sha(alpineMp4));
  });

  it('changes the file mid-transfer: new bytes, new ETag, stale If-Range gets 200', async () => {
    const before = media(PUBLIC);
    faults.set({ changeFileAfterBytes: 10_000, times: 1 });
    const cut = await get(mp4(PUBLIC));
    expect(cut.error).toBeDefined();
    expect(cut.body.length).toBe(10_000);
    expect(cut.headers.get('etag')).toBe(before.etag);
    const after = media(PUBLIC);
    expect(after.etag).not.toBe(before.etag);
    const resumed = await get(mp4(PUBLIC), { Range: 'bytes=10000-', 'If-Range': before.etag });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('etag')).toBe(after.etag);
    expect(resumed.body.length).toBe(after.size);
    expect(sha(resumed.body)).not.toBe(sha(alpineMp4));
  });

  it('changes a synthetic file by bumping its revision', async () => {
    const before = media(HUGE);
    faults.set({ changeFileAfterBytes: 1000, times: 1 });
    await get(mp4(HUGE), { Range: `bytes=${HUGE_SIZE - 5000}-` });
    expect(media(HUGE).etag).not.toBe(before.etag);
    expect(media(HUGE).size).toBe(HUGE_SIZE);
  });

  it('answers every path with a captive portal page', async () => {
    faults.set({ captivePortal: true });
    for (const path of [mp4(PUBLIC), mp4(PRIVATE), thumb(PUBLIC), '/elsewhere']) {
      const reply = await get(path, { Range: 'bytes=0-9' });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
      expect(reply.body.toString()).toMatch(/<html/);
    }
  });

  it('fails the next responses with 503, then recovers', async () => {
    faults.set({ status: { code: 503 }, times: 2 });
    expect((await get(mp4(PUBLIC))).status).toBe(503);
    expect((await get(mp4(PUBLIC), {}, { method: 'HEAD' })).status).toBe(503);
    expect((await get(mp4(PUBLIC))).status).toBe(200);
  });

  it('sends Retry-After with 429', async () => {
    faults.set({ status: { code: 429, retryAfterSeconds: 7 } });
    const reply = await get(mp4(PUBLIC));
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('7');
    faults.set({ status: { code: 429 } });
    expect(Number((await get(thumb(PUBLIC))).headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('still delivers the exact bytes under a bandwidth cap', async () => {
    faults.set({ bytesPerSecond: 400_000 });
    const reply = await get(mp4(PUBLIC), { Range: 'bytes=1000-120999' });
    expect(reply.status).toBe(206);
    expect(sha(reply.body)).toBe(sha(alpineMp4.subarray(1000, 121_000)));
  });
});

/** http.request sees a reset before any body byte, which fetch reports only vaguely. */
function rawGet(path: string): Promise<{ status: number; bytes: number; error?: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', (error) => resolve({ status: res.statusCode ?? 0, bytes, error }));
      res.on('aborted', () =>
        resolve({ status: res.statusCode ?? 0, bytes, error: new Error('aborted') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}
