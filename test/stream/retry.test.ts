import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { createStreamClient, type StreamClientOptions } from '../../main/core/stream/client';
import { StreamApiError } from '../../main/core/stream/errors';
import {
  ACCOUNT,
  fail,
  ok,
  type Reply,
  startTestServer,
  type TestServer,
  TOKEN,
  UID,
  video,
} from './test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const rateLimited = (headers: Record<string, string>): Reply => ({
  ...(fail(429, 971, 'Please wait and consider throttling your request speed') as {
    status: number;
    body: object;
  }),
  headers,
});

async function setup(replies: Reply[], options: Partial<StreamClientOptions> = {}) {
  server = await startTestServer((_req, i) => replies[Math.min(i, replies.length - 1)] as Reply);
  const clock = new ManualClock(Date.parse('2026-08-20T10:00:00Z'));
  const client = createStreamClient({
    apiBase: `${server.origin}/client/v4`,
    accountId: ACCOUNT,
    credentials: { token: TOKEN },
    clock,
    random: () => 0,
    retry: { baseMs: 1000, capMs: 60_000 },
    ...options,
  });
  return { server, clock, client };
}

/** Waits until the client sleeps, then checks it does not call again before `ms` have passed. */
async function expectSleepOf(clock: ManualClock, srv: TestServer, ms: number) {
  await vi.waitFor(() => expect(clock.pending).toBe(1));
  const before = srv.requests.length;
  clock.advance(ms - 1);
  expect(clock.pending).toBe(1);
  clock.advance(1);
  await vi.waitFor(() => expect(srv.requests.length).toBe(before + 1));
}

const okVideo = ok(video(UID, '2026-08-01T00:00:00.000000Z'));

describe('retries', () => {
  it('retries a 503 after capped exponential backoff, using the injected random', async () => {
    const { server, clock, client } = await setup([
      { status: 503, body: '<html>bad gateway</html>' },
      fail(502, 1000, 'upstream'),
      okVideo,
    ]);
    const result = client.getVideo(UID);
    await expectSleepOf(clock, server, 500);
    await expectSleepOf(clock, server, 1000);
    await expect(result).resolves.toMatchObject({ uid: UID });
    expect(server.requests).toHaveLength(3);
  });

  it('waits Retry-After seconds on a 429', async () => {
    const { server, clock, client } = await setup([rateLimited({ 'retry-after': '7' }), okVideo]);
    const result = client.getVideo(UID);
    await expectSleepOf(clock, server, 7000);
    await expect(result).resolves.toMatchObject({ uid: UID });
  });

  it('waits until a Retry-After HTTP date', async () => {
    const clock0 = Date.parse('2026-08-20T10:00:00Z');
    const date = new Date(clock0 + 12_000).toUTCString();
    const { server, clock, client } = await setup([rateLimited({ 'retry-after': date }), okVideo]);
    const result = client.getVideo(UID);
    await expectSleepOf(clock, server, 12_000);
    await expect(result).resolves.toMatchObject({ uid: UID });
  });

  it('prefers retry-after-ms, and caps any hint at five minutes', async () => {
    const { server, clock, client } = await setup([
      { status: 503, body: 'x', headers: { 'retry-after-ms': '1500', 'retry-after': '9' } },
      rateLimited({ 'retry-after': '86400' }),
      okVideo,
    ]);
    const result = client.getVideo(UID);
    await expectSleepOf(clock, server, 1500);
    await expectSleepOf(clock, server, 300_000);
    await expect(result).resolves.toMatchObject({ uid: UID });
  });

  it('retries 408 and network resets, then gives up after maxRetries', async () => {
    const { server, clock, client } = await setup([{ status: 408, body: 'x' }, 'reset'], {
      retry: { maxRetries: 2, baseMs: 100, capMs: 1000 },
    });
    const result = client.getVideo(UID).catch((e: unknown) => e);
    await expectSleepOf(clock, server, 50);
    await expectSleepOf(clock, server, 100);
    const error = await result;
    expect(error).toBeInstanceOf(StreamApiError);
    expect((error as StreamApiError).code).toBe('network');
    expect(server.requests).toHaveLength(3);
  });

  it('honours x-should-retry: false', async () => {
    const { server, client } = await setup([
      { status: 503, body: 'x', headers: { 'x-should-retry': 'false' } },
      okVideo,
    ]);
    await expect(client.getVideo(UID)).rejects.toMatchObject({ code: 'server_error', status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a 404', async () => {
    const { server, client } = await setup([fail(404, 10003, 'not found'), okVideo]);
    await expect(client.getVideo(UID)).rejects.toMatchObject({ code: 'not_found' });
    expect(server.requests).toHaveLength(1);
  });

  it('reports retryAfterMs on a 429 once retries are exhausted', async () => {
    const { client } = await setup([rateLimited({ 'retry-after': '42' })], {
      retry: { maxRetries: 0 },
    });
    const error = (await client.getVideo(UID).catch((e: unknown) => e)) as StreamApiError;
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(42_000);
    expect(error.apiErrors[0]?.code).toBe(971);
    expect(error.message).toMatch(/42 seconds/);
  });

  it('a 429 holds every other call until Retry-After has passed', async () => {
    const { server, clock, client } = await setup([rateLimited({ 'retry-after': '10' }), okVideo], {
      retry: { maxRetries: 0 },
    });
    await expect(client.getVideo(UID)).rejects.toMatchObject({ code: 'rate_limited' });
    const next = client.getVideo(UID);
    await expectSleepOf(clock, server, 10_000);
    await expect(next).resolves.toMatchObject({ uid: UID });
  });

  it('an abort during a retry wait rejects with the abort reason', async () => {
    const { clock, client } = await setup([{ status: 500, body: 'x' }]);
    const controller = new AbortController();
    const result = client.getVideo(UID, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(clock.pending).toBe(1));
    const reason = new Error('paused by user');
    controller.abort(reason);
    expect(await result).toBe(reason);
  });

  it('the client-side budget spaces requests through the clock', async () => {
    const { server, clock, client } = await setup([okVideo], {
      rateLimit: { limit: 2, windowMs: 60_000 },
    });
    await client.getVideo(UID);
    await client.getVideo(UID);
    const third = client.getVideo(UID);
    await expectSleepOf(clock, server, 60_000);
    await expect(third).resolves.toMatchObject({ uid: UID });
  });
});
