import type { LibraryIndex } from '../../library/index';
import { evaluateSchedule } from '../../schedule/evaluate';

/** What the kiosk shows at an instant, and in how long that may change (null = never). */
export type KioskNow =
  | { show: 'play'; playlist: string[]; now: number; changeInMs: number | null }
  | {
      show: 'black' | 'still' | 'countdown';
      still: string | null;
      nextStart: number | null;
      now: number;
      changeInMs: number | null;
    };

/**
 * The kiosk schedule at `now` in `zone`: the playlist of the window in force (its own, else the
 * kiosk playlist), or what stands outside every window. Without a schedule the playlist always
 * plays. The kiosk asks again after `changeInMs`, so it follows the windows without polling.
 */
export function kioskNow(
  library: Pick<LibraryIndex, 'getSetting'>,
  now: number,
  zone: string,
): KioskNow {
  const playlist = library.getSetting('kioskPlaylist');
  const schedule = library.getSetting('kioskSchedule');
  if (!schedule) return { show: 'play', playlist, now, changeInMs: null };
  const state = evaluateSchedule(schedule.windows, now, zone);
  const changeInMs = state.nextChange === null ? null : state.nextChange - now;
  if (state.active) {
    const window = schedule.windows[state.active.index];
    return { show: 'play', playlist: window?.playlist ?? playlist, now, changeInMs };
  }
  const { outside } = schedule;
  return {
    show: outside.show,
    still: outside.show === 'still' ? outside.uid : null,
    nextStart: state.nextStart,
    now,
    changeInMs,
  };
}
