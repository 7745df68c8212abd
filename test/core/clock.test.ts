import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../../main/core/clock';

describe('ManualClock', () => {
  it('wakes sleepers only when time reaches their deadline, in order', async () => {
    const clock = new ManualClock(0);
    const woke: string[] = [];
    const a = clock.sleep(100).then(() => woke.push('a'));
    const b = clock.sleep(50).then(() => woke.push('b'));
    clock.advance(49);
    await Promise.resolve();
    expect(woke).toEqual([]);
    clock.advance(60);
    await Promise.all([a, b]);
    expect(woke).toEqual(['b', 'a']);
    expect(clock.now()).toBe(109);
  });

  it('rejects a sleep when its signal aborts', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
  });
});

describe('systemClock', () => {
  it('rejects at once for an already aborted signal', async () => {
    await expect(systemClock.sleep(10_000, AbortSignal.abort(new Error('gone')))).rejects.toThrow(
      'gone',
    );
  });
});
