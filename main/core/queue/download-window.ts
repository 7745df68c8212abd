import { DateTime } from 'luxon';
import { evaluateSchedule } from '../schedule/evaluate';
import type { DownloadWindow } from '../schedule/windows';

/** Where downloads stand at an instant under the download window. */
export interface WindowState {
  /** Transfers may run. */
  open: boolean;
  /** Bytes per second for all transfers together; 0 = no cap. */
  cap: number;
  /** When the window next opens or closes; null when nothing will change. */
  nextChange: number | null;
  /** While closed: when it opens next. */
  opensAt: number | null;
}

/**
 * The download window as the queue reads it: set (or cleared) by the session from the library's
 * setting, evaluated in the machine's zone. Without a window, downloads run any time at `baseCap`.
 */
export class DownloadWindowGate {
  private window: DownloadWindow | null = null;
  private baseCap = 0;

  constructor(private readonly zone: string) {}

  set(window: DownloadWindow | null, baseCap: number): void {
    this.window = window;
    this.baseCap = baseCap;
  }

  stateAt(now: number): WindowState {
    const window = this.window;
    if (!window) return { open: true, cap: this.baseCap, nextChange: null, opensAt: null };
    const schedule = evaluateSchedule(window.windows, now, this.zone);
    const inside = schedule.active !== null;
    const { outside } = window;
    return {
      open: inside || outside.mode === 'capped',
      cap: inside ? window.capInside : outside.mode === 'capped' ? outside.cap : 0,
      nextChange: schedule.nextChange,
      opensAt: inside ? null : schedule.nextStart,
    };
  }

  /** "Mon 01:00" in the machine's zone: when a held download starts, for its message. */
  describe(instant: number): string {
    return DateTime.fromMillis(instant, { zone: this.zone }).toFormat('ccc d LLL HH:mm');
  }
}
