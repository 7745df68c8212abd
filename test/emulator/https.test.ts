import { X509Certificate } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../main/core/emulator/index';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import { makeTestCa, type TestCa } from '../support/test-ca';

let ca: TestCa;
let emulator: RunningEmulator;
beforeAll(async () => {
  ca = await makeTestCa();
  emulator = await startEmulator({ tls: { key: ca.key, cert: ca.cert }, preparationMs: 1 });
});
afterAll(async () => {
  await emulator?.close();
  if (ca) await rm(ca.dir, { recursive: true, force: true });
});

const [alpine] = sampleVideos;
if (!alpine) throw new Error('sample catalogue changed');

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** node:https with an explicit trust list: `ca` replaces the system roots for this request. */
function httpsCall(
  url: string,
  options: { ca?: string; method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const { ca: trusted, method = 'GET', headers = {} } = options;
    const req = request(url, { method, headers, ...(trusted ? { ca: trusted } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const api = (path: string, method = 'GET') =>
  httpsCall(`${emulator.apiBase}/accounts/${emulator.accountId}/stream${path}`, {
    ca: ca.caCert,
    method,
    headers: { authorization: `Bearer ${emulator.token}` },
  });

const resultOf = <T>(reply: Reply) => (JSON.parse(reply.body.toString()) as { result: T }).result;

describe('an emulator serving HTTPS', () => {
  it('serves the API and the delivery host on https://127.0.0.1', () => {
    expect(emulator.apiBase).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
    expect(emulator.deliveryBase).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('uses a leaf for 127.0.0.1 and localhost, for server auth, issued by the throwaway CA', () => {
    const authority = new X509Certificate(ca.caCert);
    const leaf = new X509Certificate(ca.cert);
    expect(authority.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(authority)).toBe(true);
    expect(leaf.verify(authority.publicKey)).toBe(true);
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // extendedKeyUsage serverAuth
  });

  it('is refused by a client that does not trust the test CA', async () => {
    const fetched = fetch(`${emulator.apiBase}/user/tokens/verify`);
    await expect(fetched).rejects.toMatchObject({
      cause: { code: expect.stringMatching(/CERT|SIGNATURE|ISSUER/) },
    });
    await expect(httpsCall(emulator.deliveryBase)).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('lists videos with every URL on the https delivery host', async () => {
    const listed = await api('');
    expect(listed.status).toBe(200);
    const videos =
      resultOf<{ uid: string; thumbnail?: string; playback: { hls: string } }[]>(listed);
    const ready = videos.find((v) => v.uid === alpine.uid);
    expect(ready?.thumbnail?.startsWith(`${emulator.deliveryBase}/`)).toBe(true);
    expect(ready?.playback.hls.startsWith(`${emulator.deliveryBase}/`)).toBe(true);
  });

  it('hands out an https download URL and serves a range of the MP4 over it', async () => {
    expect((await api(`/${alpine.uid}/downloads`, 'POST')).status).toBe(200);
    emulator.control.finishDownloads(alpine.uid);
    const downloads = resultOf<{ default: { status: string; url: string } }>(
      await api(`/${alpine.uid}/downloads`),
    );
    expect(downloads.default).toMatchObject({
      status: 'ready',
      url: `${emulator.deliveryBase}/${alpine.uid}/downloads/default.mp4`,
    });
    const range = await httpsCall(downloads.default.url, {
      ca: ca.caCert,
      headers: { range: 'bytes=0-7' },
    });
    expect(range.status).toBe(206);
    expect(range.headers['content-range']).toMatch(/^bytes 0-7\/\d+$/);
    expect(range.body.subarray(4, 8).toString()).toBe('ftyp');
  });
});
