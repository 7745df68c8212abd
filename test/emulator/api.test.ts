import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import {
  type EmulatorOptions,
  erroredVideoUid,
  processingVideoUid,
  type RunningEmulator,
  startEmulator,
} from '../../main/core/emulator/index';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import { Downloads, Video, VideoListPage } from '../../main/core/stream/schemas';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator(options);
  running.push(emulator);
  return emulator;
}

interface Envelope<R> {
  success: boolean;
  errors: { code: number; message: string }[];
  messages: unknown[];
  result: R;
  range?: number;
  total?: number;
}

/** `R` is what the test expects the result to be; the JSON is trusted as that shape. */
interface Answer<R = unknown> {
  status: number;
  headers: Headers;
  body: Envelope<R>;
  text: string;
}

type Entry = { status: string; percentComplete: number; url: string };
type DownloadMap = Partial<Record<'default' | 'audio', Entry>>;
type Key = { id: string; pem: string; jwk: string; created: string };

interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: string;
}

async function call<R = unknown>(
  emulator: RunningEmulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer<R>> {
  const headers: Record<string, string> = options.headers ?? {
    Authorization: `Bearer ${options.token ?? emulator.token}`,
  };
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${emulator.apiBase}${path}`, { method, headers, body });
  const text = await res.text();
  const isJson = res.headers.get('content-type')?.includes('application/json') ?? false;
  return {
    status: res.status,
    headers: res.headers,
    body: (isJson ? JSON.parse(text) : {}) as Envelope<R>,
    text,
  };
}

const stream = (e: RunningEmulator, rest = '') => `/accounts/${e.accountId}/stream${rest}`;
const [alpine, harbour, keynote] = sampleVideos;
if (!alpine || !harbour || !keynote) throw new Error('sample catalogue changed');

function expectFailure(answer: Answer, status: number, code: number, message?: RegExp) {
  expect(answer.status).toBe(status);
  expect(answer.body.success).toBe(false);
  expect(answer.body.result).toBeNull();
  expect(answer.body.errors[0]?.code).toBe(code);
  if (message) expect(answer.body.errors[0]?.message).toMatch(message);
}

describe('authentication', () => {
  it('answers each auth mistake the way Cloudflare does', async () => {
    const e = await start();
    const list = stream(e);
    expectFailure(
      await call(e, 'GET', list, { headers: {} }),
      400,
      9106,
      /Missing X-Auth-Key, X-Auth-Email or Authorization headers/,
    );
    expectFailure(
      await call(e, 'GET', list, { token: 'nope' }),
      403,
      9109,
      /^Invalid access token$/,
    );
    expectFailure(
      await call(e, 'GET', list, { headers: { Authorization: 'Basic abc' } }),
      403,
      9109,
    );
    expectFailure(
      await call(e, 'POST', stream(e, `/${alpine.uid}/downloads`), { token: e.readToken }),
      403,
      10000,
      /^Authentication error$/,
    );
    expectFailure(
      await call(e, 'GET', `/accounts/${'0'.repeat(32)}/stream`),
      403,
      10000,
      /^Authentication error$/,
    );
    expectFailure(
      await call(e, 'GET', list, {
        headers: { 'X-Auth-Email': e.legacy.email, 'X-Auth-Key': e.token },
      }),
      403,
      10000,
    );
    expectFailure(
      await call(e, 'GET', list, {
        headers: { 'X-Auth-Email': e.legacy.email, 'X-Auth-Key': 'cfk_wrong' },
      }),
      403,
      10000,
    );
    expectFailure(
      await call(e, 'GET', list, { headers: { 'X-Auth-Key': e.legacy.key } }),
      400,
      9106,
    );
  });

  it('accepts the write token, the read token for reads, and the legacy key', async () => {
    const e = await start();
    expect((await call(e, 'GET', stream(e))).status).toBe(200);
    expect((await call(e, 'GET', stream(e), { token: e.readToken })).status).toBe(200);
    const legacy = { 'X-Auth-Email': e.legacy.email, 'X-Auth-Key': e.legacy.key };
    expect((await call(e, 'GET', stream(e), { headers: legacy })).status).toBe(200);
    const created = await call(e, 'POST', stream(e, `/${alpine.uid}/downloads`), {
      headers: legacy,
    });
    expect(created.status).toBe(200);
  });

  it('verifies tokens and records every request with its headers', async () => {
    const e = await start({ token: 'fixed-test-token' });
    const verifyPath = `/accounts/${e.accountId}/tokens/verify`;
    const verified = await call<{ id: string }>(e, 'GET', verifyPath);
    expect(verified.status).toBe(200);
    expect(verified.body.result).toMatchObject({ status: 'active' });
    expect(verified.body.result.id).toMatch(/^[0-9a-f]{32}$/);
    const last = e.requests.at(-1);
    expect(last).toMatchObject({
      host: 'api',
      method: 'GET',
      path: `/client/v4${verifyPath}`,
    });
    expect(last?.headers.authorization).toBe('Bearer fixed-test-token');
  });
});

describe('routing', () => {
  it('answers unknown routes, bad uids and unknown uids with envelopes', async () => {
    const e = await start();
    expectFailure(await call(e, 'GET', stream(e, '/a/b/c/d/e')), 404, 7000);
    expectFailure(await call(e, 'GET', '/nothing/here'), 404, 7000);
    expectFailure(await call(e, 'PUT', stream(e, `/${alpine.uid}`)), 405, 7001);
    const bad = await call(e, 'GET', stream(e, '/not-a-uid'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]?.code).toBeGreaterThanOrEqual(1000);
    expectFailure(await call(e, 'GET', stream(e, `/${'a'.repeat(32)}`)), 404, 10003);
    expectFailure(await call(e, 'GET', stream(e, `/${'a'.repeat(32)}/downloads`)), 404, 10003);
    expectFailure(
      await call(e, 'POST', stream(e, `/${alpine.uid}/token`), { raw: '{not json' }),
      400,
      10005,
    );
  });
});

describe('video list', () => {
  it('returns every video newest first, each a valid Video', async () => {
    const e = await start();
    const answer = await call(e, 'GET', stream(e));
    expect(answer.status).toBe(200);
    const page = VideoListPage.parse(answer.body);
    expect(page.result).toHaveLength(6);
    expect(page.range).toBe(0);
    expect(page.total).toBeUndefined();
    const created = page.result.map((v) => Date.parse(v.created));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const sample = page.result.find((v) => v.uid === alpine.uid);
    expect(sample).toMatchObject({
      meta: { name: alpine.name, filename: 'alpine.mp4' },
      readyToStream: true,
      status: { state: 'ready', pctComplete: '100.000000' },
      thumbnail: `${e.deliveryBase}/${alpine.uid}/thumbnails/thumbnail.jpg`,
      input: { width: alpine.width, height: alpine.height },
      duration: alpine.duration,
    });
    const raw = await call<{ uid: string; creator: unknown }[]>(e, 'GET', stream(e));
    expect(raw.body.result.find((v) => v.uid === alpine.uid)?.creator).toBeNull();
  });

  it('filters by search, video_name, id, name and status', async () => {
    const e = await start();
    const uids = async (query: string) =>
      (await call<Video[]>(e, 'GET', stream(e, `?${query}`))).body.result.map((v) => v.uid);
    expect(await uids('search=HARB')).toEqual([harbour.uid]);
    expect(await uids('search=a')).toHaveLength(6);
    expect(await uids(`video_name=${encodeURIComponent(harbour.name)}`)).toEqual([harbour.uid]);
    expect(await uids('video_name=Harbour')).toEqual([]);
    expect((await uids(`id=${alpine.uid},${keynote.uid}`)).sort()).toEqual(
      [alpine.uid, keynote.uid].sort(),
    );
    expect(await uids(`name=${encodeURIComponent(alpine.name)},${harbour.uid}`)).toHaveLength(2);
    expect(await uids('status=error')).toEqual([erroredVideoUid]);
    expect(await uids('status=inprogress')).toEqual([processingVideoUid]);
    expect(await uids('status=ready')).toHaveLength(4);
    expectFailure(await call(e, 'GET', stream(e, '?status=bogus')), 400, 10005);
    expectFailure(await call(e, 'GET', stream(e, '?before=yesterday')), 400, 10005);
  });

  it('sets a creator through the edit call and filters the list by it, as Cloudflare does', async () => {
    const e = await start();
    const uids = async (query: string) =>
      (await call<Video[]>(e, 'GET', stream(e, `?${query}`))).body.result.map((v) => v.uid);
    expect(await uids('creator=signage')).toEqual([]);
    for (const video of [alpine, keynote]) {
      const edited = await call(e, 'POST', stream(e, `/${video.uid}`), {
        body: { creator: 'signage', meta: { kiosk: 'lobby' } },
      });
      expect(Video.parse(edited.body.result)).toMatchObject({
        creator: 'signage',
        meta: { kiosk: 'lobby' },
      });
    }
    expect((await uids('creator=signage')).sort()).toEqual([alpine.uid, keynote.uid].sort());
    expect(await uids('creator=signage&search=keynote')).toEqual([keynote.uid]);
    expect(await uids('creator=someone')).toEqual([]);
    const tooLong = { creator: 'x'.repeat(65) };
    expectFailure(
      await call(e, 'POST', stream(e, `/${alpine.uid}`), { body: tooLong }),
      400,
      10005,
    );
  });

  it('pages newest first with an exclusive before cursor, range and total', async () => {
    const e = await start();
    const seen: string[] = [];
    let before: string | undefined;
    const ranges: number[] = [];
    for (let guard = 0; guard < 10; guard++) {
      const cursor = before ? `&before=${encodeURIComponent(before)}` : '';
      const answer = await call(e, 'GET', stream(e, `?limit=2&include_counts=true${cursor}`));
      const page = VideoListPage.parse(answer.body);
      expect(page.total).toBe(6);
      ranges.push(Number(page.range));
      seen.push(...page.result.map((v) => v.uid));
      if (page.result.length < 2 || page.range === 0) break;
      before = page.result.at(-1)?.created;
    }
    expect(ranges).toEqual([4, 2, 0]);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const all = (await call<Video[]>(e, 'GET', stream(e))).body.result.map((v) => v.uid);
    expect(seen).toEqual(all);
  });

  it('pages oldest first with an inclusive after cursor (clients de-duplicate by uid)', async () => {
    const e = await start();
    const first = await call<Video[]>(e, 'GET', stream(e, '?asc=true&limit=3'));
    const oldest = first.body.result.map((v) => v.uid);
    expect(oldest[0]).toBe(alpine.uid);
    expect(first.body.range).toBe(3);
    const last = first.body.result[2];
    if (last === undefined) throw new Error('expected a third video');
    const second = await call<Video[]>(
      e,
      'GET',
      stream(e, `?asc=true&limit=3&after=${encodeURIComponent(last.created)}`),
    );
    const next = second.body.result.map((v) => v.uid);
    expect(next[0]).toBe(last.uid);
    expect(new Set([...oldest, ...next]).size).toBe(5);
    expect(second.body.range).toBe(1);
  });
});

describe('one video', () => {
  it('shows a processing video whose pctComplete rises with the clock until ready', async () => {
    const clock = new ManualClock();
    const e = await start({ clock, processingMs: 10_000 });
    const get = async () =>
      Video.parse((await call(e, 'GET', stream(e, `/${processingVideoUid}`))).body.result);
    const before = await get();
    expect(before.status).toMatchObject({
      state: 'inprogress',
      pctComplete: '0.000000',
      step: 'encoding',
    });
    expect(before.readyToStream).toBe(false);
    expect(before.thumbnail).toBeUndefined();
    expect(before.preview).toBeUndefined();
    clock.advance(2_500);
    expect((await get()).status.pctComplete).toBe('25.000000');
    expectFailure(
      await call(e, 'POST', stream(e, `/${processingVideoUid}/downloads`)),
      400,
      10006,
      /not ready/,
    );
    clock.advance(7_500);
    const after = await get();
    expect(after.status).toMatchObject({ state: 'ready', pctComplete: '100.000000' });
    expect(after.readyToStream).toBe(true);
    expect(after.readyToStreamAt).toBe(new Date(clock.now()).toISOString());
    expect(after.thumbnail).toBe(
      `${e.deliveryBase}/${processingVideoUid}/thumbnails/thumbnail.jpg`,
    );
  });

  it('shows an errored video with its reason', async () => {
    const e = await start();
    const video = Video.parse((await call(e, 'GET', stream(e, `/${erroredVideoUid}`))).body.result);
    expect(video.readyToStream).toBe(false);
    expect(video.status).toMatchObject({ state: 'error', errorReasonCode: 'ERR_MALFORMED_VIDEO' });
    expect(video.status.errorReasonText).not.toBe('');
  });

  it('edits name and requireSignedURLs, and deletes', async () => {
    const e = await start();
    const path = stream(e, `/${harbour.uid}`);
    const edited = await call(e, 'POST', path, {
      body: { uid: harbour.uid, meta: { name: 'Renamed' }, requireSignedURLs: true },
    });
    expect(edited.status).toBe(200);
    expect(Video.parse(edited.body.result)).toMatchObject({
      meta: { name: 'Renamed', filename: 'harbour.mp4' },
      requireSignedURLs: true,
    });
    expect(e.videos.get(harbour.uid)?.name).toBe('Renamed');
    expectFailure(await call(e, 'POST', path, { body: { requireSignedURLs: 'yes' } }), 400, 10005);
    expectFailure(await call(e, 'DELETE', path, { token: e.readToken }), 403, 10000);
    const deleted = await call(e, 'DELETE', path);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expectFailure(await call(e, 'GET', path), 404, 10003);
    expect(e.videos.has(harbour.uid)).toBe(false);
  });

  it('schedules a deletion, shows it, and deletes the video when its time comes', async () => {
    const clock = new ManualClock(Date.parse('2026-10-01T00:00:00Z'));
    const e = await start({ clock });
    const path = stream(e, `/${keynote.uid}`);
    const when = '2026-11-01T00:00:00Z';
    const edited = await call(e, 'POST', path, { body: { scheduledDeletion: when } });
    expect(Video.parse(edited.body.result).scheduledDeletion).toBe(when);
    expectFailure(await call(e, 'POST', path, { body: { scheduledDeletion: 'soon' } }), 400, 10005);
    const listed = await call<unknown[]>(e, 'GET', stream(e, `?id=${keynote.uid}`));
    expect(VideoListPage.parse(listed.body).result[0]?.scheduledDeletion).toBe(when);
    // The dashboard's way of playing the same changes, for tests.
    e.control.editVideo(alpine.uid, { name: 'Alpine at night', requireSignedURLs: true });
    expect(
      Video.parse((await call(e, 'GET', stream(e, `/${alpine.uid}`))).body.result),
    ).toMatchObject({
      meta: { name: 'Alpine at night' },
      requireSignedURLs: true,
    });
    clock.advance(Date.parse(when) - clock.now() - 1);
    expect((await call(e, 'GET', path)).status).toBe(200);
    clock.advance(1);
    expectFailure(await call(e, 'GET', path), 404, 10003);
    e.control.editVideo(harbour.uid, { scheduledDeletion: null });
    expect((await call(e, 'GET', stream(e, `/${harbour.uid}`))).body.result).toMatchObject({
      scheduledDeletion: null,
    });
  });

  it('plays each answer to the id list filter that Cloudflare might give', async () => {
    const e = await start();
    const ids = `?id=${alpine.uid},${harbour.uid}`;
    const uidsOf = async () =>
      ((await call<{ uid: string }[]>(e, 'GET', stream(e, ids))).body.result ?? []).map(
        (v) => v.uid,
      );
    expect((await uidsOf()).sort()).toEqual([alpine.uid, harbour.uid].sort());
    e.control.setApiVariants({ idFilter: 'single' });
    expect(await uidsOf()).toEqual([]);
    e.control.setApiVariants({ idFilter: 'ignored' });
    expect((await uidsOf()).length).toBeGreaterThan(2);
    e.control.setApiVariants({ idFilter: 'rejected' });
    expectFailure(await call(e, 'GET', stream(e, ids)), 400, 10005);
    expect((await call(e, 'GET', stream(e))).status).toBe(200);
  });
});

describe('downloads', () => {
  it('prepares a download over preparationMs on the emulator clock', async () => {
    const clock = new ManualClock();
    const e = await start({ clock, preparationMs: 10_000 });
    const path = stream(e, `/${alpine.uid}/downloads`);
    expect((await call(e, 'GET', path)).body.result).toEqual({});
    const created = await call(e, 'POST', path);
    expect(created.status).toBe(200);
    const url = `${e.deliveryBase}/${alpine.uid}/downloads/default.mp4`;
    expect(Downloads.strict().parse(created.body.result)).toEqual({
      default: { status: 'inprogress', percentComplete: 0, url },
    });
    clock.advance(2_500);
    expect(Downloads.parse((await call(e, 'GET', path)).body.result).default).toMatchObject({
      status: 'inprogress',
      percentComplete: 25,
    });
    const again = await call<DownloadMap>(e, 'POST', path, { body: {} });
    expect(again.body.result.default).toMatchObject({ status: 'inprogress', percentComplete: 25 });
    clock.advance(7_500);
    expect((await call<DownloadMap>(e, 'GET', path)).body.result.default).toEqual({
      status: 'ready',
      percentComplete: 100,
      url,
    });
    expect(e.videos.get(alpine.uid)?.downloads.default?.status).toBe('ready');
  });

  it('creates and deletes typed downloads; GET omits deleted ones', async () => {
    const clock = new ManualClock();
    const e = await start({ clock, preparationMs: 1_000 });
    const path = stream(e, `/${alpine.uid}/downloads`);
    const audio = await call<DownloadMap>(e, 'POST', `${path}/audio`, { body: {} });
    expect(Object.keys(audio.body.result)).toEqual(['audio']);
    expect(audio.body.result.audio?.url).toBe(
      `${e.deliveryBase}/${alpine.uid}/downloads/audio.m4a`,
    );
    await call(e, 'POST', `${path}/default`);
    expect(Object.keys((await call<DownloadMap>(e, 'GET', path)).body.result).sort()).toEqual([
      'audio',
      'default',
    ]);
    const deleted = await call(e, 'DELETE', `${path}/audio`);
    expect(deleted.status).toBe(200);
    expect(typeof deleted.body.result).toBe('string');
    expect(Object.keys((await call<DownloadMap>(e, 'GET', path)).body.result)).toEqual(['default']);
    expect(typeof (await call(e, 'DELETE', path)).body.result).toBe('string');
    expect((await call(e, 'GET', path)).body.result).toEqual({});
    expectFailure(await call(e, 'DELETE', path), 404, 10003);
    expectFailure(await call(e, 'POST', `${path}/hls`), 404, 7000);
  });

  it('refuses errored videos with 424 and not-ready videos with 400', async () => {
    const e = await start();
    const errored = await call(e, 'POST', stream(e, `/${erroredVideoUid}/downloads`));
    expect(errored.status).toBe(424);
    expect(errored.body.success).toBe(false);
    expect(errored.body.errors[0]?.code).toBeGreaterThanOrEqual(1000);
    e.control.setVideoState(harbour.uid, 'queued');
    const queued = await call(e, 'POST', stream(e, `/${harbour.uid}/downloads/audio`));
    expect(queued.status).toBe(400);
    expect(queued.body.errors[0]?.code).toBeGreaterThanOrEqual(1000);
    expect(queued.body.errors[0]?.message).toMatch(/not ready/);
    e.control.setVideoState(harbour.uid, 'error', { code: 'ERR_UNKNOWN', text: 'boom' });
    expect((await call(e, 'POST', stream(e, `/${harbour.uid}/downloads`))).status).toBe(424);
  });

  it('lets tests finish or fail downloads, and fails a rendition the media lacks', async () => {
    const clock = new ManualClock();
    const e = await start({ clock, preparationMs: 60_000 });
    await call(e, 'POST', stream(e, `/${alpine.uid}/downloads`));
    await call(e, 'POST', stream(e, `/${alpine.uid}/downloads/audio`));
    e.control.finishDownloads(alpine.uid);
    e.control.failDownload(alpine.uid, 'audio');
    const result = (await call<DownloadMap>(e, 'GET', stream(e, `/${alpine.uid}/downloads`))).body
      .result;
    expect(result.default).toMatchObject({ status: 'ready', percentComplete: 100 });
    expect(result.audio).toMatchObject({ status: 'error' });
    const uid = e.control.addSyntheticVideo({ size: 200_000, name: 'Big one' });
    const synthetic = Video.parse((await call(e, 'GET', stream(e, `/${uid}`))).body.result);
    expect(synthetic).toMatchObject({
      meta: { name: 'Big one' },
      size: 200_000,
      readyToStream: true,
    });
    const audio = await call<DownloadMap>(e, 'POST', stream(e, `/${uid}/downloads/audio`));
    expect(audio.body.result.audio?.status).toBe('error');
  });
});

describe('signed URL tokens', () => {
  const decode = (token: string) => {
    const [header = '', payload = ''] = token.split('.');
    return {
      header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>,
      payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>,
    };
  };

  it('mints tokens with defaults and honours the body', async () => {
    const clock = new ManualClock();
    const e = await start({ clock });
    const now = Math.floor(clock.now() / 1000);
    const path = stream(e, `/${keynote.uid}/token`);
    const plain = await call<{ token: string }>(e, 'POST', path);
    expect(plain.status).toBe(200);
    const { header, payload } = decode(plain.body.result.token);
    expect(header.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: keynote.uid, exp: now + 3600 });
    const rules = [{ type: 'any', action: 'allow' }];
    const custom = await call<{ token: string }>(e, 'POST', path, {
      body: { exp: now + 24 * 3600, downloadable: true, accessRules: rules },
    });
    expect(decode(custom.body.result.token).payload).toMatchObject({
      exp: now + 24 * 3600,
      downloadable: true,
      accessRules: rules,
    });
  });

  it('rejects exp beyond 24 h, more than 5 accessRules and half a key', async () => {
    const clock = new ManualClock();
    const e = await start({ clock });
    const now = Math.floor(clock.now() / 1000);
    const path = stream(e, `/${keynote.uid}/token`);
    expectFailure(await call(e, 'POST', path, { body: { exp: now + 24 * 3600 + 1 } }), 400, 10005);
    const rule = { type: 'any', action: 'block' };
    expectFailure(
      await call(e, 'POST', path, { body: { accessRules: Array(6).fill(rule) } }),
      400,
      10005,
    );
    expect(
      (await call(e, 'POST', path, { body: { accessRules: Array(5).fill(rule) } })).status,
    ).toBe(200);
    expectFailure(await call(e, 'POST', path, { body: { id: 'abc' } }), 400, 10005);
    expectFailure(await call(e, 'POST', path, { token: e.readToken }), 403, 10000);
  });

  it('signs with a created key, and the token opens a private download', async () => {
    const e = await start({ preparationMs: 0 });
    const key = (await call<Key>(e, 'POST', stream(e, '/keys'))).body.result;
    const path = stream(e, `/${keynote.uid}/token`);
    const wrongPem = Buffer.from('not the key').toString('base64');
    expectFailure(await call(e, 'POST', path, { body: { id: key.id, pem: wrongPem } }), 400, 10005);
    const minted = await call<{ token: string }>(e, 'POST', path, {
      body: { id: key.id, pem: key.pem, downloadable: true },
    });
    const token = minted.body.result.token;
    expect(decode(token).header.kid).toBe(key.id);
    await call(e, 'POST', stream(e, `/${keynote.uid}/downloads`));
    const byUid = await fetch(`${e.deliveryBase}/${keynote.uid}/downloads/default.mp4`);
    await byUid.arrayBuffer();
    expect(byUid.ok).toBe(false);
    const byToken = await fetch(`${e.deliveryBase}/${token}/downloads/default.mp4`);
    const bytes = Buffer.from(await byToken.arrayBuffer());
    expect(byToken.status).toBe(200);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(e.requests.some((r) => r.host === 'delivery')).toBe(true);
  });
});

describe('signing keys', () => {
  it('creates, lists and revokes keys', async () => {
    const e = await start();
    const created = await call<Key>(e, 'POST', stream(e, '/keys'));
    expect(created.status).toBe(200);
    const key = created.body.result;
    expect(key.id).toMatch(/^[0-9a-f]{32}$/);
    expect(Buffer.from(key.pem, 'base64').toString()).toContain('-----BEGIN RSA PRIVATE KEY-----');
    expect(JSON.parse(Buffer.from(key.jwk, 'base64').toString()) as unknown).toMatchObject({
      kid: key.id,
      alg: 'RS256',
      kty: 'RSA',
    });
    const listed = await call(e, 'GET', stream(e, '/keys'), { token: e.readToken });
    expect(listed.body.result).toEqual([{ id: key.id, created: key.created }]);
    expectFailure(await call(e, 'POST', stream(e, '/keys'), { token: e.readToken }), 403, 10000);
    const revoked = await call(e, 'DELETE', stream(e, `/keys/${key.id}`));
    expect(revoked.body.result).toBe('Revoked');
    expect((await call(e, 'GET', stream(e, '/keys'))).body.result).toEqual([]);
    expectFailure(await call(e, 'DELETE', stream(e, `/keys/${key.id}`)), 404, 10003);
  });
});

describe('captions', () => {
  it('lists captions, shows one, and serves raw VTT', async () => {
    const e = await start();
    const listed = await call(e, 'GET', stream(e, `/${alpine.uid}/captions`));
    expect(listed.body.result).toEqual([
      { language: 'en', label: 'English', generated: false, status: 'ready' },
      { language: 'de', label: 'Deutsch', generated: false, status: 'ready' },
    ]);
    const de = await call(e, 'GET', stream(e, `/${alpine.uid}/captions/de`));
    expect(de.body.result).toMatchObject({ language: 'de', label: 'Deutsch' });
    const vtt = await call(e, 'GET', stream(e, `/${alpine.uid}/captions/en/vtt`));
    expect(vtt.status).toBe(200);
    expect(vtt.headers.get('content-type')).toMatch(/^text\/vtt/);
    expect(vtt.text.startsWith('WEBVTT')).toBe(true);
    expectFailure(await call(e, 'GET', stream(e, `/${alpine.uid}/captions/fr/vtt`)), 404, 10003);
    expect((await call(e, 'GET', stream(e, `/${harbour.uid}/captions`))).body.result).toEqual([]);
  });
});

describe('rate limit', () => {
  it('is off by default', async () => {
    const e = await start();
    expect((await call(e, 'GET', stream(e))).headers.get('ratelimit')).toBeNull();
  });

  it('answers 429/971 with retry-after over the limit and blocks the credential', async () => {
    const clock = new ManualClock();
    const e = await start({ clock, rateLimit: { limit: 3, windowMs: 10_000, blockMs: 60_000 } });
    const list = stream(e);
    for (const remaining of [2, 1, 0]) {
      const ok = await call(e, 'GET', list);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit')).toMatch(new RegExp(`r=${remaining};`));
      expect(ok.headers.get('ratelimit-policy')).toBe('"default";q=3;w=10');
    }
    const limited = await call(e, 'GET', list);
    expectFailure(limited, 429, 971, /^Please wait and consider throttling your request speed$/);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await call(e, 'GET', list, { token: e.readToken })).status).toBe(200);
    clock.advance(30_000);
    const stillBlocked = await call(e, 'GET', list);
    expect(stillBlocked.status).toBe(429);
    expect(stillBlocked.headers.get('retry-after')).toBe('30');
    clock.advance(30_000);
    expect((await call(e, 'GET', list)).status).toBe(200);
  });
});

describe('API faults', () => {
  it('injects status faults and proxy pages for a number of responses', async () => {
    const e = await start();
    const list = stream(e);
    e.control.setApiFaults({ status: { code: 503 }, times: 1 });
    const unavailable = await call(e, 'GET', list);
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.success).toBe(false);
    expect((await call(e, 'GET', list)).status).toBe(200);
    e.control.setApiFaults({ status: { code: 429, retryAfterSeconds: 7 }, times: 2 });
    const limited = await call(e, 'GET', list);
    expectFailure(limited, 429, 971);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await call(e, 'GET', list)).status).toBe(429);
    expect((await call(e, 'GET', list)).status).toBe(200);
    e.control.setApiFaults({ htmlBody: true });
    const html = await call(e, 'GET', list);
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.text).toContain('502 Bad Gateway');
    e.control.setApiFaults(undefined);
    expect((await call(e, 'GET', list)).status).toBe(200);
  });
});

describe('lifecycle', () => {
  it('closes even while a delivery response is stalled', async () => {
    const e = await startEmulator({ preparationMs: 0 });
    await call(e, 'POST', stream(e, `/${alpine.uid}/downloads`));
    e.control.setDeliveryFaults({ stallAfterBytes: 100 });
    const res = await fetch(`${e.deliveryBase}/${alpine.uid}/downloads/default.mp4`);
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    await reader?.read();
    await e.close();
    await expect(reader?.read()).rejects.toThrow();
  });
});
