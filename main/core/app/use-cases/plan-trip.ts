import { unfinishedJobStates } from '../../library/index';
import { planTrip, type TripPlan, type TripVideo } from '../../plan/trip-plan';
import { VideoUid } from '../../stream/ids';
import { volumeFreeBytes } from '../../transfer/transfer';
import { appErrors } from '../errors';
import type { LibrarySession } from '../library-session';
import { measuredRates } from '../trip-rates';
import { startDownload } from './start-download';

export interface TripRequest {
  uids: readonly string[];
  /** Epoch ms the videos should be ready by. */
  readyBy: number;
  now: number;
  /** Free bytes of the library's volume (tests inject it). */
  freeSpace?: (dir: string) => Promise<number>;
}

/**
 * The trip plan for videos of the catalogue: what will be ready by `readyBy` given this
 * library's measured rates and the room its lines leave. Changes nothing.
 */
export async function planTripFor(
  session: LibrarySession,
  request: TripRequest,
): Promise<TripPlan> {
  const { library } = session;
  const videos = [...new Set(request.uids)].map((uid) => tripVideo(session, uid));
  const free = await (request.freeSpace ?? volumeFreeBytes)(library.folder).catch(() => null);
  return planTrip({
    videos,
    now: request.now,
    readyBy: request.readyBy,
    rates: measuredRates(library),
    roomBytes: roomLeft(session, free),
  });
}

/** Queues what the plan fetches, in its order: the most likely to finish first. */
export function startTripPlan(session: LibrarySession, plan: TripPlan): void {
  for (const item of plan.items) {
    if (item.kind) startDownload(session, { uid: item.uid, kind: item.kind });
  }
}

function tripVideo(session: LibrarySession, uid: string): TripVideo {
  const { library } = session;
  const video = VideoUid.safeParse(uid).success ? library.getVideo(uid) : undefined;
  if (!video) throw appErrors.videoNotFound(uid);
  const mp4 = library.getJob(uid, 'default');
  const audio = library.getJob(uid, 'audio');
  const present = library.getFiles(uid).filter((f) => f.status === 'present');
  const live = (state: string | undefined) => state !== undefined && state !== 'removed';
  return {
    uid,
    name: video.name,
    durationSeconds: video.duration > 0 ? video.duration : null,
    mp4Bytes: live(mp4?.state) ? (mp4?.bytesTotal ?? null) : null,
    audioBytes: live(audio?.state) ? (audio?.bytesTotal ?? null) : null,
    heldBytes: mp4 && unfinishedJobStates.includes(mp4.state) ? mp4.bytesDone : 0,
    prepared: mp4?.resumeState === 'downloading' || mp4?.state === 'downloading',
    saved: present.some((f) => f.role === 'default'),
  };
}

/** Bytes downloads may still take: above the free-space floor and under the size limit. */
function roomLeft(session: LibrarySession, free: number | null): number | null {
  const { library } = session;
  const floor = library.getSetting('freeSpaceFloorBytes');
  const limit = library.getSetting('libraryLimitBytes');
  const underLimit =
    limit === null
      ? Number.POSITIVE_INFINITY
      : limit - library.storageUsage().bytes - library.bytesHeldByJobs();
  const aboveFloor = free === null ? Number.POSITIVE_INFINITY : free - floor;
  const room = Math.min(underLimit, aboveFloor);
  return Number.isFinite(room) ? Math.max(0, room) : null;
}
