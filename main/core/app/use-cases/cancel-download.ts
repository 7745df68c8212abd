import type { Job } from '../../library/index';
import { appErrors } from '../errors';
import type { LibrarySession } from '../library-session';
import { existingJob, type Target } from './target';

/** Stops a download for good and deletes its partial bytes; answers the job as it ends (removed). */
export async function cancelDownload(session: LibrarySession, target: Target): Promise<Job> {
  existingJob(session, target);
  await session.queue.cancel(target.uid, target.kind);
  const job = session.library.getJob(target.uid, target.kind);
  if (!job) throw appErrors.jobNotFound(target.uid, target.kind);
  return job;
}
