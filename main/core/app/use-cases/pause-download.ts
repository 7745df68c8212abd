import type { Job } from '../../library/index';
import type { LibrarySession } from '../library-session';
import { existingJob, type Target } from './target';

/** Stops a download where it is; its bytes stay on disk for Resume. */
export function pauseDownload(session: LibrarySession, target: Target): Job {
  existingJob(session, target);
  session.queue.pause(target.uid, target.kind);
  return existingJob(session, target);
}

/** Pauses every active or waiting download; answers how many. */
export function pauseAllDownloads(session: LibrarySession): number {
  return session.queue.pauseAll();
}
