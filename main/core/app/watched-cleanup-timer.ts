import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { LibrarySession } from './library-session';
import { repeatEvery } from './repeat-every';
import { cleanUpWatched } from './use-cases/clean-up-watched';

/** Days are the setting's unit: looking once an hour removes a video within the hour it falls due. */
export const cleanupEveryMs = 60 * 60 * 1000;

/**
 * Runs the automatic clean-up now and then every hour until stopped (the app's sessions only:
 * a command line run removes nothing it was not asked to). Returns the stop function.
 */
export function startWatchedCleanup(
  session: LibrarySession,
  clock: Clock,
  logger: Logger,
  onRemoved: () => void,
): () => void {
  const cleanUp = async () => {
    const removed = await cleanUpWatched(session, clock.now());
    if (removed.length === 0) return;
    logger.info('watched videos cleaned up', { count: removed.length });
    onRemoved();
  };
  const loop = repeatEvery(clock, cleanupEveryMs, cleanUp, (error) => {
    logger.warn('watched clean-up failed', { error });
  });
  return () => void loop.stop();
}
