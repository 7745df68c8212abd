import type { Clock } from '../clock';
import type { Logger } from '../log';

export interface UpstreamWatchDeps {
  clock: Clock;
  logger: Logger;
  /** How often the saved videos are re-checked against the account. */
  intervalMs: number;
  /**
   * Epoch ms of the last complete re-check, as the library remembers it; null = never, and the
   * first one then comes an interval after start (a catalogue refresh runs one sooner).
   */
  lastCheck(): number | null;
  /** The earliest local expiry still ahead, null when none. */
  nextExpiry(): number | null;
  /** Re-checks against the account when it can (connected, online); false when it could not. */
  recheck(): Promise<boolean>;
  /** Applies the expiries that have come; needs no network. */
  expire(): Promise<void>;
}

const maxNapMs = 24 * 3600_000;

/** After a failed re-check (offline, Cloudflare down), try again sooner than the interval. */
const retryMs = 15 * 60_000;

/**
 * The slow schedule of issue #14: wakes when the next re-check is due or the next saved video
 * expires, whichever comes first. `replan()` wakes it early when either may have moved (a
 * re-check recorded new expiries, the account changed).
 */
export class UpstreamWatch {
  private readonly stopped = new AbortController();
  private nap: AbortController | undefined;
  private running: Promise<void> | undefined;
  private retryAt: number | null = null;
  /** After a failure nothing runs before this, so a broken library cannot spin the loop. */
  private quietUntil = 0;
  /** When the expiries were last applied: one still listed as due by then is not waited for. */
  private expiredAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: UpstreamWatchDeps) {}

  start(): void {
    this.running ??= this.loop();
  }

  replan(): void {
    this.nap?.abort();
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    this.nap?.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const { clock, logger } = this.deps;
    const startedAt = clock.now();
    while (!this.stopped.signal.aborted) {
      const now = clock.now();
      const checkAt = this.retryAt ?? (this.deps.lastCheck() ?? startedAt) + this.deps.intervalMs;
      const expiry = this.deps.nextExpiry();
      const expiryAt =
        expiry !== null && expiry > this.expiredAt ? expiry : Number.POSITIVE_INFINITY;
      const soonest = Math.min(checkAt, expiryAt);
      const wakeAt = Math.max(soonest, this.quietUntil);
      if (wakeAt > now) {
        this.nap = new AbortController();
        // Node's timers cannot wait past ~24.8 days; a day at a time plans again on waking.
        const woke = await clock.sleep(Math.min(wakeAt - now, maxNapMs), this.nap.signal).then(
          () => true,
          () => false,
        );
        if (!woke || clock.now() < wakeAt) continue; // replanned, stopped, or a day passed
      }
      try {
        if (clock.now() >= checkAt) {
          this.retryAt = (await this.deps.recheck()) ? null : clock.now() + retryMs;
        }
        this.expiredAt = clock.now();
        await this.deps.expire();
      } catch (error) {
        this.retryAt = clock.now() + retryMs;
        this.quietUntil = this.retryAt;
        // Only the stable code: an error's text is not this module's to vouch for.
        const code = (error as { code?: unknown } | null)?.code;
        logger.warn('re-checking the saved videos failed', { code: String(code ?? 'unknown') });
      }
    }
  }
}
