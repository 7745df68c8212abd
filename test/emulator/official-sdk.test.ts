import Cloudflare from 'cloudflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import {
  erroredVideoUid,
  type RunningEmulator,
  startEmulator,
} from '../../main/core/emulator/index';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';

/** The emulator must satisfy Cloudflare's own SDK, not only our client's reading of the docs. */
describe('official cloudflare SDK against the emulator', () => {
  const clock = new ManualClock();
  let emulator: RunningEmulator;
  let client: Cloudflare;
  let account_id: string;
  const [alpine, harbour, keynote] = sampleVideos;
  if (!alpine || !harbour || !keynote) throw new Error('sample catalogue changed');

  beforeAll(async () => {
    emulator = await startEmulator({ clock, preparationMs: 10_000 });
    client = new Cloudflare({ apiToken: emulator.token, baseURL: emulator.apiBase, maxRetries: 0 });
    account_id = emulator.accountId;
  });
  afterAll(() => emulator.close());

  const clientWith = (apiToken: string) =>
    new Cloudflare({ apiToken, baseURL: emulator.apiBase, maxRetries: 0 });

  it('lists videos', async () => {
    const page = await client.stream.list({ account_id });
    const names = page.result.map((v) => (v.meta as { name?: string } | undefined)?.name);
    expect(page.result).toHaveLength(emulator.videos.size);
    expect(names).toContain(alpine.name);
    const found = await client.stream.list({ account_id, search: 'harbour' });
    expect(found.result.map((v) => v.uid)).toEqual([harbour.uid]);
  });

  it('gets one video', async () => {
    const video = await client.stream.get(alpine.uid, { account_id });
    expect(video.uid).toBe(alpine.uid);
    expect(video.readyToStream).toBe(true);
    expect(video.status?.state).toBe('ready');
    expect(video.duration).toBe(alpine.duration);
  });

  it('creates, reads and deletes downloads', async () => {
    const created = await client.stream.downloads.create(harbour.uid, { account_id });
    expect(created.default?.status).toBe('inprogress');
    expect(created.default?.url).toBe(
      `${emulator.deliveryBase}/${harbour.uid}/downloads/default.mp4`,
    );
    clock.advance(10_000);
    const ready = await client.stream.downloads.get(harbour.uid, { account_id });
    expect(ready.default).toMatchObject({ status: 'ready', percentComplete: 100 });
    expect(ready.audio).toBeUndefined();
    const deleted = await client.stream.downloads.delete(harbour.uid, { account_id });
    expect(typeof deleted).toBe('string');
    expect(await client.stream.downloads.get(harbour.uid, { account_id })).toEqual({});
  });

  it('mints a signed URL token', async () => {
    const minted = await client.stream.token.create(keynote.uid, {
      account_id,
      downloadable: true,
      exp: Math.floor(clock.now() / 1000) + 600,
    });
    const part = minted.token?.split('.')[1] ?? '';
    const payload = JSON.parse(Buffer.from(part, 'base64url').toString()) as unknown;
    expect(payload).toMatchObject({ sub: keynote.uid, downloadable: true });
  });

  it('manages signing keys and reads captions', async () => {
    const key = await client.stream.keys.create({ account_id });
    expect(key.id).toMatch(/^[0-9a-f]{32}$/);
    const keys = await client.stream.keys.get({ account_id });
    expect(keys.result.map((k) => k.id)).toContain(key.id);
    expect(await client.stream.keys.delete(key.id ?? '', { account_id })).toBe('Revoked');
    const captions = await client.stream.captions.get(alpine.uid, { account_id });
    expect(captions.result.map((c) => c.language)).toEqual(['en', 'de']);
    const vtt = await client.stream.captions.language.vtt.get('en', {
      account_id,
      identifier: alpine.uid,
    });
    expect(vtt.startsWith('WEBVTT')).toBe(true);
  });

  it('surfaces emulator errors as SDK API errors', async () => {
    const errored = client.stream.downloads.create(erroredVideoUid, { account_id });
    await expect(errored).rejects.toMatchObject({ status: 424 });
    const readOnly = new Cloudflare({
      apiToken: emulator.readToken,
      baseURL: emulator.apiBase,
      maxRetries: 0,
    });
    await expect(
      readOnly.stream.downloads.create(alpine.uid, { account_id }),
    ).rejects.toMatchObject({
      status: 403,
      errors: [{ code: 10000, message: 'Authentication error' }],
    });
  });

  it('verifies an account token on the account path only', async () => {
    expect(await client.accounts.tokens.verify({ account_id })).toMatchObject({ status: 'active' });
    await expect(client.user.tokens.verify()).rejects.toMatchObject({
      status: 401,
      errors: [{ code: 1000, message: 'Invalid API Token' }],
    });
  });

  it('verifies a user token on the user path only, and reports a disabled one', async () => {
    const userClient = clientWith(
      emulator.control.addToken({ kind: 'user', permission: 'stream:write' }),
    );
    expect(await userClient.user.tokens.verify()).toMatchObject({ status: 'active' });
    await expect(userClient.accounts.tokens.verify({ account_id })).rejects.toMatchObject({
      status: 401,
      errors: [{ code: 1000, message: 'Invalid API Token' }],
    });
    const disabled = clientWith(
      emulator.control.addToken({ kind: 'user', permission: 'stream:read', status: 'disabled' }),
    );
    expect(await disabled.user.tokens.verify()).toMatchObject({ status: 'disabled' });
    await expect(disabled.stream.list({ account_id })).rejects.toMatchObject({ status: 403 });
  });

  it('deletes a video', async () => {
    await client.stream.delete(harbour.uid, { account_id });
    await expect(client.stream.get(harbour.uid, { account_id })).rejects.toMatchObject({
      status: 404,
    });
  });
});
