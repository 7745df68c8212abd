import type { Clock } from '../clock';
import type { HttpStack, NetworkSettings } from '../http/http-stack';
import { type Job, type LibraryIndex, openLibrary } from '../library/index';
import type { Logger } from '../log';
import { DownloadQueue, type DownloadQueueOptions } from '../queue/download-queue';
import { DownloadWindowGate } from '../queue/download-window';
import type { JobProgress, QueueEvents } from '../queue/events';
import { machineZone } from '../schedule/evaluate';
import type { StreamClient } from '../stream/client';
import { BandwidthLimiter } from '../transfer/bandwidth';
import { ConnectionBudget } from '../transfer/connections';
import type { AppEventHub } from './app-events';
import { enforcePolicy } from './fleet/enforce-policy';
import type { Policy } from './fleet/policy';
import { applyNetwork, type NetworkEnvironment } from './network';
import { problemOf } from './problems';
import { cleanUpRemoteDownload } from './use-cases/clean-up-remote-download';
import { startWatchedCleanup } from './watched-cleanup-timer';

/** Knobs tests turn to make the queue quick; the app's defaults leave them unset. */
export type QueueTuning = Partial<
  Pick<DownloadQueueOptions, 'polling' | 'retry' | 'transfer' | 'random'>
>;

export interface SessionDeps {
  clock: Clock;
  logger: Logger;
  hub: AppEventHub;
  tuning: QueueTuning;
  /** Secrets to cut out of problems pushed as events. */
  secrets: () => readonly string[];
  /** The app's one HTTP stack; the session points it at the library's network settings. */
  http: HttpStack;
  /** Read at every apply: the app answers "no proxy" while it shows the local demo. */
  network: () => NetworkEnvironment;
  /**
   * Continue the library's unfinished downloads at once (the app). The command line says no:
   * it runs only the downloads it is asked for, and its other commands run none.
   */
  recover?: boolean;
  /** The zone schedules are read in; the machine's own by default. */
  timeZone?: string;
  /** IT's policy: its locked values are written into the library before anything reads them. */
  policy?: Policy;
}

/**
 * One open library with its download queue and the bandwidth cap all its transfers share.
 * The queue is rebuilt when the account changes; jobs live in the library, so none is lost.
 */
export class LibrarySession {
  readonly bandwidth: BandwidthLimiter;
  /** Connections per download and the bounds all downloads share. */
  readonly connections: ConnectionBudget;
  queue: DownloadQueue;
  /** The download window every queue of this session obeys. */
  readonly downloadWindow: DownloadWindowGate;
  private detach: () => void = () => {};
  private windowAlarm: AbortController | undefined;
  private stopCleanup: () => void = () => {};
  private stream: StreamClient | undefined;
  /** Clean-ups on Cloudflare still running, so close() can wait for them. */
  private readonly cleanUps = new Set<Promise<void>>();

  private constructor(
    readonly library: LibraryIndex,
    private readonly deps: SessionDeps,
    stream: StreamClient | undefined,
  ) {
    this.bandwidth = new BandwidthLimiter(deps.clock, library.getSetting('bandwidthCap'));
    this.connections = new ConnectionBudget(
      { perDownload: library.getSetting('connectionsPerDownload') },
      deps.clock,
    );
    void this.applyNetwork().catch(() => {}); // a bad setting fails each request instead
    this.downloadWindow = new DownloadWindowGate(deps.timeZone ?? machineZone());
    this.readDownloadWindow();
    this.queue = this.startQueue(stream);
    this.applyDownloadWindow();
    if (deps.recover ?? true) {
      this.stopCleanup = startWatchedCleanup(this, deps.clock, deps.logger, () =>
        deps.hub.emit('catalogue:changed', {}),
      );
    }
  }

  /**
   * Re-reads the download window and the cap, sets the cap for this moment, holds or wakes the
   * jobs, and sleeps until the next window edge to do it again (no polling in between).
   */
  applyDownloadWindow(): void {
    this.windowAlarm?.abort();
    this.windowAlarm = undefined;
    this.readDownloadWindow();
    const now = this.deps.clock.now();
    const state = this.downloadWindow.stateAt(now);
    this.bandwidth.setLimit(state.cap);
    this.queue.windowChanged();
    if (state.nextChange === null) return;
    const alarm = new AbortController();
    this.windowAlarm = alarm;
    this.deps.clock.sleep(state.nextChange - now, alarm.signal).then(
      () => this.applyDownloadWindow(),
      () => {},
    );
  }

