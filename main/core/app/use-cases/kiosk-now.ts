import type { LibraryIndex } from '../../library/index';
import { evaluateSchedule } from '../../schedule/evaluate';
import { isPlayable } from '../playback';

/**
 * What the kiosk shows at an instant, and in how long that may change (null = never). An empty
 * playlist means every saved video, which the kiosk lists itself.
 */
export type KioskNow =
  | { show: 'play'; playlist: string[]; now: number; changeInMs: number | null }
  | {
      show: 'black' | 'still' | 'countdown';
      still: string | null;
      nextStart: number | null;
      now: number;
      changeInMs: number | null;
    };

type KioskLibrary = Pick<LibraryIndex, 'getSetting' | 'getFiles'>;

/**
 * The kiosk schedule at `now` in `zone`: the playlist of the window in force (its own, else the
 * kiosk playlist), or what stands outside every window. Without a schedule the playlist always
 * plays. A list none of whose videos is saved any more gives way to the next one down (own list,
 * kiosk playlist, every saved video), so the kiosk never stands idle while it holds a video.
 * The kiosk asks again after `changeInMs`, so it follows the windows without polling.
 */
export function kioskNow(library: KioskLibrary, now: number, zone: string): KioskNow {
  const kioskPlaylist = library.getSetting('kioskPlaylist');
  const kioskHolds = holdsSaved(library, kioskPlaylist);
  const playlist = kioskHolds ? kioskPlaylist : [];
  const schedule = library.getSetting('kioskSchedule');
  if (!schedule) {
    return { show: 'play', playlist, now, changeInMs: kioskHolds ? null : fallbackRecheckMs };
  }
  const state = evaluateSchedule(schedule.windows, now, zone);
  const changeInMs = state.nextChange === null ? null : state.nextChange - now;
  if (state.active) {
    const own = schedule.windows[state.active.index]?.playlist;
    const ownHolds = own !== undefined && holdsSaved(library, own);
    const plays = ownHolds ? own : playlist;
    const fallback = own !== undefined ? !ownHolds : !kioskHolds;
    return { show: 'play', playlist: plays, now, changeInMs: recheck(changeInMs, fallback) };
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

/**
 * While a list stands in for one whose videos are gone, the kiosk asks again this often: a sync
 * that saves them again brings the chosen list back without waiting for the window's end.
 */
export const fallbackRecheckMs = 60_000;

function recheck(changeInMs: number | null, fallback: boolean): number | null {
  if (!fallback) return changeInMs;
  return changeInMs === null ? fallbackRecheckMs : Math.min(changeInMs, fallbackRecheckMs);
}

/** Whether any video of the list can play here; one removed is skipped, all removed is none. */
function holdsSaved(library: KioskLibrary, uids: readonly string[]): boolean {
  return uids.some((uid) => isPlayable(library, uid));
}
