import { DateTime, IANAZone } from 'luxon';
import type { TimeWindow, Weekday } from './windows';

/** One stretch of real time a window covers: epoch ms, `end` excluded. */
export interface Occurrence {
  /** Position of the window in the list it came from. */
  index: number;
  start: number;
  end: number;
}

export interface ScheduleState {
  /** The window in force at the instant asked, or null outside every window. */
  active: Occurrence | null;
  /** When the answer may change next (a window opens or closes); null with no windows. */
  nextChange: number | null;
  /** When the next window opens after the instant asked (for a countdown); null if none. */
  nextStart: number | null;
}

const minute = 60_000;
const day = 24 * 60 * minute;
const weekdays: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A zone name this machine's time-zone data knows, else a thrown error saying which. */
function checkZone(zone: string): IANAZone {
  if (!IANAZone.isValidZone(zone)) throw new Error(`unknown time zone: ${zone}`);
  return IANAZone.create(zone);
}

/** The machine's own zone, as Luxon reads it from the system. */
export function machineZone(): string {
  return DateTime.local().zoneName ?? 'UTC';
}

/**
 * Which window is in force at `at` in `zone`, and when that can change. Days and times are
 * wall-clock time in the zone; a window whose `to` is at or before its `from` ends the next day.
 * Where windows overlap, the one that opened first wins (the earlier in the list on a tie).
 * DST: see `instantOf`.
 */
export function evaluateSchedule(
  windows: readonly TimeWindow[],
  at: number,
  zone: string,
): ScheduleState {
  const tz = checkZone(zone);
  const occurrences = occurrencesAround(windows, at, tz);
  const active =
    occurrences
      .filter((o) => o.start <= at && at < o.end)
      .sort((a, b) => a.start - b.start || a.index - b.index)[0] ?? null;
  const edges = occurrences.flatMap((o) => [o.start, o.end]).filter((edge) => edge > at);
  const starts = occurrences.map((o) => o.start).filter((start) => start > at);
  return {
    active,
    nextChange: edges.length > 0 ? Math.min(...edges) : null,
    nextStart: starts.length > 0 ? Math.min(...starts) : null,
  };
}

/**
 * Every occurrence from the day before `at` (a window running past midnight) to eight days
 * after (every weekday at least once), empty ones (swallowed by a DST gap) left out.
 */
function occurrencesAround(windows: readonly TimeWindow[], at: number, tz: IANAZone) {
  const today = DateTime.fromMillis(at, { zone: tz });
  const found: Occurrence[] = [];
  for (let offset = -1; offset <= 8; offset += 1) {
    const date = today.plus({ days: offset });
    const civil = { year: date.year, month: date.month, day: date.day };
    const weekday =
      weekdays[new Date(Date.UTC(civil.year, civil.month - 1, civil.day)).getUTCDay()];
    windows.forEach((window, index) => {
      if (!weekday || !window.days.includes(weekday)) return;
      const crosses = window.to <= window.from;
      const start = instantOf(civil, window.from, tz);
      const end = instantOf({ ...civil, day: civil.day + (crosses ? 1 : 0) }, window.to, tz);
      if (end > start) found.push({ index, start, end });
    });
  }
  return found;
}

/**
 * The instant a wall-clock time names on a date in a zone. The two DST cases, decided once:
 * - spring forward: a time the clocks skip (02:30 in Berlin on the last Sunday of March) means
 *   the moment they jump (03:00 CEST), so a window from 02:30 opens then and one until 02:30
 *   closes then, and a window wholly inside the gap does not happen that day;
 * - fall back: a time the clocks show twice (02:30 on the last Sunday of October) means its
 *   first occurrence (02:30 CEST), so no window runs twice or an hour longer by accident.
 * `day` may overflow the month (the day after the 31st), as Date.UTC allows.
 */
function instantOf(
  date: { year: number; month: number; day: number },
  time: string,
  tz: IANAZone,
): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const wall = Date.UTC(date.year, date.month - 1, date.day, hours, minutes);
  const offsets = [...new Set([-day, 0, day].map((shift) => tz.offset(wall + shift)))];
  const valid = offsets
    .map((o) => wall - o * minute)
    .filter((u) => tz.offset(u) * minute === wall - u);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: the jump happened between the two readings of the wall time; find its minute.
  const early = wall - Math.max(...offsets) * minute;
  const late = wall - Math.min(...offsets) * minute;
  return jumpBetween(early, late, tz);
}

/** The first minute in (early, late] whose offset is the one in force at `late`. */
function jumpBetween(early: number, late: number, tz: IANAZone): number {
  const after = tz.offset(late);
  let low = Math.floor(early / minute);
  let high = Math.ceil(late / minute);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (tz.offset(middle * minute) === after) high = middle;
    else low = middle;
  }
  return high * minute;
}
