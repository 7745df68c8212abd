import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { BandwidthLimiter } from '../../main/core/transfer/bandwidth';
import { ProgressMeter, type TransferProgress } from '../../main/core/transfer/progress';

async function settle() {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

describe('BandwidthLimiter', () => {
  it('lets one second of burst through, then paces to the cap', async () => {
    const clock = new ManualClock(0);
    const limiter = new BandwidthLimiter(clock, 1000);
    await limiter.take(1000);
    let done = false;
    const next = limiter.take(500).then(() => {
      done = true;
    });
    await settle();
    expect(done).toBe(false);
    clock.advance(499);
    await settle();
    expect(done).toBe(false);
    clock.advance(1);
    await next;
    expect(done).toBe(true);
  });

  it('is shared: two takers together stay under the cap', async () => {
    const clock = new ManualClock(0);
    const limiter = new BandwidthLimiter(clock, 1000);
    await limiter.take(1000);
    const finished: string[] = [];
    const a = limiter.take(600).then(() => finished.push('a'));
    const b = limiter.take(600).then(() => finished.push('b'));
    clock.advance(600);
    await settle();
    clock.advance(0);
    await settle();
    expect(finished).toHaveLength(1);
    clock.advance(600);
    await settle();
    clock.advance(0);
    await Promise.all([a, b]);
    expect(finished).toHaveLength(2);
  });

  it('removes the cap when set to 0', async () => {
    const limiter = new BandwidthLimiter(new ManualClock(0), 10);
    limiter.setLimit(0);
    await limiter.take(1_000_000);
  });
});

describe('ProgressMeter', () => {
  it('reports at most every interval with a smoothed rate and an ETA', () => {
    const clock = new ManualClock(0);
    const reports: TransferProgress[] = [];
    const meter = new ProgressMeter(clock, (p) => reports.push(p), 250, 0, 10_000);
    meter.add(100);
    meter.add(100);
    expect(reports).toHaveLength(1);
    clock.advance(250);
    meter.add(250);
    expect(reports).toHaveLength(2);
    expect(reports[1]).toEqual({
      bytesDone: 450,
      total: 10_000,
      bytesPerSecond: 1800,
      etaSeconds: 6,
    });
  });

  it('restarts its count after a reset and flushes a final report', () => {
    const clock = new ManualClock(0);
    const reports: TransferProgress[] = [];
    const meter = new ProgressMeter(clock, (p) => reports.push(p));
    meter.add(500);
    meter.reset(0, 800);
    meter.add(100);
    meter.flush();
    expect(reports.at(-1)).toMatchObject({ bytesDone: 100, total: 800 });
  });
});
