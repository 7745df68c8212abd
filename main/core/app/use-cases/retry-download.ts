import type { Job } from '../../library/index';
import type { LibrarySession } from '../library-session';
import { existingJob, type Target } from './target';

/** Tries a failed or waiting download again now; any other job is left as it is. */
export function retryDownload(session: LibrarySession, target: Target): Job {
  const job = existingJob(session, target);
  if (job.state !== 'failed' && job.state !== 'waiting') return job;
  return session.queue.retry(target.uid, target.kind);
}
