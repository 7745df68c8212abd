import { type SavedVideoUse, unfinishedJobStates } from '../../library/index';
import { volumeFreeBytes } from '../../transfer/transfer';
import { kioskVideos } from '../kiosk-videos';
import type { LibrarySession } from '../library-session';

export type RoomOrder = 'largest' | 'oldest-watched';

export interface RoomOffer {
  libraryBytes: number;
  /** Free bytes on the library's volume; null when the system cannot tell. */
  freeBytes: number | null;
  libraryLimitBytes: number | null;
  freeSpaceFloorBytes: number;
  /** Bytes to free so every download waiting for room fits; 0 when none waits. */
  neededBytes: number;
  /** Saved videos that may be removed (kiosk videos never are), in the asked order. */
  candidates: SavedVideoUse[];
}

/**
 * "Make room": what the library takes against its lines, and what could go. Largest first, or
 * the videos watched longest ago first (watched to the end before merely started; never-played
 * videos last: nobody has seen them yet).
 */
export async function roomOffer(
  session: LibrarySession,
  order: RoomOrder = 'largest',
  freeSpace: (dir: string) => Promise<number> = volumeFreeBytes,
): Promise<RoomOffer> {
  const { library } = session;
  const kiosk = kioskVideos(library);
  const candidates = library.listSavedVideos().filter((video) => !kiosk.has(video.uid));
  if (order === 'oldest-watched') candidates.sort(byOldestWatched);
  const libraryBytes = library.storageUsage().bytes;
  const freeBytes = await freeSpace(library.folder).catch(() => null);
  const libraryLimitBytes = library.getSetting('libraryLimitBytes');
  const freeSpaceFloorBytes = library.getSetting('freeSpaceFloorBytes');
  const unfinished = library.listJobs({ states: unfinishedJobStates });
  const heldBytes = unfinished.reduce((sum, job) => sum + job.bytesDone, 0);
  const waitingBytes = unfinished
    .filter((job) => job.errorCode === 'storage_floor' || job.errorCode === 'library_limit')
    .reduce((sum, job) => sum + Math.max(0, (job.bytesTotal ?? 0) - job.bytesDone), 0);
  const overFloor = freeBytes === null ? 0 : waitingBytes + freeSpaceFloorBytes - freeBytes;
  const overLimit =
    libraryLimitBytes === null ? 0 : libraryBytes + heldBytes + waitingBytes - libraryLimitBytes;
  return {
    libraryBytes,
    freeBytes,
    libraryLimitBytes,
    freeSpaceFloorBytes,
    neededBytes: waitingBytes > 0 ? Math.max(0, overFloor, overLimit) : 0,
    candidates,
  };
}

function byOldestWatched(a: SavedVideoUse, b: SavedVideoUse): number {
  const rank = (v: SavedVideoUse) =>
    v.finishedAt !== null
      ? [0, v.finishedAt]
      : v.lastWatchedAt !== null
        ? [1, v.lastWatchedAt]
        : [2, 0];
  const [ra, ta] = rank(a);
  const [rb, tb] = rank(b);
  return (ra ?? 0) - (rb ?? 0) || (ta ?? 0) - (tb ?? 0) || b.diskBytes - a.diskBytes;
}
