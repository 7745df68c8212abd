import { EventEmitter } from 'node:events';
import type { BackoffPolicy } from '../backoff';
import { type Clock, systemClock } from '../clock';
import {
  activeJobStates,
  type Job,
  type JobPatch,
  type JobState,
  type LibraryIndex,
  partFilePath,
} from '../library/index';
import { type Logger, silentLogger } from '../log';
import { problem } from '../problems/catalogue';
import type { StreamClient } from '../stream/client';
import type { DownloadKind } from '../stream/ids';
import { removePart } from '../transfer/part-file';
import type { TransferSettings } from '../transfer/transfer';
import { applyJobEvent } from './apply-job-event';
import type { DownloadWindowGate } from './download-window';
import type { QueueEvents } from './events';
import type { JobEffect, JobEvent } from './job-lifecycle';
import { JobRun, type JobRunDeps, type PreparationPolling } from './job-run';
import { TransferSlots } from './slots';

export interface DownloadQueueOptions {
  library: LibraryIndex;
  /** The connected account; without one only signed links can be saved. */
  stream?: StreamClient;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  /** Transfers running at once (default 3). Preparation polling is not limited by it. */
  concurrency?: number;
  transfer?: TransferSettings;
  polling?: Partial<PreparationPolling>;
  retry?: BackoffPolicy;
  /** When transfers may run; without it, any time. */
  window?: DownloadWindowGate;
}

const key = (uid: string, kind: DownloadKind) => `${uid}:${kind}`;
const pausable: readonly JobState[] = [...activeJobStates, 'waiting'];

/**
 * The download jobs of one library: starts and schedules them, applies pause / resume / cancel /
 * retry, and on start continues every job that was active when the app last stopped. Every state
 * lives in the library index, so this object only holds what is running right now.
 */
export class DownloadQueue {
  readonly events: EventEmitter<QueueEvents>;
  private readonly deps: JobRunDeps;
  private readonly running = new Map<
    string,
    { controller: AbortController; done: Promise<void> }
  >();
  private readonly alarms = new Map<string, AbortController>();
  private idleWaiters: (() => void)[] = [];
  /** Jobs whose runner crashed: they keep their active state, but nothing will move them. */
  private readonly halted = new Set<string>();
  /** The effects of a command still being carried out (a cancel deleting its partial file). */
  private readonly pending = new Map<string, Promise<void>>();
  private stopped = false;
  private readonly window: DownloadWindowGate | undefined;

  constructor(options: DownloadQueueOptions) {
    const clock = options.clock ?? systemClock;
    this.window = options.window;
    this.events = new EventEmitter<QueueEvents>();
    this.deps = {
      library: options.library,
      stream: options.stream,
      clock,
      random: options.random ?? Math.random,
      logger: (options.logger ?? silentLogger).child({ component: 'queue' }),
      transfer: { clock, ...options.transfer },
      slots: new TransferSlots(options.concurrency ?? 3),
      polling: { baseMs: 2_000, capMs: 30_000, stallMs: 30 * 60_000, ...options.polling },
      retry: options.retry ?? { baseMs: 2_000, capMs: 5 * 60_000 },
      events: this.events,
    };
  }

  /** Continues every job that was active or waiting (recovery at start-up). */
  start(): void {
    this.stopped = false;
    for (const job of this.deps.library.listJobs({ states: pausable })) this.schedule(job);
  }

  /**
   * Queues a download of one rendition. Asking again for a known job continues it if it was
   * left active (another process stopped), retries it if it failed, else returns it as it is.
   */
  add(uid: string, kind: DownloadKind): Job {
    const { library } = this.deps;
    const existing = library.getJob(uid, kind);
    if (existing?.state === 'failed') return this.retry(uid, kind);
    if (existing && existing.state !== 'removed') {
      this.schedule(existing);
      return existing;
    }
    return this.started(library.createJob({ uid, kind, source: 'api' }));
  }

  /** Queues a save from a signed (or public) delivery link, which needs no API token. */
  addLink(uid: string, kind: DownloadKind, url: string): Job {
    const { library } = this.deps;
    const existing = library.getJob(uid, kind);
    if (existing && existing.state !== 'removed' && existing.state !== 'failed') {
      this.schedule(existing);
      return existing;
    }
    if (existing?.state === 'failed') {
      this.apply(uid, kind, { type: 'again' }, { source: 'signed_url', sourceUrl: url });
      return this.started(this.job(uid, kind));
    }
    return this.started(library.createJob({ uid, kind, source: 'signed_url', sourceUrl: url }));
  }

  pause(uid: string, kind: DownloadKind): boolean {
    return this.command(uid, kind, { type: 'pause' }) !== undefined;
  }

  resume(uid: string, kind: DownloadKind): boolean {
    return this.command(uid, kind, { type: 'resume' }) !== undefined;
  }

