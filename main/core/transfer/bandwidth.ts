import type { Clock } from '../clock';

/**
 * One bandwidth cap shared by every running transfer: a token bucket refilled at the cap, with
 * one second of burst. Transfers ask before writing a chunk; waiting stops reading the socket,
 * so TCP slows the sender down rather than memory filling up.
 */
export class BandwidthLimiter {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly clock: Clock,
    private bytesPerSecond: number,
  ) {
    this.tokens = bytesPerSecond;
    this.refilledAt = clock.now();
  }

  /** The cap in force now (bytes per second; 0 = none). */
  get limit(): number {
    return Math.max(0, this.bytesPerSecond);
  }

  /** Changes the cap at run time (a setting); 0 or less removes it. */
  setLimit(bytesPerSecond: number): void {
    this.bytesPerSecond = bytesPerSecond;
    this.tokens = Math.min(this.tokens, Math.max(0, bytesPerSecond));
  }

  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    while (this.bytesPerSecond > 0) {
      this.refill();
      if (this.tokens >= Math.min(bytes, this.bytesPerSecond)) {
        this.tokens -= bytes;
        return;
      }
      const missing = Math.min(bytes, this.bytesPerSecond) - this.tokens;
      await this.clock.sleep(Math.ceil((missing * 1000) / this.bytesPerSecond), signal);
    }
  }

  private refill(): void {
    const now = this.clock.now();
    const earned = ((now - this.refilledAt) * this.bytesPerSecond) / 1000;
    this.tokens = Math.min(this.bytesPerSecond, this.tokens + earned);
    this.refilledAt = now;
  }
}
