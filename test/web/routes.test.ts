import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventPayload, Outcome } from '../../main/contract/index';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import { keyHeader, lastEventHeader, maxRpcBodyBytes } from '../../main/web/index';
import { outsideText, rawRequest, type WebFixture, webFixture } from './fixture';
import { SseClient } from './sse-client';

let web: WebFixture;
const streams: SseClient[] = [];
beforeAll(async () => {
  web = await webFixture({ heartbeatMs: 20 });
});
afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
});
afterAll(() => web?.close());

const openEvents = async () => {
  const stream = await SseClient.open(`${web.server.origin}/events`, key());
  streams.push(stream);
  return stream;
};

const alpine = sampleVideos[0]?.uid ?? '';
const outcomeOf = async (response: Response) => (await response.json()) as Outcome<unknown>;
const key = () => ({ [keyHeader]: web.key });
const post = (channel: string, body: string, type = 'application/json') =>
  fetch(`${web.server.origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { ...key(), 'content-type': type },
    body,
  });

describe('POST /rpc/<channel>', () => {
  it('answers the backend verdicts with 200 and transport failures with 4xx, always an Outcome', async () => {
    const unknown = await post('no:such-channel', '{}');
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const invalid = await post('catalogue:list', '{"limit":0}');
    expect(await invalid.json()).toMatchObject({ error: { code: 'invalid_arguments' } });
    const notJson = await post('app:info', '{nope');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect((await post('app:info', '{}', 'text/plain')).status).toBe(415);
    const get = await fetch(`${web.server.origin}/rpc/app:info`, { headers: key() });
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ ok: false });
    expect((await post('app:info', '')).status).toBe(200);
  });

  it('refuses a body over 1 MB, declared or streamed', async () => {
    const big = `"${'x'.repeat(maxRpcBodyBytes)}"`;
    const declared = await post('app:info', big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ ok: false, error: { code: 'too_large' } });
    const streamed = await rawRequest(web.server.origin, '/rpc/app:info', {
      method: 'POST',
      headers: { ...key(), 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: big,
    });
    expect(streamed.status).toBe(413);
    const fits = await post('app:info', JSON.stringify({ pad: 'x'.repeat(maxRpcBodyBytes - 20) }));
    expect(fits.status).toBe(200);
  });
});

describe('static files', () => {
  it('serves the renderer with content types', async () => {
    const script = await fetch(`${web.server.origin}/assets/app.js`, { headers: key() });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    const head = await fetch(`${web.server.origin}/index.html`, { method: 'HEAD', headers: key() });
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await fetch(`${web.server.origin}/missing.js`, { headers: key() })).status).toBe(404);
  });

  it.each([
    '/../outside.txt',
    '/assets/../../outside.txt',
    '/%2e%2e/outside.txt',
    '/assets/%2e%2e/%2E%2E/outside.txt',
    '/..%2foutside.txt',
    '/%2e%2e%2foutside.txt',
    '/assets%2f..%2f..%2foutside.txt',
    '/..%5coutside.txt',
    '/link.txt',
    '/%00/../outside.txt',
  ])('never leaves the renderer folder: %s', async (path) => {
    const answer = await rawRequest(web.server.origin, path, { headers: key() });
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain(outsideText);
  });
});

describe('GET /events', () => {
  it('delivers job events and lets go of the backend when the client disconnects', async () => {
    const events = await openEvents();
    expect(web.subscriptions()).toBe(1);
    const states: EventPayload<'job:state'>[] = [];
    events.onMessage((message) => {
      if (message.event === 'job:state') states.push(JSON.parse(message.data));
    });
    expect(await post('account:demo', '{}').then(outcomeOf)).toMatchObject({ ok: true });
    expect(await post('catalogue:refresh', '{}').then(outcomeOf)).toMatchObject({ ok: true });
    const started = await post('download:start', JSON.stringify({ uid: alpine }));
    expect(await outcomeOf(started)).toMatchObject({ ok: true });
    await events.reached(Number(started.headers.get(lastEventHeader)));
    await vi.waitFor(() => expect(states.map((s) => s.state)).toContain('complete'), {
      timeout: 10_000,
    });
    expect(states[0]).toMatchObject({ uid: alpine, kind: 'default' });
    await vi.waitFor(() => expect(events.comments).toBeGreaterThan(0));
    events.close();
    await vi.waitFor(() => expect(web.subscriptions()).toBe(0));
  });

  it('sends the events to every open stream with one backend subscription', async () => {
    const first = await openEvents();
    const second = await openEvents();
    expect(web.subscriptions()).toBe(1);
    const seen: string[] = [];
    first.onMessage((m) => seen.push(`first ${m.event}`));
    second.onMessage((m) => seen.push(`second ${m.event}`));
    const answer = await post('catalogue:refresh', '{}');
    const last = Number(answer.headers.get(lastEventHeader));
    await Promise.all([first.reached(last), second.reached(last)]);
    expect(seen).toContain('first catalogue:changed');
    expect(seen).toContain('second catalogue:changed');
    first.close();
    second.close();
    await vi.waitFor(() => expect(web.subscriptions()).toBe(0));
  });
});

describe('GET|HEAD /media/<id>', () => {
  const media = (id: string, init: RequestInit = {}) =>
    fetch(`${web.server.origin}/media/${encodeURIComponent(id)}`, {
      ...init,
      headers: { ...key(), ...(init.headers as Record<string, string>) },
    });

  it('serves a saved video with Range: 200, 206, 416 and HEAD', async () => {
    const id = `${alpine}.default`;
    await vi.waitFor(async () => expect((await media(id, { method: 'HEAD' })).status).toBe(200), {
      timeout: 10_000,
    });
    const whole = await media(id);
    const size = Number(whole.headers.get('content-length'));
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect((await whole.arrayBuffer()).byteLength).toBe(size);
    const part = await media(id, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    const beyond = await media(id, { headers: { range: `bytes=${size + 10}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);
    const head = await media(id, { method: 'HEAD', headers: { range: 'bytes=0-9' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-length')).toBe('10');
  });

  it('answers 404 for ids that are not in the library, and survives a client that leaves', async () => {
    expect((await media(`${sampleVideos[1]?.uid}.default`)).status).toBe(404);
    expect((await media('../library.sqlite')).status).toBe(404);
    expect((await rawRequest(web.server.origin, '/media/a%2Fb', { headers: key() })).status).toBe(
      404,
    );
    const leaving = new AbortController();
    const response = await media(`${alpine}.default`, { signal: leaving.signal });
    await response.body?.getReader().read();
    leaving.abort();
    const again = await media(`${alpine}.default`, { headers: { range: 'bytes=0-0' } });
    expect(again.status).toBe(206);
  });
});
