import type { Clock } from '../clock';

export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
  blockMs: number;
}

/** Cloudflare's global API limit (stream-api.md §7): 1200 requests per 5 min, then 5 min blocked. */
export const cloudflareRateLimit: RateLimitPolicy = {
  limit: 1200,
  windowMs: 300_000,
  blockMs: 300_000,
};

export type RateDecision =
  | { allowed: true; remaining: number; resetSeconds: number }
  | { allowed: false; retryAfterSeconds: number };

/** A sliding window per credential; going over blocks that credential for `blockMs`. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly clock: Clock,
  ) {}

  check(credential: string): RateDecision {
    const now = this.clock.now();
    const until = this.blockedUntil.get(credential) ?? 0;
    if (until > now) return { allowed: false, retryAfterSeconds: secondsUntil(until, now) };
    const recent = (this.hits.get(credential) ?? []).filter((t) => t > now - this.policy.windowMs);
    if (recent.length >= this.policy.limit) {
      this.hits.set(credential, recent);
      this.blockedUntil.set(credential, now + this.policy.blockMs);
      return { allowed: false, retryAfterSeconds: secondsUntil(now + this.policy.blockMs, now) };
    }
    recent.push(now);
    this.hits.set(credential, recent);
    const oldest = recent[0] ?? now;
    return {
      allowed: true,
      remaining: this.policy.limit - recent.length,
      resetSeconds: secondsUntil(oldest + this.policy.windowMs, now),
    };
  }

  /** The current-style headers (stream-api.md §7), plus `retry-after` when refused. */
  headers(decision: RateDecision): Record<string, string> {
    const policy = `"default";q=${this.policy.limit};w=${Math.ceil(this.policy.windowMs / 1000)}`;
    if (!decision.allowed) {
      return {
        Ratelimit: `"default";r=0;t=${decision.retryAfterSeconds}`,
        'Ratelimit-Policy': policy,
        'Retry-After': String(decision.retryAfterSeconds),
      };
    }
    return {
      Ratelimit: `"default";r=${decision.remaining};t=${decision.resetSeconds}`,
      'Ratelimit-Policy': policy,
    };
  }
}

function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}
