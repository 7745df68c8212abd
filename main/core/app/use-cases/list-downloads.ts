import type { Job } from '../../library/index';
import type { LibrarySession } from '../library-session';
import type { Target } from './target';

/** Every download the library knows, removed ones aside. */
export function listDownloads(session: LibrarySession): Job[] {
  return session.library.listJobs().filter((job) => job.state !== 'removed');
}

const roomCodes: readonly (string | null)[] = ['storage_floor', 'library_limit'];

/**
 * Resolves once each target's job has stopped moving (complete, failed or paused). With
 * `pauseWaitsForRoom` (a command line that must end), a target that waits for room is paused
 * with its reason kept instead of waiting on: resuming it later continues from its bytes.
 */
export async function downloadsSettled(
  session: LibrarySession,
  targets: readonly Target[],
  options: { pauseWaitsForRoom?: boolean } = {},
): Promise<Job[]> {
  if (!options.pauseWaitsForRoom) return session.queue.settled(targets);
  const { queue } = session;
  const wanted = (job: Job) => targets.some((t) => t.uid === job.uid && t.kind === job.kind);
  const pauseIfWaitingForRoom = (job: Job) => {
    if (wanted(job) && job.state === 'waiting' && roomCodes.includes(job.errorCode)) {
      queue.pause(job.uid, job.kind);
    }
  };
  queue.events.on('job', pauseIfWaitingForRoom);
  try {
    for (const job of session.library.listJobs({ states: ['waiting'] })) pauseIfWaitingForRoom(job);
    return await queue.settled(targets);
  } finally {
    queue.events.off('job', pauseIfWaitingForRoom);
  }
}
