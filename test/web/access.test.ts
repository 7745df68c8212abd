import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, keyHeader } from '../../main/web/index';
import { rawRequest, type WebFixture, webFixture } from './fixture';
import { cookieFrom } from './http-contract';

let web: WebFixture;
beforeAll(async () => {
  web = await webFixture();
});
afterAll(() => web?.close());

const rpc = (headers: Record<string, string>) =>
  fetch(`${web.server.origin}/rpc/app:info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  });

describe('the per-run key', () => {
  it('prints an address on 127.0.0.1 that carries a 32-byte base64url key', () => {
    expect(web.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?key=[A-Za-z0-9_-]{43}$/);
    expect(web.server.origin).toBe(new URL(web.server.url).origin);
  });

  it('answers the page without the key with a 401 that says to open the printed address', async () => {
    const { base } = await cookieFrom(web.server);
    for (const at of [web.server.origin, base]) {
      const page = await fetch(`${at}/`);
      expect(page.status).toBe(401);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('Open the address Offstream printed');
      expect((await fetch(`${at}/assets/app.js`)).status).toBe(401);
      expect((await fetch(`${at}/events`)).status).toBe(401);
      expect((await fetch(`${at}/media/x.default`)).status).toBe(401);
    }
  });

  it('refuses a wrong key, in the address, the cookie or the header', async () => {
    const wrong = 'A'.repeat(43);
    const visit = await fetch(`${web.server.origin}/?key=${wrong}`, { redirect: 'manual' });
    expect(visit.status).toBe(401);
    expect(visit.headers.get('set-cookie')).toBeNull();
    const port = new URL(web.server.origin).port;
    expect((await rpc({ cookie: `offstream-key-${port}=${wrong}` })).status).toBe(401);
    expect((await rpc({ cookie: `offstream-session-${port}=${web.key}` })).status).toBe(401);
    expect((await rpc({ [keyHeader]: wrong })).status).toBe(401);
    expect((await rpc({ [keyHeader]: web.key.slice(0, -1) })).status).toBe(401);
    const body = await (await rpc({})).json();
    expect(body).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
  });

  it('exchanges the key for a session cookie scoped to a random page prefix, and redirects there', async () => {
    const visit = await fetch(web.server.url, { redirect: 'manual' });
    expect(visit.status).toBe(303);
    const location = visit.headers.get('location') ?? '';
    expect(location).toMatch(/^\/s\/[A-Za-z0-9_-]{43}\/$/);
    const cookie = visit.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toContain(`; Path=${location.slice(0, -1)}`);
    // The cookie carries a session value, never the key itself.
    expect(cookie).not.toContain(web.key);
    const page = await fetch(`${web.server.origin}${location}`, {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Offstream</title>');
    const bare = await fetch(`${web.server.origin}${location.slice(0, -1)}`, {
      headers: { cookie: cookie.split(';')[0] ?? '' },
      redirect: 'manual',
    });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe(location);
  });

  it('takes the session cookie under the prefix only, and the key header anywhere', async () => {
    const { cookie, base } = await cookieFrom(web.server);
    const call = (at: string, headers: Record<string, string>) =>
      fetch(`${at}/rpc/app:info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
    const byCookie = await call(base, { cookie });
    expect(await byCookie.json()).toMatchObject({ ok: true, value: { transport: 'http' } });
    expect(byCookie.headers.get('cache-control')).toBe('no-store');
    expect((await call(base, { cookie: `other=1; ${cookie}` })).status).toBe(200);
    // The same cookie off the prefix (as no browser would send it) is refused.
    expect((await rpc({ cookie })).status).toBe(401);
    expect((await rpc({ [keyHeader]: web.key })).status).toBe(200);
    expect((await call(base, { [keyHeader]: web.key })).status).toBe(200);
  });

  it('gives every run its own prefix and session', async () => {
    const first = await cookieFrom(web.server);
    const again = await cookieFrom(web.server);
    expect(again).toEqual(first);
    const other = await webFixture();
    try {
      const theirs = await cookieFrom(other.server);
      expect(new URL(theirs.base).pathname).not.toBe(new URL(first.base).pathname);
      expect(theirs.cookie.split('=')[1]).not.toBe(first.cookie.split('=')[1]);
    } finally {
      await other.close();
    }
  });

  it('serves the page with the strict CSP and the other security headers', async () => {
    const page = await fetch(`${web.server.origin}/`, { headers: { [keyHeader]: web.key } });
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const denied = await fetch(`${web.server.origin}/`);
    expect(denied.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });
});

describe('DNS rebinding and cross-site requests', () => {
  it('refuses a Host that is not 127.0.0.1:<port>', async () => {
    const port = new URL(web.server.origin).port;
    for (const host of ['evil.example', `evil.example:${port}`, `localhost:${port}`, '127.0.0.1']) {
      const answer = await rawRequest(web.server.origin, '/rpc/app:info', {
        method: 'POST',
        headers: { host, [keyHeader]: web.key, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(answer.status, host).toBe(403);
    }
  });

  it('refuses an Origin other than our own, even with the key', async () => {
    for (const origin of [
      'http://evil.example',
      'null',
      'http://localhost:1',
      'https://127.0.0.1',
    ]) {
      const answer = await rpc({ origin, [keyHeader]: web.key });
      expect(answer.status, origin).toBe(403);
    }
    expect((await rpc({ origin: web.server.origin, [keyHeader]: web.key })).status).toBe(200);
  });
});
