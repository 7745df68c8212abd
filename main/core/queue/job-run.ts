import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { type BackoffPolicy, backoffDelay } from '../backoff';
import type { Clock } from '../clock';
import {
  type Job,
  type JobPatch,
  type LibraryIndex,
  mediaPath,
  partFilePath,
} from '../library/index';
import type { Logger } from '../log';
import type { StreamClient } from '../stream/client';
import type { DownloadKind } from '../stream/ids';
import type { DownloadEntry } from '../stream/schemas';
import { TransferError } from '../transfer/errors';
import { removePart } from '../transfer/part-file';
import { resumeTransfer, type TransferOutcome, type TransferSettings } from '../transfer/transfer';
import { adoptFinishedFile } from './adopt-file';
import { applyJobEvent } from './apply-job-event';
import { saveCompanions } from './companions';
import { decide, failJob, withAttemptCap } from './decisions';
import { deliveryUrlFor } from './delivery-url';
import type { JobProgress, QueueEvents } from './events';
import type { JobEvent } from './job-lifecycle';
import type { TransferSlots } from './slots';

export interface PreparationPolling extends BackoffPolicy {
  /** No change in Cloudflare's percentComplete for this long → the download is re-requested. */
  stallMs: number;
}

export interface JobRunDeps {
  library: LibraryIndex;
  stream: StreamClient | undefined;
  clock: Clock;
  random: () => number;
  logger: Logger;
  transfer: TransferSettings;
  slots: TransferSlots;
  polling: PreparationPolling;
  /** Backoff between attempts of a job that waits (network down, 5xx, 429 without a hint). */
  retry: BackoffPolicy;
  events: EventEmitter<QueueEvents>;
}

/**
 * Drives one job through requesting → preparing → downloading → verifying → complete, persisting
 * every step. It stops quietly when someone else moves the job (pause, cancel) or the signal
 * aborts; on an error it leaves the job waiting, paused or failed with its problem recorded.
 */
export class JobRun {
  private readonly log: Logger;
  /** When this runner saw the job start preparing: the planner's preparation rate. */
  private preparingSince: number | undefined;

  constructor(
    private readonly deps: JobRunDeps,
    private readonly uid: string,
    private readonly kind: DownloadKind,
    private readonly signal: AbortSignal,
  ) {
    this.log = deps.logger.child({ uid, kind });
  }

  async run(): Promise<void> {
    for (;;) {
      const job = this.deps.library.getJob(this.uid, this.kind);
      if (!job || this.signal.aborted) return;
      try {
        if (!(await this.step(job))) return;
      } catch (error) {
        if (this.signal.aborted) return;
        this.settle(job, error);
        return;
      }
    }
  }

  /** Runs the step of the job's state; false when the job is in no state this runner drives. */
  private async step(job: Job): Promise<boolean> {
    switch (job.state) {
      case 'queued':
        this.apply({ type: 'begin' });
        return true;
      case 'requesting':
        await this.request();
        return true;
      case 'preparing':
        await this.prepare(job);
        return true;
      case 'downloading':
      case 'verifying':
        await this.download(job);
        return true;
      default:
        return false;
    }
  }

  private requireStream(): StreamClient {
    if (!this.deps.stream) throw failJob('no_account');
    return this.deps.stream;
  }

  private async request(): Promise<void> {
    const stream = this.requireStream();
    this.preparingSince = this.deps.clock.now();
    // Asked together: neither answer depends on the other, and a hotel link's round trip is
    // 0.1–0.3 s before the first byte.
    const [video, downloads] = await Promise.all([
      stream.getVideo(this.uid, { signal: this.signal }),
      stream.createDownload(this.uid, this.kind, { signal: this.signal }),
    ]);
    this.deps.library.upsertCatalogue([video]);
    await this.follow(downloads[this.kind], 'requesting');
  }

