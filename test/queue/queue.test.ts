import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { erroredVideoUid, processingVideoUid } from '../../main/core/emulator/index';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import type { Job, LibraryIndex } from '../../main/core/library/index';
import { createLogger, type LogRecord } from '../../main/core/log';
import { DownloadQueue } from '../../main/core/queue/download-queue';
import type { StreamClient } from '../../main/core/stream/client';
import { mediaOf, sha256Of } from '../support/emulator';
import { type QueueHarness, queueHarness, quick, reaches } from './harness';

const [alpine, harbour, keynote, waves] = sampleVideos;
if (!alpine || !harbour || !keynote || !waves) throw new Error('sample catalogue changed');

let h: QueueHarness;
afterEach(() => h?.close());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('DownloadQueue', () => {
  it('saves a public video with its thumbnail, captions and metadata', async () => {
    h = await queueHarness({ preparationMs: 150 });
    const states: Job['state'][] = [];
    h.queue.events.on('job', (job) => states.push(job.state));
    h.queue.add(alpine.uid, 'default');
    await h.queue.idle();

    const job = h.library.getJob(alpine.uid, 'default');
    expect(job?.state).toBe('complete');
    expect(states).toEqual(
      expect.arrayContaining(['requesting', 'preparing', 'downloading', 'verifying', 'complete']),
    );
    const files = h.library.getFiles(alpine.uid);
    const video = files.find((f) => f.role === 'default');
    expect(video?.sha256).toBe(await sha256Of(mediaOf(h.emulator, alpine.uid)));
    expect(sha(join(h.folder, video?.path ?? ''))).toBe(video?.sha256);
    expect(files.map((f) => f.path).sort()).toEqual([
      `media/${alpine.uid}/captions/de.vtt`,
      `media/${alpine.uid}/captions/en.vtt`,
      `media/${alpine.uid}/default.mp4`,
      `media/${alpine.uid}/thumbnail.jpg`,
    ]);
    expect(
      h.library
        .getCaptions(alpine.uid)
        .map((c) => c.language)
        .sort(),
    ).toEqual(['de', 'en']);
    expect(h.library.getVideo(alpine.uid)?.name).toBe(alpine.name);
  });

  it('asks for the video and for its download in one round trip', async () => {
    h = await queueHarness();
    const stream = h.stream;
    const calls: string[] = [];
    const watched: StreamClient = {
      ...stream,
      async getVideo(...args) {
        calls.push('getVideo');
        await Promise.resolve();
        calls.push(
          calls.includes('createDownload') ? 'answered after both left' : 'answered alone',
        );
        return stream.getVideo(...args);
      },
      createDownload(...args) {
        calls.push('createDownload');
        return stream.createDownload(...args);
      },
    };
    await h.restart({ stream: watched });
    h.queue.add(alpine.uid, 'default');
    await h.queue.idle();
    expect(h.library.getJob(alpine.uid, 'default')?.state).toBe('complete');
    expect(calls.slice(0, 3)).toEqual(['getVideo', 'createDownload', 'answered after both left']);
  });

  it('saves a private video with a minted downloadable token, never the API token', async () => {
    h = await queueHarness();
    h.queue.add(keynote.uid, 'default');
    await h.queue.idle();
    expect(h.library.getJob(keynote.uid, 'default')?.state).toBe('complete');
    const delivery = h.emulator.requests.filter((r) => r.host === 'delivery');
    expect(delivery.length).toBeGreaterThan(0);
    expect(delivery.every((r) => !r.path.includes(keynote.uid))).toBe(true);
    expect(JSON.stringify(delivery)).not.toContain(h.emulator.token);
  });

  it('saves the audio-only rendition as audio.m4a', async () => {
    h = await queueHarness();
    h.queue.add(waves.uid, 'audio');
    await h.queue.idle();
    const file = h.library.getFiles(waves.uid).find((f) => f.role === 'audio');
    expect(file?.path).toBe(`media/${waves.uid}/audio.m4a`);
    expect(file?.sha256).toBe(await sha256Of(mediaOf(h.emulator, waves.uid, 'audio')));
  });

  it('pauses mid-transfer keeping the bytes, and resumes from them', async () => {
    h = await queueHarness();
    h.emulator.control.setDeliveryFaults({ bytesPerSecond: 100 * 1024 });
    const progressed = new Promise<void>((resolve) =>
      h.queue.events.on('progress', (p) => p.bytesDone > 40_000 && resolve()),
    );
    h.queue.add(alpine.uid, 'default');
    await progressed;
    expect(h.queue.pause(alpine.uid, 'default')).toBe(true);
    await h.queue.idle();
    const paused = h.library.getJob(alpine.uid, 'default');
    expect(paused).toMatchObject({ state: 'paused', resumeState: 'downloading' });
    const part = join(h.folder, '.partial', `${alpine.uid}.default.part`);
    const held = statSync(part).size;
    expect(held).toBeGreaterThan(40_000);

    h.emulator.control.setDeliveryFaults(undefined);
    expect(h.queue.resume(alpine.uid, 'default')).toBe(true);
    await h.queue.idle();
    expect(h.library.getJob(alpine.uid, 'default')?.state).toBe('complete');
    const ranges = h.emulator.requests.filter((r) => r.host === 'delivery' && r.headers.range);
    expect(ranges.map((r) => r.headers.range)).toContain(`bytes=${held}-`);
  });

  it('cancels a job and deletes its partial bytes', async () => {
    h = await queueHarness();
    h.emulator.control.setDeliveryFaults({ bytesPerSecond: 50 * 1024 });
    const progressed = new Promise<void>((resolve) =>
      h.queue.events.on('progress', (p) => p.bytesDone > 10_000 && resolve()),
    );
    h.queue.add(harbour.uid, 'default');
    await progressed;
    expect(await h.queue.cancel(harbour.uid, 'default')).toBe(true);
    expect(h.library.getJob(harbour.uid, 'default')?.state).toBe('removed');
    expect(existsSync(join(h.folder, '.partial', `${harbour.uid}.default.part`))).toBe(false);
    await h.queue.idle();
  });

  it('continues after a restart from the bytes on disk (recovery at start-up)', async () => {
    h = await queueHarness();
    h.emulator.control.setDeliveryFaults({ bytesPerSecond: 100 * 1024 });
    const progressed = new Promise<void>((resolve) =>
      h.queue.events.on('progress', (p) => p.bytesDone > 50_000 && resolve()),
    );
    h.queue.add(alpine.uid, 'default');
    await progressed;
    await h.restart();
    expect(h.library.getJob(alpine.uid, 'default')?.state).toBe('downloading');
    h.emulator.control.setDeliveryFaults(undefined);
    h.queue.start();
    await h.queue.idle();
    expect(h.library.getJob(alpine.uid, 'default')?.state).toBe('complete');
    const resumed = h.emulator.requests.filter((r) => r.host === 'delivery' && r.headers.range);
    expect(resumed.length).toBeGreaterThan(0);
  });

  it('fails an errored video with the reason and what to do', async () => {
    h = await queueHarness();
    h.queue.add(erroredVideoUid, 'default');
    const job = await reaches(h, erroredVideoUid, ['failed']);
    expect(job).toMatchObject({ errorCode: 'video_errored' });
    expect(job.errorMessage).toMatch(/could not process/);
    expect(job.errorAction).toMatch(/upload/);
  });

  it('waits while a video is still processing, then downloads it once ready', async () => {
    h = await queueHarness();
    h.queue.add(processingVideoUid, 'default');
    const waiting = await reaches(h, processingVideoUid, ['waiting']);
    expect(waiting).toMatchObject({ errorCode: 'video_processing', resumeState: 'requesting' });
    expect(waiting.nextAttemptAt).toBeGreaterThan(Date.now() - 1000);
    h.emulator.control.setVideoState(processingVideoUid, 'ready');
    h.queue.retry(processingVideoUid, 'default');
    await reaches(h, processingVideoUid, ['complete']);
  });

  it('waits with storage_floor when the volume has no room, keeping the job', async () => {
    h = await queueHarness({}, { transfer: { freeSpace: async () => 0, reserveBytes: 0 } });
    h.queue.add(harbour.uid, 'default');
    const job = await reaches(h, harbour.uid, ['waiting']);
    expect(job).toMatchObject({ errorCode: 'storage_floor', resumeState: 'downloading' });
  });

  it('recovers from delivery faults without a visible failure, and logs them per job', async () => {
    const records: LogRecord[] = [];
    const logger = createLogger({ level: 'warn', sink: (record) => records.push(record) });
    h = await queueHarness({}, { logger });
    h.emulator.control.setDeliveryFaults({ resetAfterBytes: 30_000, times: 3 });
    h.queue.add(harbour.uid, 'default');
    await h.queue.idle();
    expect(h.library.getJob(harbour.uid, 'default')).toMatchObject({
      state: 'complete',
      errorCode: null,
    });
    // The transfer's own warnings carry the job they belong to.
    const failed = records.filter((r) => r.msg === 'transfer attempt failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatchObject({ component: 'queue', uid: harbour.uid, kind: 'default' });
  });

  it('runs at most the configured number of transfers at once', async () => {
    h = await queueHarness({}, { concurrency: 1 });
    h.emulator.control.setDeliveryFaults({ bytesPerSecond: 200 * 1024 });
    const transferring = new Set<string>();
    let most = 0;
    h.queue.events.on('progress', (p) => {
      if (p.bytesDone > 0) transferring.add(p.uid);
      most = Math.max(most, transferring.size);
    });
    h.queue.events.on('job', (job) => job.state === 'complete' && transferring.delete(job.uid));
    h.queue.add(harbour.uid, 'default');
    h.queue.add(waves.uid, 'default');
    await h.queue.idle();
    expect(h.library.listJobs({ states: ['complete'] })).toHaveLength(2);
    expect(most).toBe(1);
  });

  it('settles idle() when a runner halts because even its failure cannot be written', async () => {
    h = await queueHarness();
    let broken = false;
    // The library as before, except that once the job starts no state change can be written.
    const library: LibraryIndex = Object.create(h.library);
    library.transitionJob = (...args: Parameters<LibraryIndex['transitionJob']>) => {
      if (broken) throw new Error('disk I/O error');
      return h.library.transitionJob(...args);
    };
    const queue = new DownloadQueue({ library, stream: h.stream, ...quick });
    const halted: string[] = [];
    queue.events.on('halted', (event) => halted.push(event.uid));
    queue.events.on('job', (job) => {
      if (job.state === 'requesting') broken = true;
    });
    queue.add(alpine.uid, 'default');
    await queue.idle();
    expect(halted).toEqual([alpine.uid]);
    expect(h.library.getJob(alpine.uid, 'default')?.state).toBe('requesting');
    await queue.stop();
  });
});
