import type { LibraryFile } from '../../library/index';
import { appErrors } from '../errors';
import type { LibrarySession } from '../library-session';

const kinds = ['default', 'audio'] as const;

export interface RemovedVideo {
  name: string;
  files: LibraryFile[];
  bytes: number;
}

/**
 * Takes a video off the device: cancels its downloads (deleting their partial bytes), deletes
 * its files, and retires its finished jobs (a "complete" job must not outlive its files). The
 * catalogue keeps listing it, so it can be saved again. Downloads waiting for room look again.
 */
export async function removeVideo(session: LibrarySession, uid: string): Promise<RemovedVideo> {
  const { library, queue } = session;
  if (!knows(session, uid)) throw appErrors.videoNotFound(uid);
  for (const kind of kinds) await queue.cancel(uid, kind);
  for (const kind of kinds) queue.retire(uid, kind);
  const files = library.removeVideoFiles(uid);
  queue.roomMade();
  const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
  return { name: library.getVideo(uid)?.name ?? uid, files, bytes };
}

function knows({ library }: LibrarySession, uid: string): boolean {
  return (
    library.getVideo(uid) !== undefined ||
    library.getFiles(uid).length > 0 ||
    library.listJobs({ uid }).some((job) => job.state !== 'removed')
  );
}
