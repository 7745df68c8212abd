import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { createLogger, type LogRecord } from '../../main/core/log';
import { createStreamClient, type StreamClientOptions } from '../../main/core/stream/client';
import { createApiHttp } from '../../main/core/stream/transport';
import { failureOf } from './failure-of';
import {
  ACCOUNT,
  fail,
  ok,
  type Reply,
  type SeenRequest,
  startTestServer,
  type TestServer,
  TOKEN,
  UID,
  video,
} from './test-server';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: (req: SeenRequest, i: number) => Reply) {
  const server = await startTestServer(handler);
  servers.push(server);
  return server;
}

function clientFor(server: TestServer, options: Partial<StreamClientOptions> = {}) {
  return createStreamClient({
    apiBase: `${server.origin}/client/v4`,
    accountId: ACCOUNT,
    credentials: { token: TOKEN },
    clock: new ManualClock(),
    retry: { maxRetries: 0 },
    ...options,
  });
}

const entry = (kind: 'default' | 'audio') => ({
  status: 'inprogress',
  percentComplete: 0,
  url: `https://customer-abc.cloudflarestream.com/${UID}/downloads/${kind === 'default' ? 'default.mp4' : 'audio.m4a'}`,
});

describe('error mapping', () => {
  const cases: [string, Reply, 'get' | 'post', string][] = [
    ['400 9106', fail(400, 9106, 'Missing X-Auth-Key'), 'get', 'auth_invalid'],
    ['403 9109', fail(403, 9109, 'Invalid access token'), 'get', 'auth_invalid'],
    ['401 9109', fail(401, 9109, 'Invalid access token'), 'get', 'auth_invalid'],
    ['403 10000', fail(403, 10000, 'Authentication error'), 'post', 'auth_missing_permission'],
    ['401 other', fail(401, 10001, 'nope'), 'get', 'auth_missing_permission'],
    ['404', fail(404, 10003, 'Not found'), 'get', 'not_found'],
    ['424', fail(424, 10005, 'Failed dependency'), 'post', 'video_errored'],
    ['400 on POST downloads', fail(400, 10010, 'video not ready'), 'post', 'video_not_ready'],
    ['400 elsewhere', fail(400, 10010, 'bad request'), 'get', 'bad_response'],
    ['429', fail(429, 971, 'Please wait'), 'get', 'rate_limited'],
    ['500', fail(500, 1000, 'Internal'), 'get', 'server_error'],
    ['502 html', { status: 502, body: '<html>Bad gateway</html>' }, 'get', 'server_error'],
    ['200 html', { status: 200, body: '<html>Log in to Wi-Fi</html>' }, 'get', 'bad_response'],
    ['200 wrong shape', ok({ hello: 'world' }), 'get', 'bad_response'],
    ['200 failure envelope', fail(200, 1234, 'odd'), 'get', 'bad_response'],
    ['404 html', { status: 404, body: '<html>nope</html>' }, 'get', 'bad_response'],
    ['302 redirect', { status: 302, body: '', headers: { location: '/x' } }, 'get', 'bad_response'],
  ];
  for (const [name, reply, method, code] of cases) {
    it(`${name} → ${code}`, async () => {
      const server = await serve(() => reply);
      const client = clientFor(server);
      const call = method === 'get' ? client.getVideo(UID) : client.createDownload(UID, 'default');
      const error = await failureOf(call);
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(30);
    });
  }

  it('a closed port → network', async () => {
    const server = await serve(() => ok(null));
    await server.close();
    servers.pop();
    const error = await failureOf(clientFor(server).getVideo(UID));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.status).toBeUndefined();
  });

  it('keeps Cloudflare’s errors, minus any echo of the token, and carries no cause', async () => {
    const server = await serve(() => fail(403, 9109, `Invalid access token ${TOKEN}`));
    const error = await failureOf(clientFor(server).getVideo(UID));
    expect(error.apiErrors).toEqual([{ code: 9109, message: 'Invalid access token [redacted]' }]);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(error.message).not.toContain(TOKEN);
    expect(error.cause).toBeUndefined();
  });
});

