import type { DownloadKind, JobPatch, LibraryIndex } from '../library/index';
import { type JobEvent, type JobMove, transition } from './job-lifecycle';

/**
 * Decides a job's move with the lifecycle and has the library persist it (with `patch`, the
 * event's own data), compare-and-set on the state it was decided from. Undefined when the event
 * cannot happen where the job is, or another actor moved the job first.
 */
export function applyJobEvent(
  library: Pick<LibraryIndex, 'getJob' | 'transitionJob'>,
  uid: string,
  kind: DownloadKind,
  event: JobEvent,
  patch: JobPatch = {},
): JobMove | undefined {
  const job = library.getJob(uid, kind);
  if (!job) return undefined;
  const move = transition(job, event);
  if (!move) return undefined;
  const persisted = library.transitionJob(uid, kind, [job.state], move.to, {
    ...move.fields,
    ...patch,
  });
  return persisted ? move : undefined;
}
