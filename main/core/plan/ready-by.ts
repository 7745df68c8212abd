import { DateTime } from 'luxon';

/**
 * "Ready by" as a person types it: `HH:MM` is the next such time in the machine's zone (07:00
 * typed at 22:00 is tomorrow morning, DST included); anything else must be an ISO date and time.
 * Undefined when the text is neither, or names a moment already past.
 */
export function readyByFrom(text: string, now: number): number | undefined {
  const clock = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (clock) {
    const start = DateTime.fromMillis(now);
    const today = start.set({
      hour: Number(clock[1]),
      minute: Number(clock[2]),
      second: 0,
      millisecond: 0,
    });
    return (today.toMillis() > now ? today : today.plus({ days: 1 })).toMillis();
  }
  const at = DateTime.fromISO(text.trim());
  return at.isValid && at.toMillis() > now ? at.toMillis() : undefined;
}
