/** How long a video may stand still while it should be playing before the kiosk moves on. */
export const STALL_MS = 10_000;

/**
 * Notices a video that has not advanced for `limitMs` while it should be playing: from the
 * start (a source that never starts) and after every step forward. A paused video (the page
 * hidden, the PIN pad) is not stalled: `hold` stops the clock until `progress` sees it move.
 */
export class StallWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = -1;

  constructor(
    private readonly limitMs: number,
    private readonly onStall: (seconds: number) => void,
  ) {
    this.arm();
  }

  /** The video's position now: a step forward restarts the wait. */
  progress(seconds: number): void {
    if (seconds <= this.last) return;
    this.last = seconds;
    this.arm();
  }

  hold(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Playing again after a hold: the wait starts over. */
  resume(): void {
    this.arm();
  }

  stop(): void {
    this.hold();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onStall(Math.max(0, this.last));
    }, this.limitMs);
  }
}