  /** Moves a failed job back to the queue, or wakes a waiting one now. */
  retry(uid: string, kind: DownloadKind): Job {
    const attempts = this.job(uid, kind).state === 'failed' ? { attempts: 0 } : {};
    this.command(uid, kind, { type: 'retry' }, attempts);
    return this.started(this.job(uid, kind));
  }

  /** Stops a job for good and deletes its partial bytes. */
  async cancel(uid: string, kind: DownloadKind): Promise<boolean> {
    const move = this.command(uid, kind, { type: 'cancel' });
    await this.pending.get(key(uid, kind));
    return move !== undefined;
  }

  /** The video's files were removed from the device: its finished job goes with them. */
  retire(uid: string, kind: DownloadKind): boolean {
    return this.apply(uid, kind, { type: 'retire' }) !== undefined;
  }

  pauseAll(): number {
    return this.deps.library.listJobs({ states: pausable }).filter((j) => this.pause(j.uid, j.kind))
      .length;
  }

  resumeAll(): number {
    return this.deps.library
      .listJobs({ states: ['paused'] })
      .filter((j) => this.resume(j.uid, j.kind)).length;
  }

  /** The network came back (or went away): waiting jobs try again at once when it returns. */
  setOnline(online: boolean): void {
    if (!online) return;
    for (const job of this.deps.library.listJobs({ states: ['waiting'] })) {
      this.alarms.get(key(job.uid, job.kind))?.abort();
      this.wake(job);
    }
  }

  /**
   * The download window opened or closed (or changed): a closed one sends the jobs this queue
   * runs to wait for it; an open one wakes the jobs that were waiting for it.
   */
  windowChanged(): void {
    if (this.stopped) return;
    // Only the jobs this queue runs or has armed: another process (the CLI beside the app)
    // may hold the others, and the command line runs no download it was not asked for.
    const mine = this.deps.library
      .listJobs({ states: pausable })
      .filter(
        (job) =>
          this.running.has(key(job.uid, job.kind)) || this.alarms.has(key(job.uid, job.kind)),
      );
    const closed = this.closedWindow();
    if (closed) {
      for (const job of mine) if (job.state !== 'waiting') this.hold(job, closed.opensAt);
      return;
    }
    for (const job of mine) {
      if (job.state !== 'waiting' || job.errorCode !== 'outside_download_window') continue;
      this.alarms.get(key(job.uid, job.kind))?.abort();
      this.wake(job);
    }
  }

  /**
   * Room was made (a video removed, a limit raised): downloads waiting for room look again now
   * rather than at their next check.
   */
  roomMade(): number {
    // Only the jobs this queue runs or has armed, as windowChanged: another process may hold
    // the others (a runner that just stopped to wait arms its job when it has finished).
    const mine = (id: string) => this.running.has(id) || this.alarms.has(id);
    const waiting = this.deps.library
      .listJobs({ states: ['waiting'] })
      .filter((job) => job.errorCode === 'storage_floor' || job.errorCode === 'library_limit')
      .filter((job) => mine(key(job.uid, job.kind)));
    for (const job of waiting) {
      this.alarms.get(key(job.uid, job.kind))?.abort();
      this.wake(job);
    }
    return waiting.length;
  }

  setConcurrency(limit: number): void {
    this.deps.slots.setLimit(limit);
  }

  /**
   * Resolves once no job is active or waiting (every one completed, failed or paused), a job
   * whose runner halted counting as settled until someone moves it again.
   */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  /**
   * Resolves with the jobs once each is complete, failed, paused or removed and its runner has
   * finished (a completed video's thumbnail and captions are saved after it completes). Rejects
   * with the error of a job whose runner halted (see the `halted` event).
   */
  async settled(jobs: readonly { uid: string; kind: DownloadKind }[]): Promise<Job[]> {
    const current = () => jobs.map((j) => this.job(j.uid, j.kind));
    const done = () => current().every((j) => !pausable.includes(j.state));
    if (!done()) {
      await new Promise<void>((resolve, reject) => {
        const stop = () => {
          this.events.off('job', listener);
          this.events.off('halted', onHalt);
        };
        const listener = () => {
          if (!done()) return;
          stop();
          resolve();
        };
        const onHalt = (e: QueueEvents['halted'][0]) => {
          if (!jobs.some((j) => j.uid === e.uid && j.kind === e.kind)) return;
          stop();
          reject(e.error);
        };
        this.events.on('job', listener);
        this.events.on('halted', onHalt);
      });
    }
    await Promise.all(jobs.map((j) => this.running.get(key(j.uid, j.kind))?.done));
    return current();
  }

