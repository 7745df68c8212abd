import type { ParsedArgsOf, Settings } from '../../contract/index';
import type { LibraryIndex } from '../library/index';
import { checkKioskPin } from './kiosk-pin';
import type { LibrarySession } from './library-session';
import { hashPin } from './pin';
import { proxySettingsOf } from './proxy-settings';

export type SettingsPatch = ParsedArgsOf<'settings:set'>;

/** The settings as the core knows them: the library's real folder, which the renderer never gets. */
export type AppSettings = Omit<Settings, 'libraryLocation'> & { libraryFolder: string };

/** `kioskOnStart` comes from the app config, which the shell reads before any library opens. */
export function readSettings(library: LibraryIndex, kioskOnStart: boolean): AppSettings {
  return {
    libraryFolder: library.folder,
    concurrency: library.getSetting('downloadConcurrency'),
    bandwidthCap: library.getSetting('bandwidthCap'),
    connectionsPerDownload: library.getSetting('connectionsPerDownload'),
    theme: library.getSetting('theme'),
    locale: library.getSetting('locale'),
    kioskPlaylist: library.getSetting('kioskPlaylist'),
    kioskPinSet: library.getSetting('kioskPinHash') !== null,
    kioskOnStart,
    proxy: proxySettingsOf(library),
    startAtLogin: library.getSetting('startAtLogin'),
    kioskSchedule: library.getSetting('kioskSchedule'),
    downloadWindow: library.getSetting('downloadWindow'),
    libraryLimitBytes: library.getSetting('libraryLimitBytes'),
    freeSpaceFloorBytes: library.getSetting('freeSpaceFloorBytes'),
    watchedCleanupDays: library.getSetting('watchedCleanupDays'),
    upstreamDeleted: library.getSetting('upstreamDeleted'),
    deleteRemoteDownloads: library.getSetting('deleteRemoteDownloads'),
  };
}

/**
 * Stores the library's part of the patch and applies what runs live (concurrency, bandwidth)
 * at once; `kioskOnStart` belongs to the app config, which OffstreamApp saves.
 */
export async function applySettings(session: LibrarySession, patch: SettingsPatch): Promise<void> {
  const { library } = session;
  const pinHash =
    patch.kioskPin === undefined
      ? undefined
      : patch.kioskPin === null
        ? null
        : await hashPin(patch.kioskPin);
  library.transaction(() => {
    if (patch.concurrency !== undefined)
      library.setSetting('downloadConcurrency', patch.concurrency);
    if (patch.bandwidthCap !== undefined) library.setSetting('bandwidthCap', patch.bandwidthCap);
    if (patch.connectionsPerDownload !== undefined) {
      library.setSetting('connectionsPerDownload', patch.connectionsPerDownload);
    }
    if (patch.theme !== undefined) library.setSetting('theme', patch.theme);
    if (patch.locale !== undefined) library.setSetting('locale', patch.locale);
    if (patch.kioskPlaylist !== undefined) library.setSetting('kioskPlaylist', patch.kioskPlaylist);
    if (pinHash !== undefined) library.setSetting('kioskPinHash', pinHash);
    if (patch.kioskSchedule !== undefined) library.setSetting('kioskSchedule', patch.kioskSchedule);
    if (patch.downloadWindow !== undefined) {
      library.setSetting('downloadWindow', patch.downloadWindow);
    }
    if (patch.libraryLimitBytes !== undefined) {
      library.setSetting('libraryLimitBytes', patch.libraryLimitBytes);
    }
    if (patch.freeSpaceFloorBytes !== undefined) {
      library.setSetting('freeSpaceFloorBytes', patch.freeSpaceFloorBytes);
    }
    if (patch.watchedCleanupDays !== undefined) {
      library.setSetting('watchedCleanupDays', patch.watchedCleanupDays);
    }
    if (patch.upstreamDeleted !== undefined) {
      library.setSetting('upstreamDeleted', patch.upstreamDeleted);
    }
    if (patch.deleteRemoteDownloads !== undefined) {
      library.setSetting('deleteRemoteDownloads', patch.deleteRemoteDownloads);
    }
  });
  // A raised limit or a lower floor may be the room a waiting download needs.
  if (patch.libraryLimitBytes !== undefined || patch.freeSpaceFloorBytes !== undefined) {
    session.queue.roomMade();
  }
  if (patch.concurrency !== undefined) session.queue.setConcurrency(patch.concurrency);
  // The window decides the cap of the moment: inside, outside, or the plain cap without one.
  if (patch.bandwidthCap !== undefined || patch.downloadWindow !== undefined) {
    session.applyDownloadWindow();
  }
  if (patch.connectionsPerDownload !== undefined) {
    session.connections.setPerDownload(patch.connectionsPerDownload);
  }
}

/** A kiosk without a PIN has nothing to protect, so it unlocks; wrong PINs back off. */
export function unlockKiosk(
  library: LibraryIndex,
  pin: string,
  now = Date.now(),
): Promise<boolean> {
  return checkKioskPin(library, pin, now);
}
