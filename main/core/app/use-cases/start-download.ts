import type { Job } from '../../library/index';
import { appErrors } from '../errors';
import type { LibrarySession } from '../library-session';
import type { Target } from './target';

/**
 * Queues a video of the catalogue. Asking again for a paused one (say after disk_full) is the
 * person saying "continue", so it resumes from the bytes on disk.
 */
export function startDownload(session: LibrarySession, { uid, kind }: Target): Job {
  const { library, queue } = session;
  if (!library.getVideo(uid)) throw appErrors.videoNotFound(uid);
  if (library.getJob(uid, kind)?.state === 'paused') queue.resume(uid, kind);
  return queue.add(uid, kind);
}
