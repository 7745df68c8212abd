import { describe, expect, it } from 'vitest';
import { evaluateSchedule } from '../../main/core/schedule/evaluate';
import type { TimeWindow } from '../../main/core/schedule/windows';

const utc = (iso: string) => Date.parse(`${iso}Z`);
const weekdays: TimeWindow['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];

describe('evaluateSchedule: ordinary days', () => {
  const office: TimeWindow[] = [
    { days: weekdays, from: '09:00', to: '12:00' },
    { days: weekdays, from: '14:00', to: '17:00' },
  ];

  it('finds the window in force and when it closes (Berlin, winter time = UTC+1)', () => {
    // Wednesday 2026-01-14 10:00 in Berlin.
    const state = evaluateSchedule(office, utc('2026-01-14T09:00'), 'Europe/Berlin');
    expect(state.active).toEqual({
      index: 0,
      start: utc('2026-01-14T08:00'),
      end: utc('2026-01-14T11:00'),
    });
    expect(state.nextChange).toBe(utc('2026-01-14T11:00'));
    expect(state.nextStart).toBe(utc('2026-01-14T13:00'));
  });

  it('between two windows of a day: nothing active, the afternoon one next', () => {
    const state = evaluateSchedule(office, utc('2026-01-14T12:30'), 'Europe/Berlin');
    expect(state.active).toBeNull();
    expect(state.nextChange).toBe(utc('2026-01-14T13:00'));
    expect(state.nextStart).toBe(utc('2026-01-14T13:00'));
  });

  it('after Friday’s last window, the next opens on Monday', () => {
    // Friday 2026-01-16 18:00 Berlin.
    const state = evaluateSchedule(office, utc('2026-01-16T17:00'), 'Europe/Berlin');
    expect(state.active).toBeNull();
    expect(state.nextStart).toBe(utc('2026-01-19T08:00'));
  });

  it('an instant exactly at a window’s end is outside it; at its start, inside', () => {
    expect(evaluateSchedule(office, utc('2026-01-14T11:00'), 'Europe/Berlin').active).toBeNull();
    expect(evaluateSchedule(office, utc('2026-01-14T13:00'), 'Europe/Berlin').active?.index).toBe(
      1,
    );
  });

  it('with no windows, nothing is ever active and nothing changes', () => {
    expect(evaluateSchedule([], utc('2026-01-14T09:00'), 'Europe/Berlin')).toEqual({
      active: null,
      nextChange: null,
      nextStart: null,
    });
  });

  it('refuses a zone the time-zone data does not know', () => {
    expect(() => evaluateSchedule(office, 0, 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});

describe('evaluateSchedule: across midnight', () => {
  const lateFriday: TimeWindow[] = [{ days: ['fri'], from: '22:00', to: '02:00' }];

  it('a Friday 22:00–02:00 window is still on at 01:00 on Saturday and ends at 02:00', () => {
    // Saturday 2026-01-17 01:00 in New York (UTC-5).
    const state = evaluateSchedule(lateFriday, utc('2026-01-17T06:00'), 'America/New_York');
    expect(state.active).toEqual({
      index: 0,
      start: utc('2026-01-17T03:00'),
      end: utc('2026-01-17T07:00'),
    });
    expect(state.nextChange).toBe(utc('2026-01-17T07:00'));
  });

  it('it does not open on Saturday night (its day is Friday)', () => {
    const state = evaluateSchedule(lateFriday, utc('2026-01-18T04:00'), 'America/New_York');
    expect(state.active).toBeNull();
    expect(state.nextStart).toBe(utc('2026-01-24T03:00'));
  });

  it('a window from a time to the same time lasts a whole day', () => {
    const allDay: TimeWindow[] = [{ days: ['wed'], from: '06:00', to: '06:00' }];
    const state = evaluateSchedule(allDay, utc('2026-01-15T05:00'), 'UTC');
    expect(state.active).toEqual({
      index: 0,
      start: utc('2026-01-14T06:00'),
      end: utc('2026-01-15T06:00'),
    });
  });
});

describe('evaluateSchedule: DST in Europe/Berlin (2026-03-29 and 2026-10-25)', () => {
  it('spring forward: a window from 02:30 opens when the clocks jump to 03:00', () => {
    const windows: TimeWindow[] = [{ days: ['sun'], from: '02:30', to: '04:00' }];
    // 00:30Z is 01:30 CET, before the jump at 01:00Z (02:00 CET → 03:00 CEST).
    const before = evaluateSchedule(windows, utc('2026-03-29T00:30'), 'Europe/Berlin');
    expect(before.active).toBeNull();
    expect(before.nextStart).toBe(utc('2026-03-29T01:00'));
    const during = evaluateSchedule(windows, utc('2026-03-29T01:30'), 'Europe/Berlin');
    // 04:00 CEST = 02:00Z: one real hour.
    expect(during.active).toEqual({
      index: 0,
      start: utc('2026-03-29T01:00'),
      end: utc('2026-03-29T02:00'),
    });
  });

  it('spring forward: a window wholly inside the skipped hour does not happen that day', () => {
    const windows: TimeWindow[] = [{ days: ['sun'], from: '02:10', to: '02:50' }];
    const state = evaluateSchedule(windows, utc('2026-03-29T00:30'), 'Europe/Berlin');
    expect(state.nextStart).toBe(utc('2026-04-05T00:10')); // next Sunday, 02:10 CEST
  });

  it('spring forward: a window across the gap ends at the jump when it ends inside it', () => {
    const windows: TimeWindow[] = [{ days: ['sat'], from: '23:00', to: '02:30' }];
    const state = evaluateSchedule(windows, utc('2026-03-29T00:45'), 'Europe/Berlin');
    expect(state.active).toEqual({
      index: 0,
      start: utc('2026-03-28T22:00'),
      end: utc('2026-03-29T01:00'),
    });
  });

  it('fall back: 02:30 means its first occurrence (CEST), and the window runs once', () => {
    const windows: TimeWindow[] = [{ days: ['sun'], from: '02:30', to: '02:45' }];
    const first = evaluateSchedule(windows, utc('2026-10-25T00:35'), 'Europe/Berlin');
    expect(first.active).toEqual({
      index: 0,
      start: utc('2026-10-25T00:30'),
      end: utc('2026-10-25T00:45'),
    });
    // 01:35Z is 02:35 CET, the repeat: not in the window again.
    const repeat = evaluateSchedule(windows, utc('2026-10-25T01:35'), 'Europe/Berlin');
    expect(repeat.active).toBeNull();
  });

  it('fall back: 01:00–05:00 lasts five real hours that night', () => {
    const windows: TimeWindow[] = [{ days: ['sun'], from: '01:00', to: '05:00' }];
    const state = evaluateSchedule(windows, utc('2026-10-25T02:00'), 'Europe/Berlin');
    expect(state.active).toEqual({
      index: 0,
      start: utc('2026-10-24T23:00'),
      end: utc('2026-10-25T04:00'),
    });
  });
});

describe('evaluateSchedule: DST and midnight together in America/New_York', () => {
  const nights: TimeWindow[] = [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '22:00', to: '06:00' },
  ];

  it('Saturday 22:00 EST to Sunday 06:00 EDT on 2026-03-08 is seven real hours', () => {
    const state = evaluateSchedule(nights, utc('2026-03-08T08:00'), 'America/New_York');
    expect(state.active).toEqual({
      index: 0,
      start: utc('2026-03-08T03:00'),
      end: utc('2026-03-08T10:00'),
    });
    expect(state.nextChange).toBe(utc('2026-03-08T10:00'));
    // Sunday 22:00 EDT.
    expect(state.nextStart).toBe(utc('2026-03-09T02:00'));
  });

  it('Saturday 22:00 EDT to Sunday 06:00 EST on 2026-11-01 is nine real hours', () => {
    const state = evaluateSchedule(nights, utc('2026-11-01T07:00'), 'America/New_York');
    expect(state.active).toEqual({
      index: 0,
      start: utc('2026-11-01T02:00'),
      end: utc('2026-11-01T11:00'),
    });
  });

  it('a daytime moment on the DST Sunday is outside, with the evening window next', () => {
    const state = evaluateSchedule(nights, utc('2026-03-08T16:00'), 'America/New_York');
    expect(state.active).toBeNull();
    expect(state.nextChange).toBe(utc('2026-03-09T02:00'));
  });
});

describe('evaluateSchedule: overlapping windows', () => {
  it('the window that opened first wins; the change comes when it closes', () => {
    const windows: TimeWindow[] = [
      { days: ['wed'], from: '10:00', to: '12:00' },
      { days: ['wed'], from: '09:00', to: '11:00' },
    ];
    const state = evaluateSchedule(windows, utc('2026-01-14T10:30'), 'UTC');
    expect(state.active?.index).toBe(1);
    expect(state.nextChange).toBe(utc('2026-01-14T11:00'));
    expect(evaluateSchedule(windows, utc('2026-01-14T11:00'), 'UTC').active?.index).toBe(0);
  });
});
