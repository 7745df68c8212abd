import { rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { HttpFailure } from '../../main/core/http/http-errors';
import { createHttpStack } from '../../main/core/http/http-stack';
import { proxyResolver } from '../../main/core/http/proxy-resolver';
import { trustedAuthorities } from '../../main/core/http/trust';
import { createStreamClient } from '../../main/core/stream/client';
import { StreamApiError } from '../../main/core/stream/errors';
import { ACCOUNT, ok, startTestServer, type TestServer, TOKEN } from '../stream/test-server';
import { type RunningProxy, startProxyProcess } from '../support/proxy-process';
import { makeTestCa, type TestCa } from '../support/test-ca';

let ca: TestCa;
let proxy: RunningProxy;
const servers: TestServer[] = [];

beforeAll(async () => {
  ca = await makeTestCa();
  proxy = await startProxyProcess();
});
afterAll(async () => {
  await proxy?.close();
  rmSync(ca.dir, { recursive: true, force: true });
});
afterEach(async () => {
  proxy.clear();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof startTestServer>[0]) {
  const server = await startTestServer(handler);
  servers.push(server);
  return server;
}

/** An https server on 127.0.0.1 under the test CA, answering with `handler`. */
async function serveTls(
  handler: (path: string) => { status: number; headers?: Record<string, string>; body?: string },
) {
  const server: Server = createHttpsServer({ key: ca.key, cert: ca.cert }, (req, res) => {
    const reply = handler(req.url ?? '/');
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const trustingTestCa = () => trustedAuthorities({ system: false, extra: [ca.caCert] });
const viaProxy = (url = proxy.url) =>
  proxyResolver({ mode: 'system' }, { env: { HTTPS_PROXY: url, HTTP_PROXY: url } });

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('the HTTP stack', () => {
  it('sends a plain-http request through the proxy named for http', async () => {
    const server = await serve(() => ({ status: 200, body: 'hello' }));
    const stack = createHttpStack({ proxy: viaProxy(), ca: undefined });
    const answer = await stack.getBody(new URL(`${server.origin}/thumb.jpg`), {
      maxBytes: 100,
      headersTimeoutMs: 5000,
    });
    expect(answer.body.toString()).toBe('hello');
    const seen = await proxy.requests();
    expect(seen.map((r) => r.method)).toEqual(['GET']);
  });

  it('tunnels https through CONNECT and trusts the configured authorities end to end', async () => {
    const tls = await serveTls(() => ({ status: 200, body: 'secret bytes' }));
    try {
      const stack = createHttpStack({ proxy: viaProxy(), ca: trustingTestCa() });
      const answer = await stack.getBody(new URL(`${tls.origin}/x`), {
        maxBytes: 100,
        headersTimeoutMs: 5000,
      });
      expect(answer.body.toString()).toBe('secret bytes');
      const seen = await proxy.requests();
      expect(seen.map((r) => r.method)).toEqual(['CONNECT']);

      const untrusting = createHttpStack({ proxy: viaProxy(), ca: undefined });
      const error = await failure(
        untrusting.getBody(new URL(`${tls.origin}/x`), { maxBytes: 100, headersTimeoutMs: 5000 }),
      );
      expect(error).toBeInstanceOf(HttpFailure);
      expect((error as HttpFailure).code).toBe('tls_untrusted');
    } finally {
      await tls.close();
    }
  });

  it('applies new settings to the next request (configure)', async () => {
    const server = await serve(() => ({ status: 200, body: 'x' }));
    const stack = createHttpStack();
    await stack.getBody(new URL(server.origin), { maxBytes: 10, headersTimeoutMs: 5000 });
    expect(await proxy.requests()).toEqual([]);
    stack.configure({ proxy: viaProxy(), ca: undefined });
    await stack.getBody(new URL(server.origin), { maxBytes: 10, headersTimeoutMs: 5000 });
    expect(await proxy.requests()).toHaveLength(1);
  });

  it('refuses a body larger than allowed, declared or streamed', async () => {
    const big = 'x'.repeat(2000);
    const server = await serve((req) =>
      req.url.pathname === '/declared'
        ? { status: 200, body: big }
        : { status: 200, headers: { 'transfer-encoding': 'chunked' }, body: big },
    );
    const stack = createHttpStack();
    for (const path of ['/declared', '/chunked']) {
      const error = await failure(
        stack.getBody(new URL(`${server.origin}${path}`), {
          maxBytes: 1000,
          headersTimeoutMs: 5000,
        }),
      );
      expect((error as HttpFailure).code).toBe('body_too_large');
    }
  });

  it('follows a few redirects but never from https down to http, nor forever', async () => {
    const plain = await serve((req) =>
      req.url.pathname === '/loop'
        ? { status: 302, headers: { location: '/loop' }, body: '' }
        : { status: 200, body: 'plain' },
    );
    const tls = await serveTls(() => ({
      status: 302,
      headers: { location: `${plain.origin}/file` },
    }));
    try {
      const stack = createHttpStack({
        proxy: async () => ({ kind: 'direct' }),
        ca: trustingTestCa(),
      });
      const downgrade = await failure(
        stack.get(new URL(`${tls.origin}/file`), { headersTimeoutMs: 5000 }),
      );
      expect((downgrade as HttpFailure).code).toBe('redirect_refused');
      const loop = await failure(
        stack.get(new URL(`${plain.origin}/loop`), { headersTimeoutMs: 5000 }),
      );
      expect((loop as HttpFailure).code).toBe('too_many_redirects');
      expect(plain.requests.filter((r) => r.url.pathname === '/loop')).toHaveLength(6);
    } finally {
      await tls.close();
    }
  });
});

describe('API calls on the stack', () => {
  const client = (origin: string, stack = createHttpStack()) =>
    createStreamClient({
      apiBase: `${origin}/client/v4`,
      accountId: ACCOUNT,
      credentials: { token: TOKEN },
      clock: new ManualClock(),
      retry: { maxRetries: 0 },
      http: stack,
    });

  it('go through the proxy and keep the token inside the request, not on the CONNECT or proxy line', async () => {
    const server = await serve(() => ok({ id: 'a'.repeat(32), status: 'active' }));
    const stack = createHttpStack({ proxy: viaProxy(), ca: undefined });
    await client(server.origin, stack).verifyToken();
    const seen = await proxy.requests();
    expect(seen).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toContain(TOKEN);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('refuse an answer that passes the body limit while it streams', async () => {
    const huge = { success: true, errors: [], messages: [], result: 'y'.repeat(17 * 1024 * 1024) };
    const server = await serve(() => ({
      status: 200,
      headers: { 'transfer-encoding': 'chunked' },
      body: huge,
    }));
    const error = await failure(client(server.origin).getVideo('a'.repeat(32)));
    expect(error).toBeInstanceOf(StreamApiError);
    expect((error as StreamApiError).code).toBe('bad_response');
  });

  it('say proxy_auth when the proxy wants credentials', async () => {
    const guarded = await startProxyProcess({ username: 'u', password: 'p' });
    try {
      const server = await serve(() => ok({ id: 'a'.repeat(32), status: 'active' }));
      const stack = createHttpStack({ proxy: viaProxy(guarded.url), ca: undefined });
      const error = await failure(client(server.origin, stack).listVideos());
      expect((error as StreamApiError).code).toBe('proxy_auth');
      expect(server.requests).toHaveLength(0);
    } finally {
      await guarded.close();
    }
  });
});
