import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import type { JobPatch, LibraryIndex } from '../../main/core/library';
import { applyJobEvent } from '../../main/core/queue/apply-job-event';
import type { JobEvent } from '../../main/core/queue/job-lifecycle';
import { open, tempFolder, uidOf } from './helpers';

const uid = uidOf(7);

function setup() {
  const clock = new ManualClock();
  const folder = tempFolder();
  const index = open(folder, { clock });
  return { clock, folder, index };
}

function failWith(index: LibraryIndex) {
  return index.transitionJob(uid, 'default', ['downloading'], 'failed', {
    errorCode: 'disk_full',
    errorMessage: 'The disk is full.',
    errorAction: 'Free some space, then retry.',
  });
}

describe('download jobs', () => {
  it('creates a queued job with its source', () => {
    const { index, clock } = setup();
    const job = index.createJob({ uid, kind: 'default', source: 'api' });
    expect(job).toMatchObject({
      uid,
      kind: 'default',
      state: 'queued',
      resumeState: null,
      source: 'api',
      sourceUrl: null,
      bytesDone: 0,
      bytesTotal: null,
      attempts: 0,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    const signed = index.createJob({
      uid,
      kind: 'audio',
      source: 'signed_url',
      sourceUrl: 'https://customer-x.cloudflarestream.com/tok/downloads/audio.m4a',
    });
    expect(signed.source).toBe('signed_url');
    expect(index.listJobs().map((j) => j.kind)).toEqual(['default', 'audio']);
  });

  it('refuses a second job for the same video and kind, but replaces a removed one', () => {
    const { index } = setup();
    index.createJob({ uid, kind: 'default', source: 'api' });
    expect(() => index.createJob({ uid, kind: 'default', source: 'api' })).toThrow(
      expect.objectContaining({ code: 'job_exists' }),
    );
    expect(index.transitionJob(uid, 'default', ['queued'], 'removed')).toBe(true);
    expect(index.createJob({ uid, kind: 'default', source: 'api' }).state).toBe('queued');
  });

  it('validates what a job is made of', () => {
    const { index } = setup();
    const bad = [
      { uid: 'nope', kind: 'default', source: 'api' },
      { uid, kind: 'video', source: 'api' },
      { uid, kind: 'default', source: 'signed_url' },
      { uid, kind: 'default', source: 'signed_url', sourceUrl: 'not a url' },
    ] as const;
    for (const job of bad) {
      // @ts-expect-error deliberately wrong shapes
      expect(() => index.createJob(job)).toThrow(
        expect.objectContaining({ code: 'invalid_argument' }),
      );
    }
  });

  it('moves through the happy path, writing the patch with the state', () => {
    const { index, clock } = setup();
    index.createJob({ uid, kind: 'default', source: 'api' });
    expect(index.transitionJob(uid, 'default', ['queued'], 'requesting')).toBe(true);
    expect(
      index.transitionJob(uid, 'default', ['requesting'], 'preparing', { percentPrepared: 0 }),
    ).toBe(true);
    clock.advance(5000);
    expect(
      index.transitionJob(uid, 'default', ['preparing'], 'downloading', {
        percentPrepared: 100,
        bytesTotal: 5000,
        etag: '"abc"',
        lastModified: 'Tue, 01 Jan 2026 00:00:00 GMT',
      }),
    ).toBe(true);
    expect(
      index.transitionJob(uid, 'default', ['downloading'], 'verifying', { bytesDone: 5000 }),
    ).toBe(true);
    expect(index.transitionJob(uid, 'default', ['verifying'], 'complete')).toBe(true);
    expect(index.getJob(uid, 'default')).toMatchObject({
      state: 'complete',
      bytesDone: 5000,
      bytesTotal: 5000,
      etag: '"abc"',
      percentPrepared: 100,
      updatedAt: clock.now(),
    });
  });

  it('returns false when the job is not in an allowed state, changing nothing', () => {
    const { index } = setup();
    expect(index.transitionJob(uid, 'default', ['queued'], 'requesting')).toBe(false);
    index.createJob({ uid, kind: 'default', source: 'api' });
    expect(index.transitionJob(uid, 'default', ['queued'], 'requesting')).toBe(true);
    // A second actor that still believes the job is queued loses.
    expect(index.transitionJob(uid, 'default', ['queued'], 'paused', { attempts: 9 })).toBe(false);
    expect(index.getJob(uid, 'default')).toMatchObject({ state: 'requesting', attempts: 0 });
  });

  it('persists exactly the move it is given and decides nothing (queue/job-lifecycle decides)', () => {
    const { index } = setup();
    index.createJob({ uid, kind: 'default', source: 'api' });
    expect(
      index.transitionJob(uid, 'default', ['queued'], 'paused', { resumeState: 'downloading' }),
    ).toBe(true);
    expect(index.getJob(uid, 'default')).toMatchObject({
      state: 'paused',
      resumeState: 'downloading',
    });
    expect(() =>
      index.transitionJob(uid, 'default', ['paused'], 'paused', {
        // @ts-expect-error not a state a job can resume at
        resumeState: 'complete',
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  it('keeps where a waiting or paused job goes back to, as the lifecycle decides it', () => {
    const { index } = setup();
    const event = (e: JobEvent, patch?: JobPatch) => applyJobEvent(index, uid, 'default', e, patch);
    index.createJob({ uid, kind: 'default', source: 'api' });
    event({ type: 'begin' });
    event({ type: 'preparing' });
    event(
      { type: 'stopped', next: 'wait' },
      {
        nextAttemptAt: 1_700_000_060_000,
        attempts: 1,
        errorCode: 'rate_limited',
        errorMessage: 'Cloudflare asked us to slow down.',
        errorAction: 'Nothing to do; it retries by itself.',
      },
    );
    expect(index.getJob(uid, 'default')).toMatchObject({
      state: 'waiting',
      resumeState: 'preparing',
    });
    event({ type: 'pause' });
    expect(index.getJob(uid, 'default')).toMatchObject({
      state: 'paused',
      resumeState: 'preparing',
      nextAttemptAt: null,
    });
    expect(event({ type: 'resume' })?.to).toBe('preparing');
    expect(index.getJob(uid, 'default')).toMatchObject({
      state: 'preparing',
      resumeState: null,
      errorCode: null,
      attempts: 1,
    });
  });

  it('requires a code, a message and an action to fail a job', () => {
    const { index } = setup();
    index.createJob({ uid, kind: 'default', source: 'api' });
    index.transitionJob(uid, 'default', ['queued'], 'downloading');
    expect(() =>
      index.transitionJob(uid, 'default', ['downloading'], 'failed', { errorCode: 'x' }),
    ).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(index.getJob(uid, 'default')?.state).toBe('downloading');
    expect(failWith(index)).toBe(true);
    expect(index.getJob(uid, 'default')).toMatchObject({ state: 'failed', errorCode: 'disk_full' });
    // Leaving failed clears the problem because the lifecycle says so, not the library.
    expect(applyJobEvent(index, uid, 'default', { type: 'retry' }, { attempts: 0 })?.to).toBe(
      'queued',
    );
    expect(index.getJob(uid, 'default')).toMatchObject({ errorCode: null, errorAction: null });
  });

  it('validates the patch', () => {
    const { index } = setup();
    index.createJob({ uid, kind: 'default', source: 'api' });
    for (const patch of [
      { bytesDone: -1 },
      { percentPrepared: 101 },
      { attempts: 1.5 },
      { state: 'complete' },
    ]) {
      const wrong = patch as JobPatch;
      expect(() => index.transitionJob(uid, 'default', ['queued'], 'requesting', wrong)).toThrow(
        expect.objectContaining({ code: 'invalid_argument' }),
      );
    }
    expect(index.getJob(uid, 'default')?.state).toBe('queued');
  });

  it('records progress cheaply: always visible, written at most once a second', () => {
    const { index, clock, folder } = setup();
    index.createJob({ uid, kind: 'default', source: 'api' });
    index.transitionJob(uid, 'default', ['queued'], 'downloading', { bytesTotal: 1000 });
    index.recordProgress(uid, 'default', 100);
    index.recordProgress(uid, 'default', 200);
    expect(index.getJob(uid, 'default')?.bytesDone).toBe(200);
    expect(index.listJobs({ states: ['downloading'] })[0]?.bytesDone).toBe(200);
    clock.advance(1000);
    index.recordProgress(uid, 'default', 300);
    index.recordProgress(uid, 'default', 400);

    // Another connection sees the last write, not the coalesced one.
    const other = open(folder, { clock });
    expect(other.getJob(uid, 'default')?.bytesDone).toBe(300);
    other.close();

    // A transition carries the latest count with it.
    index.transitionJob(uid, 'default', ['downloading'], 'paused', { resumeState: 'downloading' });
    expect(index.getJob(uid, 'default')).toMatchObject({ state: 'paused', bytesDone: 400 });
    index.recordProgress(uid, 'default', 999);
    expect(index.getJob(uid, 'default')?.bytesDone).toBe(400);
  });

  it('flushes coalesced progress on close', () => {
    const { index, folder } = setup();
    index.createJob({ uid, kind: 'default', source: 'api' });
    index.transitionJob(uid, 'default', ['queued'], 'downloading');
    index.recordProgress(uid, 'default', 10);
    index.recordProgress(uid, 'default', 20);
    index.close();
    expect(open(folder).getJob(uid, 'default')?.bytesDone).toBe(20);
  });

  it('lists jobs by state and by video', () => {
    const { index } = setup();
    index.createJob({ uid, kind: 'default', source: 'api' });
    index.createJob({ uid, kind: 'audio', source: 'api' });
    index.createJob({ uid: uidOf(8), kind: 'default', source: 'api' });
    index.transitionJob(uidOf(8), 'default', ['queued'], 'paused', { resumeState: 'queued' });
    expect(index.listJobs({ states: ['paused'] }).map((j) => j.uid)).toEqual([uidOf(8)]);
    expect(index.listJobs({ states: [] })).toEqual([]);
    expect(index.listJobs({ uid })).toHaveLength(2);
    expect(index.listJobs()).toHaveLength(3);
    // @ts-expect-error not a state
    expect(() => index.listJobs({ states: ['bogus'] })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });

  it('runs several calls atomically in transaction()', () => {
    const { index } = setup();
    expect(() =>
      index.transaction(() => {
        index.createJob({ uid, kind: 'default', source: 'api' });
        index.createJob({ uid, kind: 'default', source: 'api' });
      }),
    ).toThrow(expect.objectContaining({ code: 'job_exists' }));
    expect(index.listJobs()).toEqual([]);
  });
});
