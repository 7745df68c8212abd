import type { Clock } from '../clock';

export interface RateBudget {
  limit: number;
  windowMs: number;
}

/** Cloudflare allows 1,200 requests per 5 minutes per token; keep a margin for the dashboard. */
export const defaultRateBudget: RateBudget = { limit: 1100, windowMs: 300_000 };

/**
 * Sliding-window limiter for API calls: at most `limit` starts in any `windowMs`. After a 429,
 * `holdUntil` stops every caller until Cloudflare's block has passed.
 */
export class RateLimiter {
  private readonly starts: number[] = [];
  private heldUntil = 0;

  constructor(
    private readonly budget: RateBudget | false,
    private readonly clock: Clock,
  ) {}

  /** Resolves when one more request may start, and counts it; rejects if `signal` aborts. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const wait = this.waitMs();
      if (wait <= 0) {
        if (this.budget) this.starts.push(this.clock.now());
        return;
      }
      await this.clock.sleep(wait, signal);
    }
  }

  /** Hold every request (current waiters included) until `time` (ms, clock time). */
  holdUntil(time: number): void {
    this.heldUntil = Math.max(this.heldUntil, time);
  }

  /** How many requests may start now without waiting; Infinity without a budget. */
  spare(): number {
    if (this.heldUntil > this.clock.now()) return 0;
    if (!this.budget) return Number.POSITIVE_INFINITY;
    this.waitMs(); // drops the starts that left the window
    return Math.max(0, this.budget.limit - this.starts.length);
  }

  /** How long the next caller would wait now; 0 when it may go. */
  waitMs(): number {
    const now = this.clock.now();
    if (this.heldUntil > now) return this.heldUntil - now;
    if (!this.budget) return 0;
    const { limit, windowMs } = this.budget;
    while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - windowMs) this.starts.shift();
    if (this.starts.length < limit) return 0;
    const oldest = this.starts[this.starts.length - limit] ?? now;
    return Math.max(1, oldest + windowMs - now);
  }
}
