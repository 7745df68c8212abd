import type { Clock } from '../../clock';
import type { Logger } from '../../log';
import { repeatEvery } from '../repeat-every';

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
  return repeatEvery(deps.clock, deps.intervalMs, deps.sync, (error) => {
    deps.logger.warn('the managed profile sync failed', { error: String(error) });
  });
}