  /** Stops every runner and alarm; jobs keep their states for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const alarm of this.alarms.values()) alarm.abort();
    this.alarms.clear();
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort();
    await Promise.all(runs.map((r) => r.done));
  }

  private started(job: Job): Job {
    this.events.emit('job', job);
    this.schedule(job);
    return this.job(job.uid, job.kind);
  }

  private schedule(job: Job): void {
    if (this.stopped || this.running.has(key(job.uid, job.kind))) return;
    if (job.state === 'waiting') {
      this.arm(job);
      return;
    }
    if (!(activeJobStates as readonly JobState[]).includes(job.state)) return;
    const closed = this.closedWindow();
    if (closed) {
      this.hold(job, closed.opensAt);
      return;
    }
    this.halted.delete(key(job.uid, job.kind));
    const controller = new AbortController();
    let halted: { error: unknown } | undefined;
    const done = new JobRun(this.deps, job.uid, job.kind, controller.signal)
      .run()
      .catch((error: unknown) => {
        halted = { error };
        this.deps.logger.error('job runner crashed', { uid: job.uid, error });
      })
      .finally(() => {
        this.running.delete(key(job.uid, job.kind));
        // Rescheduling a runner that crashed would crash again at once, in a loop.
        if (halted) {
          this.halted.add(key(job.uid, job.kind));
          this.events.emit('halted', { uid: job.uid, kind: job.kind, ...halted });
        }
        // Someone may have moved the job while this runner was finishing (retry, resume).
        const after = halted ? undefined : this.deps.library.getJob(job.uid, job.kind);
        if (after) this.schedule(after);
        this.checkIdle();
      });
    this.running.set(key(job.uid, job.kind), { controller, done });
  }

  /** Sleeps until a waiting job's next attempt, then moves it back where it was. */
  private arm(job: Job): void {
    const id = key(job.uid, job.kind);
    if (this.alarms.has(id)) return;
    const alarm = new AbortController();
    this.alarms.set(id, alarm);
    const delay = Math.max(0, (job.nextAttemptAt ?? 0) - this.deps.clock.now());
    this.deps.clock.sleep(delay, alarm.signal).then(
      () => {
        this.alarms.delete(id);
        this.wake(job);
      },
      () => this.alarms.delete(id),
    );
  }

  /** When the closed window opens next, or undefined while transfers may run. */
  private closedWindow(): { opensAt: number | null } | undefined {
    const state = this.window?.stateAt(this.deps.clock.now());
    return state && !state.open ? { opensAt: state.opensAt } : undefined;
  }

  /** Sends a job to wait for the window, saying when it opens. */
  private hold(job: Job, opensAt: number | null): void {
    const when = opensAt === null || !this.window ? undefined : this.window.describe(opensAt);
    const { code, message, action } = problem(
      'outside_download_window',
      when ? `starts ${when}` : undefined,
    );
    this.command(
      job.uid,
      job.kind,
      { type: 'hold' },
      {
        // Without a next opening (every window lost to a DST gap), it looks again in a day.
        nextAttemptAt: opensAt ?? this.deps.clock.now() + 24 * 3_600_000,
        errorCode: code,
        errorMessage: message,
        errorAction: action,
      },
    );
  }

  private wake(job: Job): void {
    this.command(job.uid, job.kind, { type: 'wake' });
  }

  private async halt(uid: string, kind: DownloadKind): Promise<void> {
    this.alarms.get(key(uid, kind))?.abort();
    const run = this.running.get(key(uid, kind));
    run?.controller.abort();
    await run?.done;
    this.checkIdle();
  }

  /** Applies a lifecycle event, announcing the job when it moved. */
  private apply(uid: string, kind: DownloadKind, event: JobEvent, patch: JobPatch = {}) {
    const move = applyJobEvent(this.deps.library, uid, kind, event, patch);
    if (move) this.events.emit('job', this.job(uid, kind));
    return move;
  }

  /** A command from a person or the app: applies it, then carries out the lifecycle's effects. */
  private command(uid: string, kind: DownloadKind, event: JobEvent, patch: JobPatch = {}) {
    const move = this.apply(uid, kind, event, patch);
    if (!move) return undefined;
    const work = this.perform(uid, kind, move.effects);
    this.pending.set(key(uid, kind), work);
    void work.finally(() => {
      if (this.pending.get(key(uid, kind)) === work) this.pending.delete(key(uid, kind));
    });
    return move;
  }

  private async perform(uid: string, kind: DownloadKind, effects: readonly JobEffect[]) {
    if (effects.includes('halt')) await this.halt(uid, kind);
    if (effects.includes('discard_partial')) {
      await removePart(partFilePath(this.deps.library.folder, uid, kind));
    }
    if (effects.includes('run') || effects.includes('arm')) this.schedule(this.job(uid, kind));
  }

  private job(uid: string, kind: DownloadKind): Job {
    const job = this.deps.library.getJob(uid, kind);
    if (!job) throw new Error(`no job for ${uid} ${kind}`);
    return job;
  }

  private checkIdle(): void {
    if (this.running.size > 0) return;
    const unsettled = this.deps.library
      .listJobs({ states: pausable })
      .some((job) => !this.halted.has(key(job.uid, job.kind)));
    if (unsettled) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
