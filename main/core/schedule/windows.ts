import { z } from 'zod';

/** A wall-clock time in the machine's own time zone, `HH:MM`. */
export const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (00:00–23:59)');
export type ClockTime = z.infer<typeof ClockTime>;

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

/**
 * Part of a week: on each of `days`, from `from` until `to` in local time. A `to` at or before
 * `from` runs past midnight into the next day (22:00–02:00 on Friday ends Saturday 02:00).
 */
export const TimeWindow = z.object({
  days: z.array(Weekday).min(1).max(7),
  from: ClockTime,
  to: ClockTime,
});
export type TimeWindow = z.infer<typeof TimeWindow>;

/**
 * When downloads may run, and how fast. Outside every window downloads are paused, or run at
 * another cap (bytes per second; 0 = no cap).
 */
export const DownloadWindow = z.object({
  windows: z.array(TimeWindow).min(1).max(50),
  capInside: z.number().int().nonnegative().default(0),
  outside: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('paused') }),
    z.object({ mode: z.literal('capped'), cap: z.number().int().nonnegative() }),
  ]),
});
export type DownloadWindow = z.infer<typeof DownloadWindow>;
