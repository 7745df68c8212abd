import type { DownloadKind, Job } from '../../library/index';
import { appErrors } from '../errors';
import type { LibrarySession } from '../library-session';

/** One rendition of one video: what every download command is about. */
export interface Target {
  uid: string;
  kind: DownloadKind;
}

/** The target's job, or a coded refusal when there is none (or it was removed). */
export function existingJob(session: LibrarySession, { uid, kind }: Target): Job {
  const job = session.library.getJob(uid, kind);
  if (!job || job.state === 'removed') throw appErrors.jobNotFound(uid, kind);
  return job;
}
