import type { Clock } from '../clock';

export interface TransferProgress {
  bytesDone: number;
  total?: number;
  /** Smoothed bytes per second over the last few seconds. */
  bytesPerSecond: number;
  /** Seconds left at the current rate, when both are known. */
  etaSeconds?: number;
  /**
   * The byte ranges of the file held so far, [start, end) in order, while it is fetched over
   * several connections (a thin bar of its segments, as download managers show).
   */
  segments?: [number, number][];
}

/**
 * Turns a stream of byte counts into throttled progress reports with a smoothed rate, so a UI
 * gets a steady number a few times a second instead of one event per network chunk.
 */
export class ProgressMeter {
  private rate = 0;
  private lastSampleAt: number;
  private lastSampleBytes: number;
  private lastReportAt = Number.NEGATIVE_INFINITY;
  private segments: (() => [number, number][]) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly report: (progress: TransferProgress) => void,
    private readonly intervalMs = 250,
    private bytesDone = 0,
    private total?: number,
  ) {
    this.lastSampleAt = clock.now();
    this.lastSampleBytes = bytesDone;
  }

  /** Call when an attempt starts from a new offset (resume or restart). */
  reset(bytesDone: number, total?: number): void {
    this.bytesDone = bytesDone;
    this.total = total;
    this.lastSampleBytes = bytesDone;
    this.lastSampleAt = this.clock.now();
  }

  /** While set, every report carries the ranges this gives. */
  showSegments(segments: (() => [number, number][]) | undefined): void {
    this.segments = segments;
  }

  add(bytes: number): void {
    this.bytesDone += bytes;
    const now = this.clock.now();
    const elapsed = now - this.lastSampleAt;
    if (elapsed >= this.intervalMs) {
      const instant = ((this.bytesDone - this.lastSampleBytes) * 1000) / elapsed;
      // Exponential smoothing over roughly the last 2 s of samples.
      const weight = Math.min(1, elapsed / 2000);
      this.rate = this.rate === 0 ? instant : this.rate + weight * (instant - this.rate);
      this.lastSampleAt = now;
      this.lastSampleBytes = this.bytesDone;
    }
    if (now - this.lastReportAt >= this.intervalMs) this.flush();
  }

  flush(): void {
    this.lastReportAt = this.clock.now();
    const left = this.total === undefined ? undefined : this.total - this.bytesDone;
    this.report({
      bytesDone: this.bytesDone,
      ...(this.total === undefined ? {} : { total: this.total }),
      bytesPerSecond: Math.round(this.rate),
      ...(left !== undefined && this.rate > 0 ? { etaSeconds: Math.ceil(left / this.rate) } : {}),
      ...(this.segments ? { segments: this.segments() } : {}),
    });
  }
}
