/**
 * The trip planner's estimate (issue #14): given the videos asked for, the rates seen so far and
 * the room left, which will be ready by a time, which only as audio, and in what order to fetch
 * them. Pure: every figure, the clock included, comes in as an argument.
 */

export type TripKind = 'default' | 'audio';

export interface TripVideo {
  uid: string;
  name: string;
  /** Seconds of video; null when Cloudflare has not said. */
  durationSeconds: number | null;
  /** The MP4's exact length when known (a job that reached its file); else estimated. */
  mp4Bytes: number | null;
  /** The M4A's exact length when known; else estimated. */
  audioBytes: number | null;
  /** Bytes of the MP4 already on disk (a download under way). */
  heldBytes: number;
  /** Cloudflare already has the MP4 ready: no preparation to wait for. */
  prepared: boolean;
  /** Already saved here: nothing to do. */
  saved: boolean;
}

export interface TripRates {
  /** Milliseconds Cloudflare takes to prepare one second of video. */
  prepareMsPerVideoSecond: number;
  /** Bytes per second all transfers together get over the link. */
  linkBytesPerSecond: number;
  /** Bytes of MP4 per second of video, for videos whose size is not known yet. */
  mp4BytesPerVideoSecond: number;
  /** The same for the audio-only M4A. */
  audioBytesPerVideoSecond: number;
  /** Where the rates came from: measured on this library, or the defaults. */
  measured: { prepare: boolean; link: boolean; bitrate: boolean };
}

export interface TripInput {
  videos: readonly TripVideo[];
  now: number;
  readyBy: number;
  rates: TripRates;
  /** Bytes downloads may still take on disk (free space above the floor, under the size limit); null = unknown. */
  roomBytes: number | null;
}

export type TripVerdict =
  /** Expected before `readyBy`, even at the far end of the error band. */
  | 'ready'
  /** Expected before `readyBy`, but the error band reaches past it. */
  | 'at_risk'
  /** The MP4 will not be ready in time (or not fit); the audio-only M4A will. */
  | 'audio_instead'
  /** Neither will be ready in time. */
  | 'late'
  /** Neither fits in the room left. */
  | 'no_room'
  | 'saved';

export interface TripItem {
  uid: string;
  name: string;
  /** What to fetch; null when nothing (saved, or no room for it). */
  kind: TripKind | null;
  bytes: number;
  /** The size is an estimate from duration × bitrate, not Cloudflare's figure. */
  bytesEstimated: boolean;
  preparedAt: number;
  finishAt: number | null;
  verdict: TripVerdict;
}

export interface TripPlan {
  now: number;
  readyBy: number;
  /** Queue order: the most likely to finish first; late and unfit ones at the end. */
  items: TripItem[];
  /** When the last item expected in time finishes; null when none is. */
  finishAt: number | null;
  /** The stated error of each finish time: ± this fraction of the time from now. */
  errorFraction: number;
  /** The smallest error band stated, in ms (polling and request round trips). */
  errorFloorMs: number;
  rates: TripRates;
}

/** Measured rates still vary by this much; a default is a guess, worth half again. */
const measuredError = 0.25;
const defaultError = 0.5;
/**
 * Cloudflare is polled with a backoff that starts at 2 s and doubles: a file that becomes ready
 * between two polls is seen up to one interval late, whatever the rates say.
 */
const errorFloorMs = 10_000;

interface Choice {
  video: TripVideo;
  kind: TripKind;
  bytes: number;
  estimated: boolean;
  preparedAt: number;
}

/** The band of an estimated finish: finishes later than this may be called late. */
export function errorBand(
  plan: Pick<TripPlan, 'now' | 'errorFraction' | 'errorFloorMs'>,
  at: number,
) {
  return Math.max(plan.errorFloorMs, (at - plan.now) * plan.errorFraction);
}

/** The band of an item's estimated finish in whole milliseconds, or null when it will not run. */
export function itemErrorMs(plan: TripPlan, item: Pick<TripItem, 'finishAt'>): number | null {
  return item.finishAt === null ? null : Math.round(errorBand(plan, item.finishAt));
}

