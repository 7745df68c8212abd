import type { AppUpdater, ProgressInfo, UpdateDownloadedEvent, UpdateInfo } from 'electron-updater';
import type { UpdateErrorCode, UpdaterPort } from '../core/app/updates/index';
import type { Logger } from '../core/log';

/**
 * The codes electron-updater gives a file it refuses: its SHA-512 differs from the one in
 * latest*.yml, or (Windows) the installer is not signed by the publisher the app was built
 * with. macOS's Squirrel refuses an update not signed like the running app by itself.
 */
const refusedFileCodes = new Set(['ERR_CHECKSUM_MISMATCH', 'ERR_UPDATER_INVALID_SIGNATURE']);

export function updateErrorCode(error: unknown): UpdateErrorCode {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && refusedFileCodes.has(code)
    ? 'update_tampered'
    : 'update_failed';
}

/**
 * electron-updater behind the core's UpdaterPort. The core decides when to check, download and
 * install, so the updater's own automatic download and install-on-quit start switched off.
 * `feedUrl` (the policy's updateUrl) replaces the folder built into app-update.yml: a mirror
 * laid out as electron-builder publishes to a generic provider.
 */
export function electronUpdaterPort(
  updater: AppUpdater,
  logger: Logger,
  feedUrl?: string,
): UpdaterPort {
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  if (feedUrl !== undefined) updater.setFeedURL({ provider: 'generic', url: feedUrl });
  updater.logger = {
    info: (message?: unknown) => logger.debug('updater', { detail: String(message) }),
    warn: (message?: unknown) => logger.warn('updater', { detail: String(message) }),
    error: (message?: unknown) => logger.warn('updater', { detail: String(message) }),
    debug: (message: string) => logger.debug('updater', { detail: message }),
  };
  return {
    check: async () => {
      await updater.checkForUpdates();
    },
    download: async () => {
      await updater.downloadUpdate();
    },
    installNow: () => updater.quitAndInstall(),
    installOnQuit: (on) => {
      updater.autoInstallOnAppQuit = on;
    },
    onEvent: (listener) => {
      updater.on('checking-for-update', () => listener({ type: 'checking' }));
      updater.on('update-available', (info: UpdateInfo) =>
        listener({ type: 'available', version: info.version }),
      );
      updater.on('update-not-available', () => listener({ type: 'not-available' }));
      updater.on('download-progress', (progress: ProgressInfo) =>
        listener({ type: 'progress', percent: Math.min(100, Math.max(0, progress.percent)) }),
      );
      updater.on('update-downloaded', (event: UpdateDownloadedEvent) =>
        listener({ type: 'downloaded', version: event.version }),
      );
      updater.on('error', (error: Error) =>
        listener({ type: 'error', code: updateErrorCode(error), message: error.message }),
      );
    },
  };
}
