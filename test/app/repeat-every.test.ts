import { describe, expect, it } from 'vitest';
import { repeatEvery } from '../../main/core/app/repeat-every';
import { ManualClock } from '../../main/core/clock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('repeatEvery', () => {
  it('runs now and at every turn, a failing run reported and the loop going on', async () => {
    const clock = new ManualClock();
    const failures: unknown[] = [];
    let runs = 0;
    const loop = repeatEvery(
      clock,
      1000,
      async () => {
        runs += 1;
        if (runs === 2) throw new Error('offline');
      },
      (error) => failures.push(error),
    );
    await settle();
    expect(runs).toBe(1);
    clock.advance(999);
    await settle();
    expect(runs).toBe(1);
    clock.advance(1);
    await settle();
    clock.advance(1000);
    await settle();
    expect(runs).toBe(3);
    expect(failures).toEqual([new Error('offline')]);
    await loop.stop();
  });

  it('ends a run that cannot finish at the next turn, and stop waits for the run in flight', async () => {
    const clock = new ManualClock();
    const ended: number[] = [];
    const hang = (signal: AbortSignal) =>
      new Promise<void>((resolve) =>
        signal.addEventListener('abort', () => {
          ended.push(clock.now());
          resolve();
        }),
      );
    const loop = repeatEvery(clock, 1000, hang, () => {});
    await settle();
    clock.advance(1000);
    await settle();
    expect(ended).toEqual([clock.now()]);
    await loop.stop();
    expect(ended).toHaveLength(2);
  });
});