describe('requests', () => {
  it('sends the bearer token, JSON Accept, and {} as JSON on POST downloads', async () => {
    const server = await serve(() => ok({ default: entry('default') }));
    await clientFor(server).createDownload(UID, 'default');
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url.pathname).toBe(
      `/client/v4/accounts/${ACCOUNT}/stream/${UID}/downloads/default`,
    );
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers['content-type']).toMatch(/^application\/json/);
    expect(req?.body).toBe('{}');
  });

  it('sends legacy X-Auth-Email and X-Auth-Key instead when given', async () => {
    const server = await serve(() => ok({ id: 'x', status: 'active' }));
    const client = clientFor(server, { credentials: { email: 'a@b.c', key: 'cfk_secretkey' } });
    await client.verifyToken();
    const [req] = server.requests;
    expect(req?.url.pathname).toBe(`/client/v4/accounts/${ACCOUNT}/tokens/verify`);
    expect(req?.headers['x-auth-email']).toBe('a@b.c');
    expect(req?.headers['x-auth-key']).toBe('cfk_secretkey');
    expect(req?.headers.authorization).toBeUndefined();
  });

  it('sends no auth header at all for an empty token', async () => {
    const server = await serve(() => fail(400, 9106, 'Missing X-Auth-Key'));
    const error = await failureOf(clientFor(server, { credentials: { token: '' } }).getVideo(UID));
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(error.code).toBe('auth_invalid');
    expect(error.message).toMatch(/No Cloudflare API credentials/);
  });

  it('refuses a bad uid, kind or language before any request', async () => {
    const server = await serve(() => ok(null));
    const client = clientFor(server);
    await expect(client.getVideo('../../user/tokens')).rejects.toThrow(TypeError);
    await expect(client.getVideo(`${UID}/downloads`)).rejects.toThrow(TypeError);
    await expect(client.createDownload(UID, 'hls' as 'default')).rejects.toThrow(TypeError);
    await expect(client.getCaptionVtt(UID, 'en/../../x')).rejects.toThrow(TypeError);
    await expect(client.listVideos({ ids: ['nope'] })).rejects.toThrow(TypeError);
    await expect(client.mintSignedToken(UID, { expiresInSeconds: 90_000 })).rejects.toThrow(
      TypeError,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('refuses plain http to anything but loopback, and a bad account id', () => {
    const base = { accountId: ACCOUNT, credentials: { token: TOKEN } };
    expect(() =>
      createStreamClient({ ...base, apiBase: 'http://api.cloudflare.com/client/v4' }),
    ).toThrow(/https/);
    expect(() =>
      createStreamClient({ ...base, apiBase: 'https://x.test', accountId: 'abc' }),
    ).toThrow(TypeError);
  });

  it('builds the list query and reads range/total given as strings', async () => {
    const server = await serve(() =>
      ok([video(UID, '2026-08-01T00:00:00Z')], { range: '0', total: '1' }),
    );
    const page = await clientFor(server).listVideos({
      search: 'alp ine',
      asc: true,
      limit: 10,
      status: 'ready',
      ids: [UID, UID],
      includeCounts: true,
    });
    expect(page).toMatchObject({ range: 0, total: 1 });
    expect(page.videos[0]?.uid).toBe(UID);
    const query = server.requests[0]?.url.searchParams;
    expect(query?.get('search')).toBe('alp ine');
    expect(query?.get('asc')).toBe('true');
    expect(query?.get('limit')).toBe('10');
    expect(query?.get('status')).toBe('ready');
    expect(query?.get('id')).toBe(`${UID},${UID}`);
    expect(query?.get('include_counts')).toBe('true');
  });
});

describe('downloads, tokens, captions', () => {
  it('accepts the flat POST result and keys it by the requested kind', async () => {
    const server = await serve(() => ok(entry('audio')));
    const result = await clientFor(server).createDownload(UID, 'audio');
    expect(result).toEqual({ audio: entry('audio') });
  });

  it('accepts the keyed POST result as is', async () => {
    const server = await serve(() => ok({ default: entry('default') }));
    expect(await clientFor(server).createDownload(UID, 'default')).toEqual({
      default: entry('default'),
    });
  });

  it('deletes a typed download and reads downloads', async () => {
    const server = await serve((req) =>
      req.method === 'DELETE' ? ok('ok') : ok({ audio: { ...entry('audio'), status: 'ready' } }),
    );
    const client = clientFor(server);
    await client.deleteDownload(UID, 'audio');
    expect(server.requests[0]?.url.pathname).toMatch(/\/downloads\/audio$/);
    expect((await client.getDownloads(UID)).audio?.status).toBe('ready');
  });

  it('mints a downloadable token that expires in an hour by default', async () => {
    const clock = new ManualClock(Date.parse('2026-08-20T10:00:00Z'));
    const server = await serve(() => ok({ token: 'a.b.c' }));
    const token = await clientFor(server, { clock }).mintSignedToken(UID);
    expect(token).toBe('a.b.c');
    const body = JSON.parse(server.requests[0]?.body ?? '{}');
    expect(body).toEqual({ exp: clock.now() / 1000 + 3600, downloadable: true });
  });

  it('returns VTT text and refuses anything that is not WebVTT', async () => {
    const vtt = 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nHi\n';
    let reply: Reply = { status: 200, body: vtt, headers: { 'content-type': 'text/vtt' } };
    const server = await serve(() => reply);
    const client = clientFor(server);
    expect(await client.getCaptionVtt(UID, 'pt-BR')).toBe(vtt);
    expect(server.requests[0]?.headers.accept).toBe('text/vtt');
    reply = { status: 200, body: '<html>portal</html>' };
    expect((await failureOf(client.getCaptionVtt(UID, 'en'))).code).toBe('bad_response');
    reply = fail(404, 10003, 'caption not found');
    expect((await failureOf(client.getCaptionVtt(UID, 'en'))).code).toBe('not_found');
  });
});

describe('paging', () => {
  const uids = Array.from({ length: 7 }, (_, i) => `${String(i).repeat(2)}${'a'.repeat(30)}`);
  const created = (i: number) => `2026-08-0${i + 1}T00:00:00.000000Z`;

  it('walks newest first with an inclusive `before`, de-duplicating, until a short page', async () => {
    const all = uids.map((uid, i) => video(uid, created(i))).reverse();
    const server = await serve((req) => {
      const before = req.url.searchParams.get('before');
      const limit = Number(req.url.searchParams.get('limit'));
      const rest = before ? all.filter((v) => v.created <= before) : all;
      return ok(rest.slice(0, limit));
    });
    const seen: string[] = [];
    for await (const v of clientFor(server).listAllVideos({ limit: 3 })) seen.push(v.uid);
    expect(seen).toEqual([...uids].reverse());
    expect(server.requests.length).toBeGreaterThan(2);
  });

  it('walks oldest first with `after` when asc', async () => {
    const all = uids.map((uid, i) => video(uid, created(i)));
    const server = await serve((req) => {
      const after = req.url.searchParams.get('after');
      const rest = after ? all.filter((v) => v.created > after) : all;
      return ok(rest.slice(0, 3));
    });
    const seen: string[] = [];
    for await (const v of clientFor(server).listAllVideos({ limit: 3, asc: true })) {
      seen.push(v.uid);
    }
    expect(seen).toEqual(uids);
    expect(server.requests.map((r) => r.url.searchParams.get('asc'))).toEqual(
      Array(3).fill('true'),
    );
  });
});

describe('credentials stay on the API origin', () => {
  it('the got instance strips credentials from any request to another origin', async () => {
    const api = await serve(() => ok(null));
    const elsewhere = await serve(() => ({ status: 200, body: 'bytes' }));
    const http = createApiHttp(api.origin, { token: TOKEN }, 5000);
    await http(`${elsewhere.origin}/${UID}/downloads/default.mp4`, {
      headers: { authorization: `Bearer ${TOKEN}`, 'x-auth-key': TOKEN },
    });
    await http(`${api.origin}/client/v4/user/tokens/verify`);
    expect(elsewhere.requests[0]?.headers.authorization).toBeUndefined();
    expect(elsewhere.requests[0]?.headers['x-auth-key']).toBeUndefined();
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('does not follow a redirect to another host', async () => {
    const elsewhere = await serve(() => ok(null));
    const api = await serve(() => ({
      status: 307,
      body: '',
      headers: { location: `${elsewhere.origin}/steal` },
    }));
    const error = await failureOf(clientFor(api).getVideo(UID));
    expect(error.code).toBe('bad_response');
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('logs method, path, status and attempt, never the token', async () => {
    const records: LogRecord[] = [];
    const logger = createLogger({ level: 'debug', sink: (r) => records.push(r) });
    const server = await serve((_req, i) =>
      i === 0 ? fail(500, 1000, `boom ${TOKEN}`) : ok({ token: 'x.y.z' }),
    );
    const clock = new ManualClock();
    const client = clientFor(server, {
      logger,
      clock,
      retry: { maxRetries: 1, baseMs: 1, capMs: 1 },
    });
    const minted = client.mintSignedToken(UID);
    await vi.waitFor(() => expect(clock.pending).toBe(1));
    clock.advance(10);
    expect(await minted).toBe('x.y.z');
    expect(records.some((r) => r.msg === 'stream api answer' && r.status === 500)).toBe(true);
    expect(records.some((r) => r.msg === 'stream api retry' && r.attempt === 0)).toBe(true);
    expect(JSON.stringify(records)).not.toContain(TOKEN);
  });
});
