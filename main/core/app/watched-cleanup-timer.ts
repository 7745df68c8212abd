import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { LibrarySession } from './library-session';
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
  const stop = new AbortController();
  void (async () => {
    while (!stop.signal.aborted) {
      try {
        const removed = await cleanUpWatched(session, clock.now());
        if (removed.length > 0) {
          logger.info('watched videos cleaned up', { count: removed.length });
          onRemoved();
        }
      } catch (error) {
        logger.warn('watched clean-up failed', { error });
      }
      await clock.sleep(cleanupEveryMs, stop.signal).catch(() => {});
    }
  })();
  return () => stop.abort();
}
