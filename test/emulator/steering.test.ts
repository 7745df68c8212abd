import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SteeredEmulator, startSteeredEmulator } from '../../main/core/emulator/steering';

let outDir = '';
let emulator: SteeredEmulator;

// The transfer bench's emulator script, bundled as the bench bundles it (inside the project, so
// its imports resolve from node_modules), run as its own process.
beforeAll(async () => {
  outDir = resolve('app/dist/steering-test');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: resolve('bench/emulator-process.ts'),
      outDir,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'emulator-process.js' } },
    },
  });
  emulator = await startSteeredEmulator(join(outDir, 'emulator-process.js'));
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
  rmSync(outDir, { recursive: true, force: true });
});

describe('an emulator steered in its own process', () => {
  it('adds a synthetic video, readies its download and serves it', async () => {
    expect(emulator.info.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(emulator.info.videos).toEqual([]);
    const uid = await emulator.addSyntheticVideo(4096, 'Steered');
    const url = await emulator.readyDownload(uid);
    const response = await fetch(url, { headers: { range: 'bytes=0-7' } });
    expect(response.status).toBe(206);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(4, 8)
        .toString(),
    ).toBe('ftyp');
    expect(await emulator.deliveryRequests(uid)).toBe(1);
  });

  it('applies delivery faults and lifts them', async () => {
    const uid = await emulator.addSyntheticVideo(4096, 'Faulty');
    const url = await emulator.readyDownload(uid);
    await emulator.setDeliveryFaults({ captivePortal: true });
    expect((await fetch(url)).headers.get('content-type')).toMatch(/text\/html/);
    await emulator.setDeliveryFaults(undefined);
    expect((await fetch(url)).headers.get('content-type')).toBe('video/mp4');
  });

  it('issues tokens of either kind and status on command', async () => {
    expect(emulator.info.tokenKind).toBe('account');
    const verify = async (path: string, token: string) => {
      const response = await fetch(`${emulator.info.api}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: (await response.json()) as { result: unknown } };
    };
    const user = await emulator.addToken({ kind: 'user', permission: 'stream:read' });
    expect(await verify('/user/tokens/verify', user)).toMatchObject({
      status: 200,
      body: { result: { status: 'active' } },
    });
    const expired = await emulator.addToken({
      kind: 'account',
      permission: 'stream:write',
      status: 'expired',
    });
    expect(await verify(`/accounts/${emulator.info.account}/tokens/verify`, expired)).toMatchObject(
      {
        status: 200,
        body: { result: { status: 'expired' } },
      },
    );
    expect((await verify('/user/tokens/verify', expired)).status).toBe(401);
    const wrongKind = { kind: 'service', permission: 'stream:write' } as never;
    await expect(emulator.addToken(wrongKind)).rejects.toThrow(/emulator: /);
  });

  it('answers a command that fails with its error, and keeps serving', async () => {
    await expect(emulator.readyDownload('0'.repeat(32))).rejects.toThrow(/emulator: /);
    expect(await emulator.addSyntheticVideo(2048, 'Still here')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('renames, makes private, schedules the deletion of and deletes a video on command', async () => {
    const uid = await emulator.addSyntheticVideo(2048, 'Before');
    const { api, account, token } = emulator.info;
    const get = async (path: string) => {
      const response = await fetch(`${api}/accounts/${account}/stream${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: (await response.json()) as { result: unknown } };
    };
    const when = '2099-01-01T00:00:00.000Z';
    await emulator.editVideo(uid, {
      name: 'After',
      requireSignedURLs: true,
      scheduledDeletion: when,
    });
    expect((await get(`/${uid}`)).body.result).toMatchObject({
      meta: { name: 'After' },
      requireSignedURLs: true,
      scheduledDeletion: when,
    });
    await emulator.setApiVariants({ idFilter: 'rejected' });
    expect((await get(`?id=${uid}`)).status).toBe(400);
    await emulator.setApiVariants({ idFilter: 'supported' });
    await emulator.deleteVideo(uid);
    expect((await get(`/${uid}`)).status).toBe(404);
    await expect(emulator.deleteVideo(uid)).rejects.toThrow(/emulator: /);
  });
});
