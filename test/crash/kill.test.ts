import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransferStage } from '../../main/core/transfer/transfer';
import {
  type CrashWorld,
  crashWorld,
  expectSavedWhole,
  lastJob,
  lastRange,
  MiB,
  partialEntries,
  resendMargin,
  runGet,
  unwrittenMargin,
} from './support';

let world: CrashWorld;
afterEach(() => world?.close());

const partOf = (uid: string) => join(world.library, '.partial', `${uid}.default.part`);
const mp4Of = (uid: string) => join(world.library, 'media', uid, 'default.mp4');

describe('offstream get survives kill -9', () => {
  it('mid-transfer, twice: each run resumes from exactly the bytes on disk', async () => {
    world = await crashWorld();
    const size = 16 * MiB;
    const uid = await world.video(size);
    world.emulator.control.setDeliveryFaults({ bytesPerSecond: 6 * MiB });

    let held = 0;
    for (const fraction of [0.4, 0.75]) {
      const run = await runGet([uid], world.env, {
        onEvent: (event, kill) => {
          if (event.event === 'progress' && Number(event.bytesDone) >= size * fraction) kill();
        },
      });
      expect(run.signal).toBe('SIGKILL');
      expect(lastRange(world)).toBe(held === 0 ? undefined : `bytes=${held}-`);
      const now = statSync(partOf(uid)).size;
      expect(now).toBeGreaterThan(held);
      expect(now).toBeLessThan(size);
      held = now;
      expect(existsSync(mp4Of(uid))).toBe(false);
    }

    world.emulator.control.setDeliveryFaults(undefined);
    const before = world.emulator.deliveredBytes(uid);
    const last = await runGet([uid], world.env);
    expect(last.code).toBe(0);
    expect(lastJob(last)?.state).toBe('complete');
    expect(lastRange(world)).toBe(`bytes=${held}-`);
    expect(world.emulator.deliveredBytes(uid) - before).toBe(size - held);
    await expectSavedWhole(world, uid, 2 * (resendMargin + unwrittenMargin));
  });

  const stages: [TransferStage, string][] = [
    ['verifying', 'while verifying'],
    ['before_rename', 'just before the rename'],
    ['after_rename', 'just after the rename, before the index records it'],
  ];
  for (const [stage, when] of stages) {
    it(`${when}: the next run completes without downloading anything again`, async () => {
      world = await crashWorld();
      const size = 8 * MiB;
      const uid = await world.video(size);

      const crashed = await runGet([uid], { ...world.env, OFFSTREAM_TEST_CRASH_AT: stage });
      expect(crashed.signal).toBe('SIGKILL');
      expect(lastJob(crashed)?.state).toBe('verifying');
      expect(world.emulator.deliveredBytes(uid)).toBe(size);
      const renamed = stage === 'after_rename';
      expect(existsSync(partOf(uid))).toBe(!renamed);
      expect(existsSync(mp4Of(uid))).toBe(renamed);

      const again = await runGet([uid], world.env);
      expect(again.code).toBe(0);
      expect(lastJob(again)?.state).toBe('complete');
      await expectSavedWhole(world, uid, 0);
      expect(partialEntries(world.library)).toEqual([]);
    });
  }
});
