import { describe, expect, it, vi } from 'vitest';
import { UpstreamWatch } from '../../main/core/app/upstream-watch';
import { ManualClock } from '../../main/core/clock';
import { silentLogger } from '../../main/core/log';

const hour = 3_600_000;
const day = 24 * hour;

function watchWith(clock: ManualClock, recheck: () => Promise<boolean>, expiry: number | null) {
  const calls = { recheck: 0, expire: 0 };
  let last: number | null = null;
  const watch = new UpstreamWatch({
    clock,
    logger: silentLogger,
    intervalMs: 6 * hour,
    lastCheck: () => last,
    nextExpiry: () => expiry,
    recheck: async () => {
      calls.recheck += 1;
      const ok = await recheck();
      if (ok) last = clock.now();
      return ok;
    },
    expire: async () => {
      calls.expire += 1;
    },
  });
  return { watch, calls };
}

/** Lets the watch's loop run to its next sleep. */
const settle = () =>
  vi.waitFor(() => expect(true).toBe(true)).then(() => new Promise((r) => setImmediate(r)));

describe('the slow schedule', () => {
  it('re-checks every interval, and 15 minutes after a failed attempt', async () => {
    const clock = new ManualClock();
    let online = false;
    const { watch, calls } = watchWith(clock, async () => online, null);
    watch.start();
    await settle();
    expect(calls.recheck).toBe(0);
    clock.advance(6 * hour);
    await vi.waitFor(() => expect(calls.recheck).toBe(1));
    online = true;
    clock.advance(14 * 60_000);
    await settle();
    expect(calls.recheck).toBe(1);
    clock.advance(60_000);
    await vi.waitFor(() => expect(calls.recheck).toBe(2));
    clock.advance(6 * hour - 1);
    await settle();
    expect(calls.recheck).toBe(2);
    clock.advance(1);
    await vi.waitFor(() => expect(calls.recheck).toBe(3));
    await watch.stop();
    expect(clock.pending).toBe(0);
  });

  it('waits for an expiry weeks away a day at a time, without spinning', async () => {
    const clock = new ManualClock();
    const expiry = clock.now() + 40 * day;
    const { watch, calls } = watchWith(clock, async () => true, expiry);
    watch.start();
    await settle();
    expect(clock.pending).toBe(1);
    for (let d = 0; d < 39; d++) {
      clock.advance(day);
      await settle();
    }
    // Six-hourly re-checks each ran expire too; none of them was the expiry itself.
    const before = calls.expire;
    expect(before).toBe(calls.recheck);
    clock.advance(expiry - clock.now());
    await vi.waitFor(() => expect(calls.expire).toBe(before + 1));
    await watch.stop();
  });
});
