import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSegmentedSidecar } from '../../main/core/transfer/part-file';
import { defaultSegmentTuning } from '../../main/core/transfer/segmented';
import { type CrashWorld, crashWorld, expectSavedWhole, lastJob, MiB, runGet } from './support';

let world: CrashWorld;
afterEach(() => world?.close());

type Range = [number, number];
const heldBytes = (ranges: Range[]) => ranges.reduce((sum, [a, b]) => sum + b - a, 0);
const inside = (at: number, ranges: Range[]) => ranges.some(([a, b]) => a <= at && at < b);

/**
 * What a kill of a segmented transfer may cost again: per connection a batch being gathered
 * and one being written (128 KiB each), and what the sockets held.
 */
const perKillMargin = 1.5 * MiB;

describe('offstream get survives kill -9 during a segmented transfer', () => {
  it('at many points: each run continues from the ranges on disk; the SHA-256 is the source', async () => {
    world = await crashWorld();
    // Above the threshold, so the CLI's default four connections are used.
    const size = defaultSegmentTuning.thresholdBytes + 16 * MiB;
    const uid = await world.video(size);
    const partPath = join(world.library, '.partial', `${uid}.default.part`);
    // Each connection held to 4 MiB/s: four of them overlap at every kill.
    world.emulator.control.setDeliveryFaults({ bytesPerSecond: 4 * MiB });

    const fractions = [0.1, 0.25, 0.4, 0.55, 0.7, 0.85];
    let held: Range[] = [];
    let kills = 0;
    for (const fraction of fractions) {
      // A late kill may leave too little for the points that remain.
      if (heldBytes(held) > size - 6 * MiB) break;
      const before = world.emulator.requests.length;
      // Past this run's point and past what the last run left: a kill lands late on a busy
      // machine, and a run killed on its first report would have had no time to add a range.
      const killAt = Math.max(size * fraction, heldBytes(held) + 2 * MiB);
      const run = await runGet([uid], world.env, {
        onEvent: (event, kill) => {
          if (event.event === 'progress' && Number(event.bytesDone) >= killAt) kill();
        },
      });
      expect(run.signal).toBe('SIGKILL');
      kills += 1;
      // This run asked only for bytes the previous one did not hold.
      for (const request of world.emulator.requests.slice(before)) {
        const range = /^bytes=(\d+)-/.exec(String(request.headers.range ?? 'bytes=0-'));
        if (request.host === 'delivery') expect(inside(Number(range?.[1]), held)).toBe(false);
      }
      expect(existsSync(partPath)).toBe(true);
      const sidecar = await readSegmentedSidecar(partPath);
      if (!sidecar) throw new Error('no format-2 sidecar');
      expect(sidecar).toMatchObject({ format: 2, total: size });
      expect(heldBytes(sidecar.written)).toBeGreaterThan(heldBytes(held));
      expect(heldBytes(sidecar.written)).toBeLessThan(size);
      held = sidecar.written;
    }
    expect(kills).toBeGreaterThanOrEqual(4);
    expect(world.emulator.peakConnections(uid)).toBe(4);

    world.emulator.control.setDeliveryFaults(undefined);
    const last = await runGet([uid], world.env);
    expect(last.code).toBe(0);
    expect(lastJob(last)?.state).toBe('complete');
    await expectSavedWhole(world, uid, kills * perKillMargin);
  });
});
