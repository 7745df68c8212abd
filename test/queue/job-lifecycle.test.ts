import { describe, expect, it } from 'vitest';
import { type JobState, jobStates } from '../../main/core/library/index';
import { type JobEvent, transition } from '../../main/core/queue/job-lifecycle';

// Every event, as the table's columns (a failure's three outcomes each get one).
const events: Record<string, JobEvent> = {
  begin: { type: 'begin' },
  preparing: { type: 'preparing' },
  forgotten: { type: 'forgotten' },
  ready: { type: 'ready' },
  received: { type: 'received' },
  measured: { type: 'measured' },
  saved: { type: 'saved' },
  'stopped:wait': { type: 'stopped', next: 'wait' },
  'stopped:pause': { type: 'stopped', next: 'pause' },
  'stopped:fail': { type: 'stopped', next: 'fail' },
  pause: { type: 'pause' },
  resume: { type: 'resume' },
  wake: { type: 'wake' },
  retry: { type: 'retry' },
  cancel: { type: 'cancel' },
  retire: { type: 'retire' },
  again: { type: 'again' },
  hold: { type: 'hold' },
};

// Where each state goes on each event, one row per state in the column order of `events`
// ('-' = cannot happen). A job from the API (a signed link begins at downloading); waiting and
// paused jobs resume at their resume point, preparing here.
//   begin prepar forgot ready receiv measur saved st:wait st:pause st:fail pause resume wake retry cancel retire again hold
const rows: Record<JobState, string> = {
  queued: 'requesting - - - - - - waiting paused failed paused - - - removed - - waiting',
  requesting:
    '- preparing - downloading - - - waiting paused failed paused - - - removed - - waiting',
  preparing:
    '- preparing requesting downloading - - - waiting paused failed paused - - - removed - - waiting',
  downloading:
    '- - - - verifying downloading complete waiting paused failed paused - - - removed - - waiting',
  verifying: '- - - - - - complete waiting paused failed paused - - - removed - - waiting',
  waiting: '- - - - - - - - - - paused - preparing preparing removed - - waiting',
  paused: '- - - - - - - - - - - preparing - - removed - - -',
  complete: '- - - - - - - - - - - - - - - removed queued -',
  failed: '- - - - - - - - - - - - - queued removed - queued -',
  removed: '- - - - - - - - - - - - - - - - queued -',
};

const table = Object.fromEntries(
  Object.entries(rows).map(([state, row]) => {
    const cells = row.split(' ');
    return [state, Object.fromEntries(Object.keys(events).map((name, i) => [name, cells[i]]))];
  }),
) as Record<JobState, Record<string, JobState | '-'>>;

const stopped = (state: JobState) => state === 'waiting' || state === 'paused';
const position = (state: JobState) => ({
  state,
  resumeState: stopped(state) ? ('preparing' as const) : null,
  source: 'api' as const,
});

describe('the download job lifecycle', () => {
  it('covers every state, with a cell for every event', () => {
    expect(Object.keys(table).sort()).toEqual([...jobStates].sort());
    for (const row of Object.values(rows)) {
      expect(row.split(' ')).toHaveLength(Object.keys(events).length);
    }
  });

  for (const state of jobStates) {
    for (const [name, event] of Object.entries(events)) {
      const expected = table[state][name];
      it(`${state} × ${name} → ${expected}`, () => {
        const move = transition(position(state), event);
        if (expected === '-') expect(move).toBeUndefined();
        else expect(move?.to).toBe(expected);
      });
    }
  }

  it('begins a signed link at downloading: there is nothing to request', () => {
    expect(
      transition(
        { state: 'queued', resumeState: null, source: 'signed_url' },
        events.begin as JobEvent,
      )?.to,
    ).toBe('downloading');
  });

  it('remembers where a stopped job continues, and clears it (and the alarm) on the way back', () => {
    const waiting = transition(position('downloading'), { type: 'stopped', next: 'wait' });
    expect(waiting?.fields).toEqual({ resumeState: 'downloading' });
    const paused = transition(position('waiting'), { type: 'pause' });
    expect(paused?.fields).toMatchObject({ resumeState: 'preparing', nextAttemptAt: null });
    const woken = transition(position('waiting'), { type: 'wake' });
    expect(woken?.fields).toEqual({
      resumeState: null,
      nextAttemptAt: null,
      errorCode: null,
      errorMessage: null,
      errorAction: null,
    });
  });

  it('keeps the problem of a job that stops, and drops it when the job moves on', () => {
    expect(transition(position('preparing'), { type: 'stopped', next: 'fail' })?.fields).toEqual({
      resumeState: null,
      nextAttemptAt: null,
    });
    expect(transition(position('verifying'), { type: 'saved' })?.fields).toMatchObject({
      errorCode: null,
    });
  });

  it('tells the queue what to do beside persisting', () => {
    const effects = (state: JobState, event: JobEvent) =>
      transition(position(state), event)?.effects;
    expect(effects('downloading', { type: 'pause' })).toEqual(['halt']);
    expect(effects('waiting', { type: 'cancel' })).toEqual(['halt', 'discard_partial']);
    expect(effects('downloading', { type: 'stopped', next: 'wait' })).toEqual(['arm']);
    expect(effects('paused', { type: 'resume' })).toEqual(['run']);
    expect(effects('failed', { type: 'retry' })).toEqual(['run']);
    expect(effects('requesting', { type: 'ready' })).toEqual([]);
    // The download window closing stops a running job; a waiting one only re-arms.
    expect(effects('downloading', { type: 'hold' })).toEqual(['halt', 'arm']);
    expect(effects('waiting', { type: 'hold' })).toEqual(['arm']);
  });
});
