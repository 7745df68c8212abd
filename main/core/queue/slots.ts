/** Counts running transfers against a limit that can change while they run (a setting). */
export class TransferSlots {
  private running = 0;
  private waiters: (() => void)[] = [];

  constructor(private limit: number) {}

  setLimit(limit: number): void {
    this.limit = Math.max(1, limit);
    this.wakeWaiters();
  }

  /** Resolves once a slot is held; the returned function gives it back (idempotent). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    while (this.running >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          this.waiters = this.waiters.filter((w) => w !== wake);
          reject(signal?.reason);
        };
        if (signal?.aborted) {
          onAbort();
          return;
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiters.push(wake);
      });
    }
    this.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      this.wakeWaiters();
    };
  }

  private wakeWaiters(): void {
    const free = this.limit - this.running;
    for (const wake of this.waiters.splice(0, Math.max(0, free))) wake();
  }
}
