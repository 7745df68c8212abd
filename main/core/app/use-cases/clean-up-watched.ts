import { kioskVideos } from '../kiosk-videos';
import type { LibrarySession } from '../library-session';
import { type RemovedVideo, removeVideo } from './remove-video';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The optional automatic clean-up: removes each saved video watched to the end at least
 * `watchedCleanupDays` days before `now`, never one a kiosk shows. Does nothing while the
 * setting is off (null). Answers what it removed.
 */
export async function cleanUpWatched(
  session: LibrarySession,
  now: number,
): Promise<RemovedVideo[]> {
  const { library } = session;
  const days = library.getSetting('watchedCleanupDays');
  if (days === null) return [];
  const cutoff = now - days * dayMs;
  const kiosk = kioskVideos(library);
  const due = library
    .listSavedVideos()
    .filter((video) => video.finishedAt !== null && video.finishedAt <= cutoff)
    .filter((video) => !kiosk.has(video.uid));
  const removed: RemovedVideo[] = [];
  for (const video of due) removed.push(await removeVideo(session, video.uid));
  return removed;
}
