import type { Clock } from '../clock';

/**
 * Calls `run` now and then once every `intervalMs` until stopped, one run at a time. A turn
 * counts from the start of a run; the run's signal aborts when the next turn comes or the loop
 * stops, so a run that cannot finish never holds the loop. A failing run goes to `onFailure`
 * and the next turn comes as usual. `stop` waits for the run in flight.
 */
export function repeatEvery(
  clock: Clock,
  intervalMs: number,
  run: (signal: AbortSignal) => Promise<void>,
  onFailure: (error: unknown) => void,
): { stop(): Promise<void> } {
  const abort = new AbortController();
  const loop = (async () => {
    while (!abort.signal.aborted) {
      const turn = new AbortController();
      const endTurn = () => turn.abort();
      abort.signal.addEventListener('abort', endTurn, { once: true });
      // The turn's timer: it ends the run's wait (for downloads, say), then the next run starts.
      const next = clock.sleep(intervalMs, turn.signal).then(endTurn, () => {});
      await run(turn.signal).catch(onFailure);
      await next;
      abort.signal.removeEventListener('abort', endTurn);
    }
  })();
  return {
    stop: async () => {
      abort.abort();
      await loop;
    },
  };
}