export function planTrip(input: TripInput): TripPlan {
  const { rates } = input;
  const allMeasured = rates.measured.prepare && rates.measured.link && rates.measured.bitrate;
  const errorFraction = allMeasured ? measuredError : defaultError;
  const pending = input.videos.filter((v) => !v.saved);
  const kinds = new Map<string, TripKind | null>(pending.map((v) => [v.uid, 'default']));
  // Each round demotes the first video that misses the time or the room (MP4 → M4A → left for
  // after the trip), then runs the schedule again: what remains all makes it.
  const unfit = new Set<string>();
  let schedule = runSchedule(input, choices(input, kinds));
  for (let round = 0; round < 2 * pending.length; round += 1) {
    const miss = schedule.find((s) => s.finishAt > input.readyBy || !s.fits);
    if (!miss) break;
    kinds.set(miss.choice.video.uid, miss.choice.kind === 'default' ? 'audio' : null);
    if (!miss.fits) unfit.add(miss.choice.video.uid);
    schedule = runSchedule(input, choices(input, kinds));
  }
  const items = [
    ...schedule.map((s) => itemOf(s, input, errorFraction)),
    ...pending
      .filter((v) => kinds.get(v.uid) === null)
      .map((v) => dropped(input, v, unfit.has(v.uid))),
    ...input.videos.filter((v) => v.saved).map(savedItem),
  ];
  const inTime = items.filter((i) => i.finishAt !== null && i.finishAt <= input.readyBy);
  return {
    now: input.now,
    readyBy: input.readyBy,
    items,
    finishAt: inTime.length > 0 ? Math.max(...inTime.map((i) => i.finishAt ?? 0)) : null,
    errorFraction,
    errorFloorMs,
    rates,
  };
}

function choices(input: TripInput, kinds: Map<string, TripKind | null>): Choice[] {
  return input.videos.flatMap((video) => {
    const kind = kinds.get(video.uid);
    return kind ? [choose(input, video, kind)] : [];
  });
}

function choose(input: TripInput, video: TripVideo, kind: TripKind): Choice {
  const { rates } = input;
  const seconds = video.durationSeconds ?? 0;
  const known = kind === 'default' ? video.mp4Bytes : video.audioBytes;
  const perSecond =
    kind === 'default' ? rates.mp4BytesPerVideoSecond : rates.audioBytesPerVideoSecond;
  const bytes = known ?? Math.round(seconds * perSecond);
  const held = kind === 'default' ? Math.min(video.heldBytes, bytes) : 0;
  const ready = kind === 'default' && video.prepared;
  return {
    video,
    kind,
    bytes: bytes - held,
    estimated: known === null,
    preparedAt: input.now + (ready ? 0 : Math.round(seconds * rates.prepareMsPerVideoSecond)),
  };
}

interface Scheduled {
  choice: Choice;
  finishAt: number;
  fits: boolean;
}

/**
 * Cloudflare prepares every file at once; the link carries one file's bytes after another. The
 * queue order is by the finish each would have alone; at each moment the link takes the first
 * in that order whose file is ready.
 */
function runSchedule(input: TripInput, list: Choice[]): Scheduled[] {
  const rate = Math.max(1, input.rates.linkBytesPerSecond);
  const transferMs = (c: Choice) => (c.bytes / rate) * 1000;
  const order = [...list].sort(
    (a, b) => a.preparedAt + transferMs(a) - (b.preparedAt + transferMs(b)) || a.bytes - b.bytes,
  );
  const done: Scheduled[] = [];
  let at = input.now;
  let used = 0;
  const waiting = [...order];
  while (waiting.length > 0) {
    const index = Math.max(
      0,
      waiting.findIndex((c) => c.preparedAt <= at),
    );
    const next = waiting.splice(index, 1)[0] as Choice;
    at = Math.max(at, next.preparedAt) + transferMs(next);
    used += next.bytes;
    const fits = input.roomBytes === null || used <= input.roomBytes;
    done.push({ choice: next, finishAt: Math.round(at), fits });
    if (!fits) used -= next.bytes;
  }
  return done;
}

function itemOf(s: Scheduled, input: TripInput, errorFraction: number): TripItem {
  const band = errorBand({ now: input.now, errorFraction, errorFloorMs }, s.finishAt);
  const sure = s.finishAt + band <= input.readyBy;
  const verdict: TripVerdict =
    s.choice.kind === 'audio' ? 'audio_instead' : sure ? 'ready' : 'at_risk';
  return {
    uid: s.choice.video.uid,
    name: s.choice.video.name,
    kind: s.choice.kind,
    bytes: s.choice.bytes,
    bytesEstimated: s.choice.estimated,
    preparedAt: s.choice.preparedAt,
    finishAt: s.finishAt,
    verdict,
  };
}

function dropped(input: TripInput, video: TripVideo, noRoom: boolean): TripItem {
  const mp4 = choose(input, video, 'default');
  return {
    uid: video.uid,
    name: video.name,
    // A late video is still fetched, after the others; one with no room is not.
    kind: noRoom ? null : 'default',
    bytes: mp4.bytes,
    bytesEstimated: mp4.estimated,
    preparedAt: mp4.preparedAt,
    finishAt: null,
    verdict: noRoom ? 'no_room' : 'late',
  };
}

function savedItem(video: TripVideo): TripItem {
  return {
    uid: video.uid,
    name: video.name,
    kind: null,
    bytes: 0,
    bytesEstimated: false,
    preparedAt: 0,
    finishAt: null,
    verdict: 'saved',
  };
}