  private readDownloadWindow(): void {
    const { library } = this;
    this.downloadWindow.set(
      library.getSetting('downloadWindow'),
      library.getSetting('bandwidthCap'),
    );
  }

  static open(folder: string, deps: SessionDeps, stream?: StreamClient): LibrarySession {
    const library = openLibrary(folder, { clock: deps.clock, logger: deps.logger });
    if (deps.policy) enforcePolicy(library, deps.policy);
    return new LibrarySession(library, deps, stream);
  }

  get folder(): string {
    return this.library.folder;
  }

  /** Stops the running transfers and continues them with the new account's client. */
  async setStream(stream: StreamClient | undefined): Promise<void> {
    await this.stopQueue();
    this.queue = this.startQueue(stream);
    this.applyDownloadWindow();
  }

  /** Re-reads the proxy settings; every later request (API, media, companions) follows them. */
  applyNetwork(): Promise<NetworkSettings> {
    return applyNetwork(this.deps.http, this.library, this.deps.network());
  }

  async stopQueue(): Promise<void> {
    this.detach();
    this.windowAlarm?.abort();
    this.windowAlarm = undefined;
    await this.queue.stop();
    await Promise.all(this.cleanUps);
  }

  async close(): Promise<void> {
    this.stopCleanup();
    await this.stopQueue();
    this.library.close();
  }

  private startQueue(stream: StreamClient | undefined): DownloadQueue {
    const { clock, logger, tuning } = this.deps;
    this.stream = stream;
    const queue = new DownloadQueue({
      library: this.library,
      clock,
      logger,
      concurrency: this.library.getSetting('downloadConcurrency'),
      ...tuning,
      transfer: {
        connections: this.connections,
        ...tuning.transfer,
        bandwidth: this.bandwidth,
        http: this.deps.http,
      },
      ...(stream ? { stream } : {}),
      window: this.downloadWindow,
    });
    this.detach = this.forwardEvents(queue);
    if (this.deps.recover ?? true) queue.start();
    return queue;
  }

  /** The deleteRemoteDownloads setting, once a download is saved; a failure is only logged. */
  private cleanUpRemote(job: Job): void {
    const stream = this.stream;
    if (!stream) return;
    const { logger } = this.deps;
    const running = cleanUpRemoteDownload(this, stream, job)
      .then((outcome) => {
        if (outcome === 'deleted' || outcome === 'unsupported') {
          logger.info('remote download clean-up', { uid: job.uid, kind: job.kind, outcome });
        }
      })
      .catch((error: unknown) => {
        const { code } = problemOf(error, this.deps.secrets());
        logger.warn('the download on Cloudflare could not be deleted', { uid: job.uid, code });
      })
      .finally(() => this.cleanUps.delete(running));
    this.cleanUps.add(running);
  }

  private forwardEvents(queue: DownloadQueue): () => void {
    const { hub } = this.deps;
    const onJob = (job: Job) => {
      hub.emit('job:state', job);
      if (job.state !== 'complete') return;
      hub.emit('catalogue:changed', {});
      this.cleanUpRemote(job);
    };
    const onProgress = (p: JobProgress) => {
      hub.emit('job:progress', {
        uid: p.uid,
        kind: p.kind,
        bytesDone: p.bytesDone,
        bytesPerSecond: p.bytesPerSecond,
        ...(p.total !== undefined ? { total: p.total } : {}),
        ...(p.etaSeconds !== undefined ? { etaSeconds: p.etaSeconds } : {}),
        ...(p.percentPrepared !== undefined ? { percentPrepared: p.percentPrepared } : {}),
        ...(p.segments ? { segments: p.segments } : {}),
      });
    };
    const onHalted = (e: QueueEvents['halted'][0]) => {
      hub.emit('library:problem', problemOf(e.error, this.deps.secrets()));
    };
    queue.events.on('job', onJob);
    queue.events.on('progress', onProgress);
    queue.events.on('halted', onHalted);
    return () => {
      queue.events.off('job', onJob);
      queue.events.off('progress', onProgress);
      queue.events.off('halted', onHalted);
    };
  }
}
