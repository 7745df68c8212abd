import type { Job } from '../../library/index';
import type { LibrarySession } from '../library-session';
import { existingJob, type Target } from './target';

/** Continues a paused download from the bytes already on disk. */
export function resumeDownload(session: LibrarySession, target: Target): Job {
  existingJob(session, target);
  session.queue.resume(target.uid, target.kind);
  return existingJob(session, target);
}

/** Resumes every paused download; answers how many. */
export function resumeAllDownloads(session: LibrarySession): number {
  return session.queue.resumeAll();
}
