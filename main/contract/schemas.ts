import { z } from 'zod';
import { DownloadWindow, KioskSchedule } from './schedule';

/**
 * The shapes that cross between the main process (or the browser-mode server) and the renderer.
 * Nothing here may carry a file path, an API token or a remote URL the renderer could navigate
 * to: media is named by opaque ids that only the main side resolves inside the library.
 */

export const VideoUid = z.string().regex(/^[0-9a-f]{32}$/);
export const DownloadKind = z.enum(['default', 'audio']);
export type DownloadKind = z.infer<typeof DownloadKind>;

/** Opaque handle of one file in the library (`<uid>.<role>[.<lang>]`), resolved by main only. */
export const MediaId = z
  .string()
  .regex(/^[0-9a-f]{32}\.(default|audio|thumbnail|caption\.[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/);
export type MediaId = z.infer<typeof MediaId>;

export const Problem = z.object({
  code: z.string(),
  message: z.string(),
  action: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

export const JobState = z.enum([
  'queued',
  'requesting',
  'preparing',
  'downloading',
  'verifying',
  'complete',
  'waiting',
  'paused',
  'failed',
  'removed',
]);
export type JobState = z.infer<typeof JobState>;

export const JobView = z.object({
  uid: VideoUid,
  kind: DownloadKind,
  state: JobState,
  bytesDone: z.number(),
  bytesTotal: z.number().nullable(),
  percentPrepared: z.number().nullable(),
  nextAttemptAt: z.number().nullable(),
  problem: Problem.nullable(),
});
export type JobView = z.infer<typeof JobView>;

export const CatalogueFilter = z.enum(['all', 'offline', 'downloading']);
export const CatalogueSort = z.enum(['newest', 'name', 'size']);

export const CatalogueQuery = z.object({
  search: z.string().max(200).optional(),
  filter: CatalogueFilter.default('all'),
  sort: CatalogueSort.default('newest'),
  limit: z.number().int().min(1).max(500).default(60),
  cursor: z.string().max(500).optional(),
});
export type CatalogueQuery = z.input<typeof CatalogueQuery>;

export const CatalogueCard = z.object({
  uid: VideoUid,
  name: z.string(),
  created: z.string(),
  duration: z.number(),
  size: z.number(),
  /** Ready to stream on Cloudflare (so it can be downloaded). */
  ready: z.boolean(),
  /** Cloudflare failed to process it: it will never be downloadable. */
  errored: z.boolean(),
  private: z.boolean(),
  offline: z.boolean(),
  /** Bytes of all its files present on this device (video, audio, thumbnail, captions). */
  diskBytes: z.number(),
  /** Missing on disk: the index lists a file that is gone. */
  missing: z.boolean(),
  thumbnail: MediaId.nullable(),
  jobs: z.array(JobView),
  /** What the account said at the last re-check; unknown when never checked. */
  upstream: z.enum(['present', 'deleted', 'private', 'unknown']),
  /** ISO time Cloudflare will delete the video (its scheduledDeletion): the local expiry. */
  expiresAt: z.string().nullable(),
});
export type CatalogueCard = z.infer<typeof CatalogueCard>;

export const CataloguePage = z.object({
  items: z.array(CatalogueCard),
  nextCursor: z.string().nullable(),
  /** False when the list shows only the local library (no account, or no network). */
  remote: z.boolean(),
});
export type CataloguePage = z.infer<typeof CataloguePage>;

export const DownloadTarget = z.object({ uid: VideoUid, kind: DownloadKind.default('default') });
export type DownloadTarget = z.input<typeof DownloadTarget>;

export const AccountStatus = z.object({
  mode: z.enum(['none', 'account', 'demo']),
  accountId: z.string().nullable(),
  /** Why a stored token cannot be used, e.g. no secure storage on this system. */
  problem: Problem.nullable(),
});
export type AccountStatus = z.infer<typeof AccountStatus>;

export const ConnectAccount = z.object({
  accountId: z.string().regex(/^[0-9a-f]{32}$/, 'An account id is 32 lowercase hex characters.'),
  apiToken: z.string().min(20).max(200),
});

export const SaveLink = z.object({
  url: z.string().url().max(4000),
  name: z.string().min(1).max(200).optional(),
});

export const PlaybackSource = z.object({
  video: MediaId,
  captions: z.array(z.object({ language: z.string(), label: z.string(), track: MediaId })),
  position: z.number().nonnegative().nullable(),
  name: z.string(),
});
export type PlaybackSource = z.infer<typeof PlaybackSource>;

export const SavePosition = z.object({
  uid: VideoUid,
  seconds: z.number().nonnegative(),
  duration: z.number().nonnegative(),
});

export const Theme = z.enum(['system', 'light', 'dark']);
/** The renderer's language: 'system' follows the OS (or the browser's languages). */
export const LocaleSetting = z.enum(['system', 'en', 'de', 'es', 'ja', 'ar']);
export type LocaleSetting = z.infer<typeof LocaleSetting>;

/** http(s)://host:port or socks5://host:port, without credentials (they have their own fields). */
export const ProxyUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((text) => {
    try {
      const url = new URL(text.includes('://') ? text : `http://${text}`);
      const schemes = ['http:', 'https:', 'socks:', 'socks4:', 'socks4a:', 'socks5:', 'socks5h:'];
      return (
        schemes.includes(url.protocol) && url.hostname !== '' && !url.username && !url.password
      );
    } catch {
      return false;
    }
  }, 'A proxy is http://host:port, https://host:port or socks5://host:port, with the user name and password in their own fields.');

/** How downloads and API calls reach the internet. The password is never read back. */
export const ProxySettings = z.object({
  /** system: the OS settings (PAC, WPAD) in the app, HTTPS_PROXY/NO_PROXY on the command line. */
  mode: z.enum(['system', 'none', 'manual']),
  url: ProxyUrl.nullable(),
  username: z.string().max(256).nullable(),
  passwordSet: z.boolean(),
});
export type ProxySettings = z.infer<typeof ProxySettings>;

export const ProxyPatch = z.object({
  mode: ProxySettings.shape.mode,
  url: ProxyUrl.nullable().optional(),
  username: z.string().trim().max(256).nullable().optional(),
  /** null forgets the stored password; undefined keeps it. */
  password: z.string().max(1024).nullable().optional(),
});

export const Settings = z.object({
  /** Where the library is, for display only (`~/…`, or `…/usb/Offstream`): no channel takes a path. */
  libraryLocation: z.string(),
  concurrency: z.number().int().min(1).max(8),
  /** Bytes per second for all downloads together; 0 = no cap. */
  bandwidthCap: z.number().int().min(0),
  /** Connections one download may use at once (segmented transfer); 1 = a single one. */
  connectionsPerDownload: z.number().int().min(1).max(16),
  theme: Theme,
  locale: LocaleSetting,
  kioskPlaylist: z.array(VideoUid),
  kioskPinSet: z.boolean(),
  /** The desktop app opens in kiosk mode at its next start, as with `--kiosk`. */
  kioskOnStart: z.boolean(),
  proxy: ProxySettings,
  /** Open the app when the person logs in (applied by the desktop app; stored by every shell). */
  startAtLogin: z.boolean(),
  /** Kiosk: time windows for the playlist; null = always play. */
  kioskSchedule: KioskSchedule.nullable(),
  /** Downloads only in time windows (or at another cap outside them); null = any time. */
  downloadWindow: DownloadWindow.nullable(),
  /** Bytes the library may take; null = no limit. */
  libraryLimitBytes: z.number().int().positive().nullable(),
  /** Free space downloads leave on the disk (at least 256 MiB). */
  freeSpaceFloorBytes: z
    .number()
    .int()
    .min(256 * 1024 * 1024),
  /** Remove a video this many days after it was watched to the end; null = off. */
  watchedCleanupDays: z.number().int().min(1).max(365).nullable(),
  /** What a saved video deleted from the account (or past its expiry) becomes here. */
  upstreamDeleted: z.enum(['keep', 'hide', 'remove']),
  /** Delete the MP4/M4A download on Cloudflare once it is saved here (account owners only). */
  deleteRemoteDownloads: z.boolean(),
  /** Settings IT's policy sets on this machine: shown "Set by your organisation", not editable. */
  locked: z.array(z.string().max(64)).max(64).optional(),
  /** What was wrong with the policy file (those fields were ignored). */
  policyProblems: z.array(z.string().max(500)).max(64).optional(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.object({
  concurrency: Settings.shape.concurrency.optional(),
  bandwidthCap: Settings.shape.bandwidthCap.optional(),
  connectionsPerDownload: Settings.shape.connectionsPerDownload.optional(),
  theme: Theme.optional(),
  locale: LocaleSetting.optional(),
  kioskPlaylist: Settings.shape.kioskPlaylist.optional(),
  kioskPin: z
    .string()
    .regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.')
    .nullable()
    .optional(),
  kioskOnStart: Settings.shape.kioskOnStart.optional(),
  proxy: ProxyPatch.optional(),
  startAtLogin: z.boolean().optional(),
  kioskSchedule: KioskSchedule.nullable().optional(),
  downloadWindow: DownloadWindow.nullable().optional(),
  libraryLimitBytes: Settings.shape.libraryLimitBytes.optional(),
  freeSpaceFloorBytes: Settings.shape.freeSpaceFloorBytes.optional(),
  watchedCleanupDays: Settings.shape.watchedCleanupDays.optional(),
  upstreamDeleted: Settings.shape.upstreamDeleted.optional(),
  deleteRemoteDownloads: Settings.shape.deleteRemoteDownloads.optional(),
  /** The PIN set now: needed to change or clear it, or to stop starting in kiosk mode. */
  currentPin: z.string().max(16).optional(),
});

export const StorageUsage = z.object({
  libraryBytes: z.number(),
  files: z.number(),
  freeBytes: z.number().nullable(),
});

export const VerifyReport = z.object({
  checked: z.number(),
  missing: z.array(z.object({ uid: VideoUid, name: z.string() })),
  corrupt: z.array(z.object({ uid: VideoUid, name: z.string() })),
});

export const TransferReport = z.object({ videos: z.number(), bytes: z.number() });

/** An import never replaces saved bytes unasked: the videos it left out, to offer "Replace them". */
export const ImportReport = TransferReport.extend({
  conflicts: z.array(z.object({ uid: VideoUid, name: z.string() })),
});

export const AppInfo = z.object({
  version: z.string(),
  transport: z.enum(['ipc', 'http']),
  platform: z.string(),
  kiosk: z.boolean(),
  /** The OS's preferred languages, best first (BCP 47); empty where the page asks its browser. */
  systemLanguages: z.array(z.string().max(64)).max(32).default([]),
});
