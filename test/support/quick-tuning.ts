import type { OffstreamAppOptions } from '../../main/core/app/index';

/** Tuning for an app under test: polling, retries and stalls in milliseconds, not seconds. */
export const quickTuning = {
  queue: {
    polling: { baseMs: 20, capMs: 50 },
    retry: { baseMs: 20, capMs: 50 },
    transfer: { stallTimeoutMs: 2_000, backoff: { baseMs: 10, capMs: 50 }, reserveBytes: 0 },
  },
  streamRetry: { maxRetries: 1, baseMs: 5, capMs: 20 },
} satisfies OffstreamAppOptions['tuning'];
