import type { ParsedArgsOf, Settings } from '../../contract/index';
import type { LibraryIndex, SettingValue } from '../library/index';
import { lockedSettings, refuseLocked } from './fleet/enforce-policy';
import { isLocked, noPolicy, type Policy } from './fleet/policy';
import { checkKioskPin, requirePinForChange } from './kiosk-pin';
import type { LibrarySession } from './library-session';
import type { NetworkEnvironment } from './network';
import { hashPin } from './pin';
import { proxySettingsOf, saveProxySettings } from './proxy-settings';

export type SettingsPatch = ParsedArgsOf<'settings:set'>;

/** The settings as the core knows them: the library's real folder, which the renderer never gets. */
export type AppSettings = Omit<Settings, 'libraryLocation'> & { libraryFolder: string };

/**
 * `kioskOnStart` comes from the app config, which the shell reads before any library opens;
 * the policy's values were written into the library when it opened (enforcePolicy).
 */
export function readSettings(
  library: LibraryIndex,
  kioskOnStart: boolean,
  policy: Policy = noPolicy(),
): AppSettings {
  const locked = lockedSettings(policy);
  return {
    libraryFolder: library.folder,
    concurrency: library.getSetting('downloadConcurrency'),
    bandwidthCap: library.getSetting('bandwidthCap'),
    connectionsPerDownload: library.getSetting('connectionsPerDownload'),
    theme: library.getSetting('theme'),
    locale: library.getSetting('locale'),
    kioskPlaylist: library.getSetting('kioskPlaylist'),
    kioskPinSet: library.getSetting('kioskPinHash') !== null,
    kioskOnStart: policy.values.kioskOnStart ?? kioskOnStart,
    proxy: proxySettingsOf(library),
    startAtLogin: library.getSetting('startAtLogin'),
    kioskSchedule: library.getSetting('kioskSchedule'),
    downloadWindow: library.getSetting('downloadWindow'),
    libraryLimitBytes: library.getSetting('libraryLimitBytes'),
    freeSpaceFloorBytes: library.getSetting('freeSpaceFloorBytes'),
    watchedCleanupDays: library.getSetting('watchedCleanupDays'),
    upstreamDeleted: library.getSetting('upstreamDeleted'),
    deleteRemoteDownloads: library.getSetting('deleteRemoteDownloads'),
    ...(locked.length > 0 ? { locked } : {}),
    ...(policy.problems.length > 0 ? { policyProblems: policy.problems } : {}),
  };
}

/**
 * The one way a person changes settings, whichever shell they use: what the policy locks is
 * refused first, then what the kiosk PIN guards, then the proxy (its password goes to the
 * secret store) and the rest. Nothing is written when any check refuses.
 */
export async function changeSettings(
  session: LibrarySession,
  patch: SettingsPatch,
  context: {
    policy: Policy;
    network: NetworkEnvironment;
    now: number;
    /** What the shell does outside the library (start at login), once every check passed. */
    beforeWrite?: () => Promise<void>;
  },
): Promise<void> {
  refuseLocked(patch, context.policy);
  await requirePinForChange(session.library, patch, context.now);
  if (patch.proxy) await saveProxySettings(session, context.network, patch.proxy);
  await context.beforeWrite?.();
  await applySettings(session, patch);
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

/** What a managed profile sets (fleet/profile.ts); absent keys are left as they are. */
export interface ProfileSettings {
  kioskPlaylist?: SettingValue<'kioskPlaylist'>;
  kioskSchedule?: SettingValue<'kioskSchedule'>;
  downloadWindow?: SettingValue<'downloadWindow'>;
}

/**
 * Writes a profile's settings, but not over the policy: IT's lock outranks the profile (which
 * IT may not have written). Answers the settings left as the policy has them.
 */
export function applyProfileSettings(
  library: LibraryIndex,
  values: ProfileSettings,
  policy: Policy,
): string[] {
  const skipped = (Object.keys(values) as (keyof ProfileSettings)[]).filter(
    (key) => values[key] !== undefined && isLocked(policy, key),
  );
  const applies = (key: keyof ProfileSettings) => !skipped.includes(key);
  const { kioskPlaylist, kioskSchedule, downloadWindow } = values;
  library.transaction(() => {
    if (kioskPlaylist !== undefined && applies('kioskPlaylist')) {
      library.setSetting('kioskPlaylist', kioskPlaylist);
    }
    if (kioskSchedule !== undefined && applies('kioskSchedule')) {
      library.setSetting('kioskSchedule', kioskSchedule);
    }
    if (downloadWindow !== undefined && applies('downloadWindow')) {
      library.setSetting('downloadWindow', downloadWindow);
    }
  });
  return skipped;
}
