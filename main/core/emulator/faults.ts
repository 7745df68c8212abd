/**
 * The fault currently injected into responses. `times` counts responses down; without it the
 * fault stays until replaced or cleared.
 */
export class FaultPlan<T extends { times?: number }> {
  private active: T | undefined;
  private remaining: number | undefined;

  set(fault: T | undefined): void {
    this.active = fault;
    this.remaining = fault?.times;
  }

  /**
   * The fault for one response, consuming one of its `times`; a response the fault does not
   * target (`hits` says no) gets none and consumes nothing.
   */
  take(hits: (fault: T) => boolean = () => true): T | undefined {
    const fault = this.active;
    if (fault !== undefined && !hits(fault)) return undefined;
    if (fault === undefined || this.remaining === undefined) return fault;
    if (this.remaining <= 0) {
      this.clear();
      return undefined;
    }
    this.remaining -= 1;
    if (this.remaining === 0) this.clear();
    return fault;
  }

  /** The active fault without consuming it. */
  peek(): T | undefined {
    return this.active;
  }

  clear(): void {
    this.active = undefined;
    this.remaining = undefined;
  }
}