  /** Polls GET /downloads with capped backoff until Cloudflare says ready (or error). */
  private async prepare(job: Job): Promise<void> {
    const stream = this.requireStream();
    const { clock, polling } = this.deps;
    this.preparingSince ??= clock.now();
    let lastPercent = job.percentPrepared;
    let lastChangeAt = clock.now();
    for (let attempt = 0; ; attempt += 1) {
      await clock.sleep(backoffDelay(attempt, polling, this.deps.random), this.signal);
      const entry = (await stream.getDownloads(this.uid, { signal: this.signal }))[this.kind];
      if (entry?.status !== 'inprogress') return this.follow(entry, 'preparing');
      if (entry.percentComplete !== lastPercent) {
        lastPercent = entry.percentComplete;
        lastChangeAt = clock.now();
        if (!this.apply({ type: 'preparing' }, { percentPrepared: entry.percentComplete })) return;
        this.progress({ bytesDone: 0, bytesPerSecond: 0, percentPrepared: entry.percentComplete });
      } else if (clock.now() - lastChangeAt > polling.stallMs) {
        await stream.deleteDownload(this.uid, this.kind, { signal: this.signal }).catch(() => {});
        throw failJob('preparation_stalled');
      }
    }
  }

  /** Moves on from what Cloudflare says of the download. */
  private async follow(entry: DownloadEntry | undefined, from: 'requesting' | 'preparing') {
    if (!entry) {
      if (from === 'preparing') this.apply({ type: 'forgotten' });
      else throw failJob('download_failed', 'Cloudflare returned no download');
      return;
    }
    if (entry.status === 'ready' && entry.url) {
      this.measurePreparation();
      this.apply({ type: 'ready' }, { sourceUrl: entry.url, percentPrepared: 100 });
    } else if (entry.status === 'inprogress') {
      this.apply({ type: 'preparing' }, { percentPrepared: entry.percentComplete });
    } else {
      // Cloudflare's way out of an errored download is to delete it and ask again.
      await this.requireStream()
        .deleteDownload(this.uid, this.kind, { signal: this.signal })
        .catch(() => {});
      throw failJob('download_failed');
    }
  }

  /** Seconds of video Cloudflare prepared over the time it took (MP4s only: the plan's rate). */
  private measurePreparation(): void {
    const since = this.preparingSince;
    const duration = this.deps.library.getVideo(this.uid)?.duration ?? -1;
    if (since === undefined || this.kind !== 'default' || duration <= 0) return;
    const elapsed = Math.max(0, this.deps.clock.now() - since);
    this.deps.library.recordMeasurement(this.uid, this.kind, 'prepare', duration, elapsed);
  }

  private async download(job: Job): Promise<void> {
    const { library } = this.deps;
    const partPath = partFilePath(library.folder, this.uid, this.kind);
    const relative = mediaPath(this.uid, this.kind);
    const destinationPath = library.resolvePath(relative);
    const finished =
      !existsSync(partPath) && existsSync(destinationPath)
        ? await adoptFinishedFile(destinationPath)
        : undefined;
    // A crash right after the rename leaves the sidecar behind; the adopted file no longer needs it.
    if (finished) await removePart(partPath);
    const outcome = finished ?? (await this.transfer(job, partPath, destinationPath));
    const done = library.transaction(() => {
      library.addFile({
        uid: this.uid,
        role: this.kind,
        path: relative,
        bytes: outcome.bytes,
        sha256: outcome.sha256,
      });
      const saved = applyJobEvent(
        library,
        this.uid,
        this.kind,
        { type: 'saved' },
        {
          bytesDone: outcome.bytes,
          bytesTotal: outcome.bytes,
          attempts: 0,
        },
      );
      return saved !== undefined;
    });
    if (!done) return;
    this.announce();
    this.log.info('download complete', { bytes: outcome.bytes, sha256: outcome.sha256 });
    await saveCompanions(this.deps, this.uid, job, this.signal);
  }

