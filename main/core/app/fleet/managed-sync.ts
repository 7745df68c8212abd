import type { Clock } from '../../clock';
import type { Logger } from '../../log';

/** How often the app syncs a managed library to its profile while connected. */
export const defaultProfileSyncMs = 60 * 60_000;

/**
 * Runs `sync` now and then every `intervalMs` until stopped; one run at a time, a failing run
 * logged and retried at the next turn (the status report says why it failed). A run's signal
 * aborts when it reaches the next turn or the loop stops, so a download that cannot finish
 * (offline, account changed) never holds the loop.
 */
export function startManagedSync(deps: {
  sync: (signal: AbortSignal) => Promise<void>;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
}): { stop(): Promise<void> } {
  const abort = new AbortController();
  const loop = (async () => {
    while (!abort.signal.aborted) {
      const run = new AbortController();
      const endRun = () => run.abort();
      abort.signal.addEventListener('abort', endRun, { once: true });
      // The turn's timer: it ends the run's wait for downloads, then the next run starts.
      const turn = deps.clock.sleep(deps.intervalMs, run.signal).then(endRun, () => {});
      await deps.sync(run.signal).catch((error: unknown) => {
        deps.logger.warn('the managed profile sync failed', { error: String(error) });
      });
      await turn;
      abort.signal.removeEventListener('abort', endRun);
    }
  })();
  return {
    stop: async () => {
      abort.abort();
      await loop;
    },
  };
}
