import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpStack } from '../../main/core/http/http-stack';
import { proxyResolver } from '../../main/core/http/proxy-resolver';
import { desktopNetwork, proxyPasswordFileName } from '../../main/electron/network';
import { startTestServer, type TestServer } from '../stream/test-server';
import { type RunningProxy, startProxyProcess } from '../support/proxy-process';

vi.mock('electron', () => ({}));

/** A keyring stand-in that really transforms the bytes, so plain text can be looked for. */
const safeStorage = {
  isAsyncEncryptionAvailable: vi.fn(async () => true),
  getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret' as const),
  encryptStringAsync: vi.fn(async (plain: string) =>
    Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  ),
  decryptStringAsync: vi.fn(async (sealed: Buffer) => ({
    result: Buffer.from(sealed.map((b) => b ^ 0x5a)).toString('utf8'),
    shouldReEncrypt: false,
  })),
};

let proxy: RunningProxy;
let server: TestServer;
let userData: string;
beforeAll(async () => {
  proxy = await startProxyProcess();
  server = await startTestServer(() => ({ status: 200, body: 'ok' }));
});
afterAll(async () => {
  await server?.close();
  await proxy?.close();
});
afterEach(() => {
  proxy.clear();
  rmSync(userData, { recursive: true, force: true });
});

function network(pac: string) {
  userData = mkdtempSync(join(tmpdir(), 'offstream-net-'));
  const resolveProxy = vi.fn(async (_url: string) => pac);
  const env = desktopNetwork({
    session: { resolveProxy },
    safeStorage,
    platform: 'linux',
    userData,
    env: {},
  });
  return { env, resolveProxy };
}

describe('the desktop network', () => {
  it('asks Chromium which proxy each URL takes (PAC, WPAD, OS settings) and uses it', async () => {
    const { env, resolveProxy } = network(`PROXY 127.0.0.1:${proxy.port}; DIRECT`);
    const stack = createHttpStack({
      proxy: proxyResolver({ mode: 'system' }, env.system),
      ca: env.authorities,
    });
    const answer = await stack.getBody(new URL(`${server.origin}/thumbnail.jpg`), {
      maxBytes: 100,
      headersTimeoutMs: 5000,
    });
    expect(answer.body.toString()).toBe('ok');
    expect(resolveProxy).toHaveBeenCalledWith(`${server.origin}/thumbnail.jpg`);
    expect(await proxy.requests()).toHaveLength(1);
  });

  it('goes direct when Chromium says DIRECT', async () => {
    const { env } = network('DIRECT');
    const stack = createHttpStack({
      proxy: proxyResolver({ mode: 'system' }, env.system),
      ca: env.authorities,
    });
    await stack.getBody(new URL(server.origin), { maxBytes: 100, headersTimeoutMs: 5000 });
    expect(await proxy.requests()).toEqual([]);
  });

  it('seals the proxy password with the OS keyring, never in plain text', async () => {
    const { env } = network('DIRECT');
    await env.proxyPassword.save('corkscrew-password');
    expect(await env.proxyPassword.load()).toBe('corkscrew-password');
    expect(readdirSync(userData)).toContain(proxyPasswordFileName);
    expect(readFileSync(join(userData, proxyPasswordFileName)).includes('corkscrew-password')).toBe(
      false,
    );
  });
});