  private async transfer(
    job: Job,
    partPath: string,
    destinationPath: string,
  ): Promise<TransferOutcome> {
    const release = await this.deps.slots.acquire(this.signal);
    const started = { at: this.deps.clock.now(), bytes: job.bytesDone };
    try {
      let url = await deliveryUrlFor(this.deps, job, { refresh: false, signal: this.signal });
      for (let refreshed = false; ; refreshed = true) {
        try {
          const outcome = await resumeTransfer(
            {
              url,
              partPath,
              destinationPath,
              signal: this.signal,
              onProgress: (p) => this.onBytes(job, p),
              onVerifying: () => this.apply({ type: 'received' }),
            },
            this.transferSettings(),
          );
          this.measureTransfer(outcome.bytes - started.bytes, this.deps.clock.now() - started.at);
          return outcome;
        } catch (error) {
          if (!(error instanceof TransferError && error.code === 'url_forbidden') || refreshed)
            throw error;
          // Signed links expire; a fresh token keeps every byte already on disk.
          url = await deliveryUrlFor(this.deps, job, { refresh: true, signal: this.signal });
        }
      }
    } finally {
      release();
    }
  }

  /**
   * The library's lines: the free-space floor (the tuning may set its own) and the room left
   * under the size limit, read when asked so a changed setting counts at the next check.
   */
  private transferSettings(): TransferSettings {
    const { library } = this.deps;
    return {
      reserveBytes: library.getSetting('freeSpaceFloorBytes'),
      logger: this.log,
      ...this.deps.transfer,
      libraryRoom: () => {
        const limit = library.getSetting('libraryLimitBytes');
        if (limit === null) return undefined;
        const used =
          library.storageUsage().bytes + library.bytesHeldByOtherJobs(this.uid, this.kind);
        return Math.max(0, limit - used);
      },
    };
  }

  /** What the link delivered to this job; short runs say more about latency than speed. */
  private measureTransfer(bytes: number, elapsedMs: number): void {
    if (bytes < 256 * 1024 || elapsedMs <= 0) return;
    this.deps.library.recordMeasurement(this.uid, this.kind, 'transfer', bytes, elapsedMs);
  }

  private onBytes(job: Job, p: Omit<JobProgress, 'uid' | 'kind'>): void {
    if (p.total !== undefined && job.bytesTotal !== p.total) {
      job.bytesTotal = p.total;
      applyJobEvent(
        this.deps.library,
        this.uid,
        this.kind,
        { type: 'measured' },
        {
          bytesTotal: p.total,
        },
      );
    }
    this.deps.library.recordProgress(this.uid, this.kind, p.bytesDone);
    this.progress(p);
  }

  private progress(p: Omit<JobProgress, 'uid' | 'kind'>): void {
    this.deps.events.emit('progress', { uid: this.uid, kind: this.kind, ...p });
  }

  /** Records what the error means for the job: waiting with a time, paused, or failed. */
  private settle(job: Job, error: unknown): void {
    const attempts = job.attempts + 1;
    const decision = withAttemptCap(decide(error), attempts);
    const current = this.deps.library.getJob(this.uid, this.kind)?.state ?? job.state;
    const patch: JobPatch = {
      attempts,
      errorCode: decision.problem.code,
      errorMessage: decision.problem.message,
      errorAction: decision.problem.action,
    };
    this.log.warn('job stopped', {
      state: current,
      code: decision.problem.code,
      next: decision.next,
    });
    if (decision.next === 'wait') {
      const delay =
        decision.retryAfterMs ?? backoffDelay(attempts - 1, this.deps.retry, this.deps.random);
      const nextAttemptAt = this.deps.clock.now() + delay;
      this.apply({ type: 'stopped', next: 'wait' }, { ...patch, nextAttemptAt });
    } else {
      this.apply({ type: 'stopped', next: decision.next }, patch);
    }
  }

  /** Applies one of the runner's lifecycle events; true when the job moved. */
  private apply(event: JobEvent, patch?: JobPatch): boolean {
    const moved = applyJobEvent(this.deps.library, this.uid, this.kind, event, patch);
    if (moved) this.announce();
    return moved !== undefined;
  }

  private announce(): void {
    const job = this.deps.library.getJob(this.uid, this.kind);
    if (job) this.deps.events.emit('job', job);
  }
}
