import { type BackoffPolicy, backoffDelay } from '../backoff';
import type { Clock } from '../clock';
import type { RestartKind } from './restart-log';

/** How patient the watchdog is; the defaults suit a kiosk that must come back on its own. */
export interface WatchdogPolicy {
  /** A window unresponsive this long is taken for frozen and reloaded. */
  frozenAfterMs: number;
  /** At most `max` renderer reloads within `withinMs`; past that the renderer is given up. */
  reloads: { max: number; withinMs: number };
  /** Wait before a reload grows with the reloads already made, so a crash loop slows down. */
  backoff: BackoffPolicy;
  /** At most `max` relaunches of the whole app within `withinMs` (counted in restartLog). */
  relaunches: { max: number; withinMs: number };
}

export const defaultWatchdogPolicy: WatchdogPolicy = {
  frozenAfterMs: 15_000,
  reloads: { max: 5, withinMs: 10 * 60_000 },
  backoff: { baseMs: 1_000, capMs: 60_000 },
  relaunches: { max: 3, withinMs: 10 * 60_000 },
};

/** When the next reload may happen, or that the budget is spent. */
export function reloadDecision(
  earlier: readonly number[],
  now: number,
  policy: WatchdogPolicy,
  random: () => number,
): { reloadInMs: number } | 'budget-spent' {
  const recent = earlier.filter((at) => at > now - policy.reloads.withinMs);
  if (recent.length >= policy.reloads.max) return 'budget-spent';
  // The first reload comes at once: a single crash should cost the kiosk no more than a blink.
  return {
    reloadInMs: recent.length === 0 ? 0 : backoffDelay(recent.length - 1, policy.backoff, random),
  };
}

/** Relaunch the app after a fatal error only while the recent relaunches stay within budget. */
export function relaunchAllowed(
  earlierRelaunches: readonly number[],
  now: number,
  policy: WatchdogPolicy,
): boolean {
  const recent = earlierRelaunches.filter((at) => at > now - policy.relaunches.withinMs);
  return recent.length < policy.relaunches.max;
}

/** Why the renderer process went, as Electron says it (`render-process-gone` details). */
export interface GoneDetails {
  reason: string;
  exitCode: number;
}

export interface RendererWatchdogDeps {
  clock: Clock;
  policy?: WatchdogPolicy;
  random?: () => number;
  record(what: RestartKind, detail: string): void;
  /** Brings the page back (a frozen one is killed first: a hung page ignores a reload). */
  reload(how: 'crashed' | 'frozen'): void;
  /** The reload budget is spent: the shell decides (log, relaunch the app, or quit). */
  giveUp(detail: string): void;
}

/**
 * Decides when one window's renderer is reloaded: after it crashes, or once it has been
 * unresponsive for `frozenAfterMs`. Electron-free; the shell forwards its window's events.
 */
export class RendererWatchdog {
  private readonly policy: WatchdogPolicy;
  private readonly reloads: number[] = [];
  private frozenTimer: AbortController | undefined;
  private pendingReload: AbortController | undefined;
  /** Set while we kill a frozen renderer ourselves, so its 'gone' is not a second restart. */
  private killing = false;
  private stopped = false;

  constructor(private readonly deps: RendererWatchdogDeps) {
    this.policy = deps.policy ?? defaultWatchdogPolicy;
  }

  /** The renderer process ended. A clean exit (the window closing) needs nothing. */
  gone(details: GoneDetails): void {
    if (this.stopped || details.reason === 'clean-exit') return;
    this.responsive();
    if (this.killing) {
      this.killing = false;
      return;
    }
    this.restart('crashed', `renderer ${details.reason} (exit code ${details.exitCode})`);
  }

  unresponsive(): void {
    if (this.stopped || this.frozenTimer) return;
    const timer = new AbortController();
    this.frozenTimer = timer;
    this.deps.clock.sleep(this.policy.frozenAfterMs, timer.signal).then(
      () => {
        this.frozenTimer = undefined;
        const seconds = Math.round(this.policy.frozenAfterMs / 1000);
        this.restart('frozen', `renderer unresponsive for ${seconds} s`);
      },
      () => {},
    );
  }

  responsive(): void {
    this.frozenTimer?.abort();
    this.frozenTimer = undefined;
  }

  /** The window is gone for good: no timer may fire into it. */
  stop(): void {
    this.stopped = true;
    this.responsive();
    this.pendingReload?.abort();
  }

  private restart(how: 'crashed' | 'frozen', detail: string): void {
    if (this.pendingReload) return;
    const now = this.deps.clock.now();
    const decision = reloadDecision(
      this.reloads,
      now,
      this.policy,
      this.deps.random ?? Math.random,
    );
    if (decision === 'budget-spent') {
      this.deps.giveUp(`${detail}; ${this.policy.reloads.max} reloads already within the budget`);
      return;
    }
    this.reloads.push(now);
    this.deps.record(how === 'crashed' ? 'renderer-crashed' : 'renderer-frozen', detail);
    const reload = () => {
      this.pendingReload = undefined;
      if (how === 'frozen') this.killing = true;
      this.deps.reload(how);
    };
    if (decision.reloadInMs === 0) {
      reload();
      return;
    }
    const wait = new AbortController();
    this.pendingReload = wait;
    this.deps.clock.sleep(decision.reloadInMs, wait.signal).then(reload, () => {});
  }
}
