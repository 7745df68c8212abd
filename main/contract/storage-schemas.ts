import { z } from 'zod';
import { VideoUid } from './schemas';

// The storage lines and the trip planner (issue #14) as the renderer sees them.

/** A saved video as "Make room" offers it: what it takes on disk and when it was watched. */
export const SavedVideo = z.object({
  uid: VideoUid,
  name: z.string(),
  diskBytes: z.number(),
  lastWatchedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
});
export type SavedVideo = z.infer<typeof SavedVideo>;

export const RoomOrder = z.enum(['largest', 'oldest-watched']);

export const RoomOfferArgs = z
  .object({ order: RoomOrder.default('largest') })
  .strict()
  .default({ order: 'largest' });

export const RoomOffer = z.object({
  libraryBytes: z.number(),
  freeBytes: z.number().nullable(),
  libraryLimitBytes: z.number().nullable(),
  freeSpaceFloorBytes: z.number(),
  /** Bytes to free so every download waiting for room fits; 0 when none waits. */
  neededBytes: z.number(),
  /** Never a video a kiosk shows. */
  candidates: z.array(SavedVideo),
});
export type RoomOffer = z.infer<typeof RoomOffer>;

export const TripPlanArgs = z.object({
  uids: z.array(VideoUid).min(1).max(500),
  /** Epoch ms the videos should be ready by. */
  readyBy: z.number().int().positive(),
  /** Also queue what the plan fetches, in its order. */
  start: z.boolean().default(false),
});
export type TripPlanArgs = z.input<typeof TripPlanArgs>;

export const TripItem = z.object({
  uid: VideoUid,
  name: z.string(),
  kind: z.enum(['default', 'audio']).nullable(),
  bytes: z.number(),
  bytesEstimated: z.boolean(),
  finishAt: z.number().nullable(),
  /** ± this many ms around finishAt. */
  errorMs: z.number().nullable(),
  verdict: z.enum(['ready', 'at_risk', 'audio_instead', 'late', 'no_room', 'saved']),
});
export type TripItem = z.infer<typeof TripItem>;

export const TripPlan = z.object({
  now: z.number(),
  readyBy: z.number(),
  items: z.array(TripItem),
  finishAt: z.number().nullable(),
  errorFraction: z.number(),
  linkBytesPerSecond: z.number(),
  /** Which rates came from this library's past downloads (else the defaults). */
  measured: z.object({ prepare: z.boolean(), link: z.boolean(), bitrate: z.boolean() }),
});
export type TripPlan = z.infer<typeof TripPlan>;
