import type { App } from 'electron';
import type { RestartKind } from '../core/app/restart-log';
import { type GoneDetails, RendererWatchdog } from '../core/app/watchdog';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';

/** The parts of a BrowserWindow the watchdog listens to and acts on. */
export interface WatchedWindow {
  on(event: 'unresponsive' | 'responsive' | 'closed', listener: () => void): unknown;
  isDestroyed(): boolean;
  webContents: {
    on(
      event: 'render-process-gone',
      listener: (event: unknown, details: GoneDetails) => void,
    ): unknown;
    reload(): void;
    forcefullyCrashRenderer(): void;
  };
}

export interface WatchRendererDeps {
  clock: Clock;
  record(what: RestartKind, detail: string): void;
  giveUp(detail: string): void;
}

/**
 * Forwards a window's crash and hang events to the core watchdog and carries out its reloads.
 * A hung renderer is killed first: reload() alone waits on the very page that no longer answers.
 */
export function watchRenderer(window: WatchedWindow, deps: WatchRendererDeps): RendererWatchdog {
  const watchdog = new RendererWatchdog({
    clock: deps.clock,
    record: deps.record,
    giveUp: deps.giveUp,
    reload: (how) => {
      if (window.isDestroyed()) return;
      if (how === 'frozen') window.webContents.forcefullyCrashRenderer();
      window.webContents.reload();
    },
  });
  window.webContents.on('render-process-gone', (_event, details) => watchdog.gone(details));
  window.on('unresponsive', () => watchdog.unresponsive());
  window.on('responsive', () => watchdog.responsive());
  window.on('closed', () => watchdog.stop());
  return watchdog;
}

export interface FatalErrorDeps {
  app: Pick<App, 'relaunch' | 'exit'>;
  process: Pick<NodeJS.Process, 'on'>;
  logger: Logger;
  /** Records the relaunch and answers whether the budget allows it (false without a library). */
  claimRelaunch(detail: string): boolean;
}

/**
 * A main process that throws where nothing catches is in an unknown state: it starts over as a
 * new process (app.relaunch + exit), unless it already did so too often lately, in which case it
 * exits with an error and leaves the decision to the service manager or the person. Chosen over
 * relying on a service manager alone because a kiosk usually runs in a desktop session started
 * at login, where no service manager watches the app.
 */
export function relaunchOnFatalError(deps: FatalErrorDeps): void {
  deps.process.on('uncaughtException', (error: Error) => {
    const detail = `main process: ${error.message}`;
    deps.logger.error('fatal error in the main process', { error: String(error) });
    let relaunch = false;
    try {
      relaunch = deps.claimRelaunch(detail);
    } catch (recordError) {
      deps.logger.error('the relaunch could not be recorded', { error: String(recordError) });
    }
    if (relaunch) deps.app.relaunch();
    else deps.logger.error('not relaunching: too many relaunches lately, or no library');
    deps.app.exit(1);
  });
}
