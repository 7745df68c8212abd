/** The next moment a wall-clock time (`HH:MM`, local) comes round after `now`; undefined if not a time. */
export function nextTimeOfDay(text: string, now: number): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) return undefined;
  const at = new Date(now);
  at.setHours(Number(match[1]), Number(match[2]), 0, 0);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return at.getTime();
}
