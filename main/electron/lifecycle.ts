import type { App } from 'electron';
import type { Logger } from '../core/log';

/**
 * Holds the quit until the backend has closed (queue stopped, part files flushed, SQLite
 * closed), then lets it through. A close that fails is logged and the app quits anyway.
 */
export function closeBeforeQuit(
  app: Pick<App, 'on' | 'quit'>,
  close: () => Promise<void>,
  logger: Logger,
): void {
  let stage: 'running' | 'closing' | 'closed' = 'running';
  app.on('will-quit', (event) => {
    if (stage === 'closed') return;
    event.preventDefault();
    if (stage === 'closing') return;
    stage = 'closing';
    close()
      .catch((error: unknown) => logger.error('closing the app failed', { error: String(error) }))
      .finally(() => {
        stage = 'closed';
        app.quit();
      });
  });
}
