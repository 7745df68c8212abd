import { z } from 'zod';

// Restated from main/core/schedule/windows.ts (the contract imports only zod); a test keeps
// the two equal.
export const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (00:00–23:59)');
export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

/** On each of `days`, from `from` until `to` (the next day when `to` is at or before `from`). */
export const TimeWindow = z.object({
  days: z.array(Weekday).min(1).max(7),
  from: ClockTime,
  to: ClockTime,
});
export type TimeWindow = z.infer<typeof TimeWindow>;

const Uid = z.string().regex(/^[0-9a-f]{32}$/);

/** A window plays its own list or, without one, the kiosk playlist: never an empty list. */
const ownListTooShort =
  'a window’s own list needs a video (leave it out to play the kiosk playlist)';

/** Kiosk: when the playlist plays, each window with its own list or the kiosk playlist. */
export const KioskSchedule = z.object({
  windows: z
    .array(
      TimeWindow.extend({ playlist: z.array(Uid).min(1, ownListTooShort).max(10_000).optional() }),
    )
    .min(1)
    .max(50),
  outside: z.discriminatedUnion('show', [
    z.object({ show: z.literal('black') }),
    z.object({ show: z.literal('still'), uid: Uid }),
    z.object({ show: z.literal('countdown') }),
  ]),
});
export type KioskSchedule = z.infer<typeof KioskSchedule>;

/** Downloads: the windows, the cap inside them, and paused or another cap outside. */
export const DownloadWindow = z.object({
  windows: z.array(TimeWindow).min(1).max(50),
  capInside: z.number().int().nonnegative(),
  outside: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('paused') }),
    z.object({ mode: z.literal('capped'), cap: z.number().int().nonnegative() }),
  ]),
});
export type DownloadWindow = z.infer<typeof DownloadWindow>;

/**
 * What the kiosk shows now and when to ask again (`changeInMs`, null = never): a playlist (empty:
 * every saved video), or what stands outside every window. `now` is the backend's clock, for a
 * countdown.
 */
export const KioskNow = z.discriminatedUnion('show', [
  z.object({
    show: z.literal('play'),
    playlist: z.array(Uid),
    now: z.number(),
    changeInMs: z.number().nonnegative().nullable(),
  }),
  z.object({
    show: z.enum(['black', 'still', 'countdown']),
    still: Uid.nullable(),
    nextStart: z.number().nullable(),
    now: z.number(),
    changeInMs: z.number().nonnegative().nullable(),
  }),
]);
export type KioskNow = z.infer<typeof KioskNow>;
