import { z } from 'zod';
import { DownloadWindow, TimeWindow } from '../schedule/windows';
import { AccountId, VideoUid } from '../stream/ids';

/** A window plays its own list or, without one, the kiosk playlist: never an empty list. */
const ownListTooShort =
  'a window’s own list needs a video (leave it out to play the kiosk playlist)';

/**
 * Every setting the library stores, with its shape and default. Values are validated on the
 * way in and on the way out (a value an older or newer app wrote falls back to the default).
 * The API token is never a setting: it lives in the OS secret store.
 */
export const settingsSchema = {
  /** The Cloudflare account the catalogue belongs to. */
  accountId: z.union([AccountId, z.null()]).default(null),
  /** Downloads running at the same time (the contract allows up to 8). */
  downloadConcurrency: z.number().int().min(1).max(8).default(2),
  /** Also save the audio-only M4A with every video. */
  saveAudio: z.boolean().default(false),
  /** Also save the caption tracks with every video. */
  saveCaptions: z.boolean().default(true),
  /** Kiosk: the looping playlist, in order. */
  kioskPlaylist: z.array(VideoUid).max(10_000).default([]),
  /** Bytes per second for all downloads together; 0 = no cap. */
  bandwidthCap: z.number().int().nonnegative().default(0),
  /** Connections one download may open to fetch parts of its file at once (1 = one). */
  connectionsPerDownload: z.number().int().min(1).max(16).default(4),
  /** The renderer's colour scheme. */
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** The renderer's language; 'system' follows the OS. */
  locale: z.enum(['system', 'en', 'de', 'es', 'ja', 'ar']).default('system'),
  /** Kiosk: scrypt hash and salt (hex) of the PIN that leaves kiosk mode; never the PIN itself. */
  kioskPinHash: z
    .union([
      z.object({
        hash: z.string().regex(/^[0-9a-f]{64}$/),
        salt: z.string().regex(/^[0-9a-f]{32}$/),
      }),
      z.null(),
    ])
    .default(null),
  /**
   * Kiosk: wrong PINs in a row and when the next try may be made (epoch ms). Kept here, not in
   * memory, so restarting the app does not reset the wait.
   */
  kioskPinAttempts: z
    .object({
      failures: z.number().int().nonnegative(),
      notBefore: z.number().int().nonnegative(),
    })
    .default({ failures: 0, notBefore: 0 }),
  /** How requests reach the internet; the proxy password lives in the secret store. */
  proxy: z
    .object({
      mode: z.enum(['system', 'none', 'manual']),
      url: z.string().max(2048).nullable(),
      username: z.string().max(256).nullable(),
      /** Whether a password was put in the secret store for this proxy. */
      passwordSaved: z.boolean().default(false),
    })
    .default({ mode: 'system', url: null, username: null, passwordSaved: false }),
  /**
   * Kiosk: when the playlist plays. Each window may play its own list (else the kiosk playlist);
   * outside every window the screen is black, shows a still of a saved video, or counts down to
   * the next window. null = always play.
   */
  kioskSchedule: z
    .union([
      z.object({
        windows: z
          .array(
            TimeWindow.extend({
              playlist: z.array(VideoUid).min(1, ownListTooShort).max(10_000).optional(),
            }),
          )
          .min(1)
          .max(50),
        outside: z.discriminatedUnion('show', [
          z.object({ show: z.literal('black') }),
          z.object({ show: z.literal('still'), uid: VideoUid }),
          z.object({ show: z.literal('countdown') }),
        ]),
      }),
      z.null(),
    ])
    .default(null),
  /** When downloads may run and at what cap; null = at any time, at `bandwidthCap`. */
  downloadWindow: z.union([DownloadWindow, z.null()]).default(null),
  /** Open the app when the person logs in to the computer. */
  startAtLogin: z.boolean().default(false),
  /**
   * What the watchdog restarted, newest last (kept to the last 200): the status report counts
   * them, and a person can see why the kiosk blinked.
   */
  restartLog: z
    .array(
      z.object({
        at: z.number().int().nonnegative(),
        what: z.enum(['renderer-crashed', 'renderer-frozen', 'video-stalled', 'app-relaunched']),
        detail: z.string().max(500),
      }),
    )
    .max(200)
    .default([]),
  /** Bytes the library may take (its files and the downloads under way); null = no limit. */
  libraryLimitBytes: z.union([z.number().int().positive(), z.null()]).default(null),
  /**
   * Free space downloads leave on the library's disk. 2 GiB by default: room for the system's
   * own temporary files and updates, and about one more HD video; never below 256 MiB.
   */
  freeSpaceFloorBytes: z
    .number()
    .int()
    .min(256 * 1024 * 1024)
    .default(2 * 1024 * 1024 * 1024),
  /** Remove a video this many days after it was watched to the end; null = never (off). */
  watchedCleanupDays: z.union([z.number().int().min(1).max(365), z.null()]).default(null),
  /**
   * What a saved video deleted from the account (or past its scheduledDeletion) becomes here:
   * kept and marked "Removed from your account", hidden from the library, or removed from disk.
   */
  upstreamDeleted: z.enum(['keep', 'hide', 'remove']).default('keep'),
  /**
   * Delete the MP4/M4A download resource on Cloudflare once its file is saved and verified
   * here (the video itself is never touched). Off by default; account owners only.
   */
  deleteRemoteDownloads: z.boolean().default(false),
  /** Epoch ms of the last re-check of the saved videos against the account; null = never. */
  upstreamCheckedAt: z.union([z.number().int().nonnegative(), z.null()]).default(null),
  /** Epoch ms of the last complete catalogue sync; null = never. */
  catalogueSyncedAt: z.union([z.number().int().nonnegative(), z.null()]).default(null),
} as const;

/**
 * A stored value as the schema reads it today. Kiosk windows stored with an empty own list
 * (accepted until lists needed a video) read as windows without one, which is how such a window
 * plays now, rather than failing whole and dropping the schedule to "always play".
 */
export function storedSetting(key: SettingKey, value: unknown): unknown {
  if (key !== 'kioskSchedule' || !isObject(value) || !Array.isArray(value.windows)) return value;
  const windows = value.windows.map((window: unknown) => {
    if (!isObject(window) || !Array.isArray(window.playlist) || window.playlist.length > 0) {
      return window;
    }
    const { playlist: _empty, ...times } = window;
    return times;
  });
  return { ...value, windows };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type SettingKey = keyof typeof settingsSchema;
export type SettingValue<K extends SettingKey> = z.output<(typeof settingsSchema)[K]>;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingsSchema, key);
}
