import { rmSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { openLibrary } from '../../main/core/library/index';
import { tempFolder } from '../library/helpers';
import { exitCode, spawnCli } from '../support/cli-process';
import { cliAccountEnv, emulatorForTests } from '../support/emulator';
import { type RunningProxy, startProxyProcess } from '../support/proxy-process';
import { makeTestCa, type TestCa } from '../support/test-ca';

/** Public, with an English caption track and a thumbnail: every kind of request in one `get`. */
const ALPINE = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';

let ca: TestCa;
let emulator: RunningEmulator;
let proxy: RunningProxy;

beforeAll(async () => {
  ca = await makeTestCa();
  emulator = await emulatorForTests({ tls: { key: ca.key, cert: ca.cert } });
  proxy = await startProxyProcess();
});

afterAll(async () => {
  await proxy?.close();
  await emulator?.close();
  rmSync(ca.dir, { recursive: true, force: true });
});

beforeEach(() => {
  proxy.clear();
  emulator.requests.length = 0;
  // One reset in the middle of the MP4: the CLI must resume it (with Range) through the proxy.
  emulator.control.setDeliveryFaults({ resetAfterBytes: 100_000, times: 1 });
});

async function get(env: NodeJS.ProcessEnv) {
  const library = tempFolder();
  const child = spawnCli(['get', '--json', ALPINE], {
    ...cliAccountEnv(emulator),
    OFFSTREAM_LIBRARY: library,
    NODE_EXTRA_CA_CERTS: ca.caCertPath,
    HTTPS_PROXY: proxy.url,
    HTTP_PROXY: '',
    NO_PROXY: '',
    ...env,
  });
  // Everything the person would see: --json events on stdout, logs and failures on stderr.
  let stderr = '';
  const collect = (chunk: Buffer) => {
    stderr += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await exitCode(child);
  return { code, stderr, library };
}

const portOf = (base: string) => new URL(base).port;

function savedFiles(library: string): string[] {
  const index = openLibrary(library);
  try {
    return index
      .getFiles(ALPINE)
      .map((f) => f.path)
      .sort();
  } finally {
    index.close();
  }
}

describe('offstream get through HTTPS_PROXY, against an HTTPS Cloudflare under a test CA', () => {
  it('sends every request (API, MP4 with a resume, thumbnail, captions) through the proxy', async () => {
    const { code, stderr, library } = await get({});
    expect(code, stderr).toBe(0);
    expect(savedFiles(library)).toEqual([
      `media/${ALPINE}/captions/de.vtt`,
      `media/${ALPINE}/captions/en.vtt`,
      `media/${ALPINE}/default.mp4`,
      `media/${ALPINE}/thumbnail.jpg`,
    ]);
    const api = emulator.requests.filter((r) => r.host === 'api');
    const delivery = emulator.requests.filter((r) => r.host === 'delivery');
    const mp4 = delivery.filter((r) => r.path.includes('/downloads/'));
    expect(mp4.length).toBeGreaterThanOrEqual(2);
    expect(mp4.some((r) => String(r.headers.range ?? '').startsWith('bytes='))).toBe(true);
    expect(delivery.some((r) => r.path.includes('/thumbnails/'))).toBe(true);
    expect(api.some((r) => r.path.includes('/captions/en/vtt'))).toBe(true);

    // Each request opens its own tunnel: one CONNECT per request the emulator saw, per host.
    const tunnels = (await proxy.requests()).filter((r) => r.method === 'CONNECT');
    const to = (base: string) => tunnels.filter((t) => t.target.endsWith(`:${portOf(base)}`));
    expect(to(emulator.apiBase)).toHaveLength(api.length);
    expect(to(emulator.deliveryBase)).toHaveLength(delivery.length);
  });

  it('goes straight to the hosts NO_PROXY names, and the proxy sees nothing', async () => {
    const { code, stderr } = await get({ NO_PROXY: '127.0.0.1' });
    expect(code, stderr).toBe(0);
    expect(await proxy.requests()).toEqual([]);
    expect(emulator.requests.length).toBeGreaterThan(3);
  });

  it('refuses the emulator’s certificate without the test CA, with a coded error', async () => {
    const { code, stderr } = await get({ NODE_EXTRA_CA_CERTS: '' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/tls_untrusted|not from an authority/);
  });

  it('trusts the test CA given with --cacert as well', async () => {
    const library = tempFolder();
    const child = spawnCli(['--cacert', ca.caCertPath, 'videos', '--json'], {
      ...cliAccountEnv(emulator),
      OFFSTREAM_LIBRARY: library,
      NODE_EXTRA_CA_CERTS: '',
      HTTPS_PROXY: '',
    });
    expect(await exitCode(child)).toBe(0);
  });
});

describe('a proxy that requires a password', () => {
  let guarded: RunningProxy;
  beforeAll(async () => {
    guarded = await startProxyProcess({ username: 'traveller', password: 'right-horse' });
  });
  afterAll(async () => {
    await guarded?.close();
  });

  it('works with the credentials in HTTPS_PROXY', async () => {
    const url = new URL(guarded.url);
    url.username = 'traveller';
    url.password = 'right-horse';
    const { code, stderr } = await get({ HTTPS_PROXY: url.href });
    expect(code, stderr).toBe(0);
    expect((await guarded.requests()).every((r) => r.authorized)).toBe(true);
  });

  it('fails with proxy_auth, without the password in any output, when it is wrong', async () => {
    const url = new URL(guarded.url);
    url.username = 'traveller';
    url.password = 'wrong-staple';
    const { code, stderr } = await get({ HTTPS_PROXY: url.href });
    expect(code).toBe(1);
    expect(stderr).toMatch(/proxy_auth/);
    expect(stderr).not.toContain('wrong-staple');
  });
});
