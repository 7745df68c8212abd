import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { defaultRateBudget, RateLimiter } from '../../main/core/stream/rate-limiter';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function track(promise: Promise<void>) {
  const state = { done: false, error: undefined as unknown };
  promise.then(
    () => {
      state.done = true;
    },
    (error: unknown) => {
      state.error = error;
    },
  );
  return state;
}

describe('RateLimiter', () => {
  it('defaults to a budget below Cloudflare’s 1,200 requests per 5 minutes', () => {
    expect(defaultRateBudget.limit).toBeLessThan(1200);
    expect(defaultRateBudget.windowMs).toBe(300_000);
  });

  it('lets `limit` requests through, then waits until the oldest leaves the window', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ limit: 3, windowMs: 1000 }, clock);
    await limiter.acquire();
    clock.advance(200);
    await limiter.acquire();
    await limiter.acquire();
    const fourth = track(limiter.acquire());
    await flush();
    expect(fourth.done).toBe(false);
    clock.advance(799);
    await flush();
    expect(fourth.done).toBe(false);
    clock.advance(1);
    await flush();
    expect(fourth.done).toBe(true);
  });

  it('slides: the window frees one slot at a time', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 }, clock);
    await limiter.acquire();
    clock.advance(500);
    await limiter.acquire();
    clock.advance(500);
    const third = track(limiter.acquire());
    const fourth = track(limiter.acquire());
    await flush();
    expect(third.done).toBe(true);
    expect(fourth.done).toBe(false);
    clock.advance(499);
    await flush();
    expect(fourth.done).toBe(false);
    clock.advance(1);
    await flush();
    expect(fourth.done).toBe(true);
  });

  it('holdUntil stops every caller, including ones already waiting, until the time passes', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000 }, clock);
    await limiter.acquire();
    const waiting = track(limiter.acquire());
    await flush();
    limiter.holdUntil(clock.now() + 5000);
    clock.advance(1000);
    await flush();
    expect(waiting.done).toBe(false);
    clock.advance(4000);
    await flush();
    expect(waiting.done).toBe(true);
  });

  it('holds even with client-side limiting switched off', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(false, clock);
    for (let i = 0; i < 5000; i++) await limiter.acquire();
    limiter.holdUntil(clock.now() + 10);
    const held = track(limiter.acquire());
    await flush();
    expect(held.done).toBe(false);
    clock.advance(10);
    await flush();
    expect(held.done).toBe(true);
  });

  it('a shorter hold never shortens a longer one', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(false, clock);
    limiter.holdUntil(clock.now() + 3000);
    limiter.holdUntil(clock.now() + 1000);
    expect(limiter.waitMs()).toBe(3000);
  });

  it('an aborted wait rejects and leaves no sleeper behind', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000 }, clock);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = track(limiter.acquire(controller.signal));
    await flush();
    expect(clock.pending).toBe(1);
    controller.abort(new Error('paused'));
    await flush();
    expect(waiting.error).toBeInstanceOf(Error);
    expect(clock.pending).toBe(0);
  });
});
