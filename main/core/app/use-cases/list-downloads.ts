import type { Job } from '../../library/index';
import type { LibrarySession } from '../library-session';
import type { Target } from './target';

/** Every download the library knows, removed ones aside. */
export function listDownloads(session: LibrarySession): Job[] {
  return session.library.listJobs().filter((job) => job.state !== 'removed');
}

/** Resolves once each target's job has stopped moving (complete, failed or paused). */
export function downloadsSettled(
  session: LibrarySession,
  targets: readonly Target[],
): Promise<Job[]> {
  return session.queue.settled(targets);
}
