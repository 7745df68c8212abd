import { z } from 'zod';
import { KioskNow } from './schedule';
import {
  AccountStatus,
  AppInfo,
  CataloguePage,
  CatalogueQuery,
  ConnectAccount,
  DownloadTarget,
  ImportReport,
  JobView,
  PlaybackSource,
  Problem,
  SaveLink,
  SavePosition,
  Settings,
  SettingsPatch,
  StorageUsage,
  TransferReport,
  VerifyReport,
  VideoUid,
} from './schemas';
import { RoomOffer, RoomOfferArgs, TripPlan, TripPlanArgs } from './storage-schemas';
import { UpdatePreferencesPatch, UpdateReport } from './updates';

const none = z.object({}).strict().default({});
const count = z.object({ count: z.number().int() });
const done = z.object({ done: z.literal(true) });

/**
 * Every call the renderer can make: its name, the schema of its argument and of its result.
 * Main parses the argument before any handler runs; the renderer parses the result.
 */
export const channels = {
  'account:status': { args: none, result: AccountStatus },
  'account:connect': { args: ConnectAccount, result: AccountStatus },
  'account:disconnect': { args: none, result: AccountStatus },
  'account:demo': { args: none, result: AccountStatus },
  'catalogue:list': { args: CatalogueQuery, result: CataloguePage },
  'catalogue:refresh': { args: none, result: count },
  'downloads:list': { args: none, result: z.array(JobView) },
  'download:start': { args: DownloadTarget, result: JobView },
  'download:link': { args: SaveLink, result: JobView },
  'download:pause': { args: DownloadTarget, result: JobView },
  'download:resume': { args: DownloadTarget, result: JobView },
  'download:cancel': { args: DownloadTarget, result: JobView },
  'download:retry': { args: DownloadTarget, result: JobView },
  'download:pause-all': { args: none, result: count },
  'download:resume-all': { args: none, result: count },
  'library:remove': { args: z.object({ uid: VideoUid }), result: done },
  'library:verify': { args: none, result: VerifyReport },
  'library:export': { args: none, result: TransferReport },
  /** `replace`: the person chose to replace the saved copies a previous import left out. */
  'library:import': {
    args: z.object({ replace: z.boolean().optional() }).strict().default({}),
    result: ImportReport,
  },
  'library:storage': { args: none, result: StorageUsage },
  /** "Make room": the storage lines and the saved videos that may go. */
  'storage:room': { args: RoomOfferArgs, result: RoomOffer },
  /** The trip planner: what will be ready by a time; `start` queues it in the plan's order. */
  'plan:trip': { args: TripPlanArgs, result: TripPlan },
  'playback:source': { args: z.object({ uid: VideoUid }), result: PlaybackSource },
  'playback:save-position': { args: SavePosition, result: done },
  'settings:get': { args: none, result: Settings },
  'settings:set': { args: SettingsPatch, result: Settings },
  'settings:move-library': { args: none, result: Settings },
  'kiosk:unlock': {
    args: z.object({ pin: z.string().max(16) }),
    result: z.object({ ok: z.boolean() }),
  },
  /** Kiosk: what to show now under the schedule, and when to ask again. */
  'kiosk:now': { args: none, result: KioskNow },
  /** Kiosk: the player skipped a video that stood still; the watchdog records why. */
  'kiosk:video-stalled': {
    args: z.object({ uid: VideoUid, seconds: z.number().nonnegative().max(1e7) }).strict(),
    result: done,
  },
  'app:info': { args: none, result: AppInfo },
  'updates:status': { args: none, result: UpdateReport },
  'updates:check': { args: none, result: UpdateReport },
  'updates:restart': { args: none, result: UpdateReport },
  'updates:set': { args: UpdatePreferencesPatch, result: UpdateReport },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export type Channel = keyof typeof channels;
export const channelNames = Object.keys(channels) as Channel[];
export type ArgsOf<C extends Channel> = z.input<(typeof channels)[C]['args']>;
export type ParsedArgsOf<C extends Channel> = z.output<(typeof channels)[C]['args']>;
export type ResultOf<C extends Channel> = z.output<(typeof channels)[C]['result']>;

/** What every call answers: a value, or a problem a person can act on. Never a thrown stack. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Problem };

export function outcomeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: Problem }),
  ]);
}

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(channels, name);
}
