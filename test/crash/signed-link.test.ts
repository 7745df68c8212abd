import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import {
  type CrashWorld,
  crashWorld,
  expectSavedWhole,
  lastJob,
  lastRange,
  MiB,
  resendMargin,
  runGet,
  unwrittenMargin,
} from './support';

let world: CrashWorld;
afterEach(() => world?.close());

/** A signed delivery link minted through the emulated API, as a publisher would hand it out. */
async function signedLink(uid: string, claims: { exp: number; downloadable: boolean }) {
  const { apiBase, accountId, token, deliveryBase } = world.emulator;
  const response = await fetch(`${apiBase}/accounts/${accountId}/stream/${uid}/token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(claims),
  });
  const body = (await response.json()) as { result: { token: string } };
  return `${deliveryBase}/${body.result.token}/downloads/default.mp4`;
}

describe('signed links across a crash', () => {
  it('an expired link is refreshed through the account and keeps every byte on disk', async () => {
    const clock = new ManualClock(Date.now());
    world = await crashWorld({ clock });
    const size = 16 * MiB;
    const uid = await world.video(size, { requireSignedURLs: true });
    const link = await signedLink(uid, {
      exp: Math.floor(clock.now() / 1000) + 60,
      downloadable: true,
    });
    world.emulator.control.setDeliveryFaults({ bytesPerSecond: 6 * MiB });

    const killed = await runGet(['--url', link], world.env, {
      onEvent: (event, kill) => {
        if (event.event === 'progress' && Number(event.bytesDone) >= size * 0.4) kill();
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    const held = statSync(join(world.library, '.partial', `${uid}.default.part`)).size;
    expect(held).toBeGreaterThan(0);

    clock.advance(2 * 60 * 60 * 1000);
    expect((await fetch(link)).status).toBe(403);
    world.emulator.control.setDeliveryFaults(undefined);
    const before = world.emulator.deliveredBytes(uid);
    const resumed = await runGet(['--url', link], world.env);
    expect(resumed.code).toBe(0);
    expect(lastJob(resumed)?.state).toBe('complete');
    expect(lastRange(world)).toBe(`bytes=${held}-`);
    expect(world.emulator.deliveredBytes(uid) - before).toBe(size - held);
    await expectSavedWhole(world, uid, resendMargin + unwrittenMargin);
  });

  it('a link without downloads and no account fails with token_not_downloadable', async () => {
    world = await crashWorld();
    const uid = await world.video(1 * MiB, { requireSignedURLs: true });
    const link = await signedLink(uid, {
      exp: Math.floor(Date.now() / 1000) + 3600,
      downloadable: false,
    });
    const { OFFSTREAM_LIBRARY, OFFSTREAM_API_BASE } = world.env;
    const run = await runGet(['--url', link], { OFFSTREAM_LIBRARY, OFFSTREAM_API_BASE });
    expect(run.code).toBe(1);
    expect(lastJob(run)).toMatchObject({
      state: 'failed',
      errorCode: 'token_not_downloadable',
      errorMessage: 'This link does not allow downloads.',
      errorAction: 'Ask the publisher for a link with downloads enabled.',
    });
    expect(world.emulator.deliveredBytes(uid)).toBe(0);
  });
});
