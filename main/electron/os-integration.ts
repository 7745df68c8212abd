import { Notification, type PowerSaveBlocker } from 'electron';
import type { AppBackend } from '../handlers/backend';
import { OnlineWatch } from './connectivity';
import { type JobNotice, JobWatch } from './job-watch';

export interface ProgressTarget {
  isDestroyed(): boolean;
  setProgressBar(progress: number): void;
}

export interface OsIntegrationDeps {
  backend: Pick<AppBackend, 'subscribe'>;
  /** Our window, while there is one (taskbar / dock progress). */
  window: () => ProgressTarget | undefined;
  notify(notice: JobNotice): void;
  /** Extra view of the totals, e.g. the tray tooltip. */
  onProgress?(fraction: number): void;
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>;
  powerMonitor: { on(event: 'resume', listener: () => void): unknown };
  isOnline(): boolean;
  setOnline(online: boolean): void;
  /** How often to look at the network state; 5 s by default. */
  pollMs?: number;
}

/**
 * The desktop around the window: progress in the taskbar, a notification when a job ends,
 * the machine kept awake while bytes flow, and the backend told about sleep and the network.
 * Returns a function that detaches all of it.
 */
export function attachOsIntegration(deps: OsIntegrationDeps): () => void {
  const jobs = new JobWatch();
  const awake = new AwakeWhileDownloading(deps.powerSaveBlocker);
  const unsubscribe = deps.backend.subscribe((event, payload) => {
    if (event !== 'job:state' && event !== 'job:progress') return;
    const notice = jobs.apply(event, payload);
    if (notice) deps.notify(notice);
    const fraction = jobs.fraction();
    const window = deps.window();
    if (window && !window.isDestroyed()) window.setProgressBar(fraction);
    deps.onProgress?.(fraction);
    awake.update(jobs.downloading());
  });
  const online = new OnlineWatch(deps.isOnline, deps.setOnline);
  deps.powerMonitor.on('resume', () => online.resumed());
  online.check();
  const timer = setInterval(() => online.check(), deps.pollMs ?? 5000);
  timer.unref();
  return () => {
    unsubscribe();
    clearInterval(timer);
    awake.update(false);
  };
}

/** Holds one 'prevent-app-suspension' blocker exactly while a download runs. */
export class AwakeWhileDownloading {
  private blocker: number | undefined;

  constructor(private readonly power: Pick<PowerSaveBlocker, 'start' | 'stop'>) {}

  update(downloading: boolean): void {
    if (downloading && this.blocker === undefined) {
      this.blocker = this.power.start('prevent-app-suspension');
    } else if (!downloading && this.blocker !== undefined) {
      this.power.stop(this.blocker);
      this.blocker = undefined;
    }
  }
}

/** A system notification for a finished or failed job; a click brings the window forward. */
export function showNotice(notice: JobNotice, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: notice.title, body: notice.body });
  notification.on('click', onClick);
  notification.show();
}
