import type { LibraryIndex } from '../library/index';

/**
 * Every video a kiosk may show: its playlist, each schedule window's own list, and the still
 * shown between windows. Clean-up and "make room" never offer these.
 */
export function kioskVideos(library: LibraryIndex): Set<string> {
  const uids = new Set<string>(library.getSetting('kioskPlaylist'));
  const schedule = library.getSetting('kioskSchedule');
  for (const window of schedule?.windows ?? []) {
    for (const uid of window.playlist ?? []) uids.add(uid);
  }
  if (schedule?.outside.show === 'still') uids.add(schedule.outside.uid);
  return uids;
}
