import type { EventName, EventPayload, JobState, JobView } from '../contract/index';

/** States in which a job is still on its way; anything else leaves the taskbar idle. */
const activeStates: ReadonlySet<JobState> = new Set([
  'queued',
  'requesting',
  'preparing',
  'downloading',
  'verifying',
]);

interface Tracked {
  state: JobState;
  bytesDone: number;
  total: number | undefined;
}

export interface JobNotice {
  title: string;
  body: string;
}

/**
 * Follows job:state and job:progress to answer what the OS shell shows: one progress fraction
 * for all active jobs, whether bytes are flowing, and which transitions deserve a notification.
 */
export class JobWatch {
  private readonly jobs = new Map<string, Tracked>();

  /** Applies one event; returns the notice it calls for, if any. */
  apply<E extends EventName>(event: E, payload: EventPayload<E>): JobNotice | undefined {
    if (event === 'job:state') return this.state(payload as EventPayload<'job:state'>);
    if (event === 'job:progress') this.progress(payload as EventPayload<'job:progress'>);
    return undefined;
  }

  /** For win.setProgressBar: -1 idle, 0…1 known bytes, 2 (indeterminate) when none are known. */
  fraction(): number {
    let done = 0;
    let total = 0;
    let active = 0;
    for (const job of this.jobs.values()) {
      if (!activeStates.has(job.state)) continue;
      active += 1;
      if (job.total === undefined || job.total <= 0) continue;
      done += Math.min(job.bytesDone, job.total);
      total += job.total;
    }
    if (active === 0) return -1;
    return total === 0 ? 2 : done / total;
  }

  /** True while at least one job is transferring bytes (keeps the machine awake). */
  downloading(): boolean {
    for (const job of this.jobs.values()) if (job.state === 'downloading') return true;
    return false;
  }

  private state(job: JobView): JobNotice | undefined {
    const key = `${job.uid}.${job.kind}`;
    const previous = this.jobs.get(key);
    if (activeStates.has(job.state)) {
      const total = job.bytesTotal ?? previous?.total;
      this.jobs.set(key, { state: job.state, bytesDone: job.bytesDone, total });
    } else if (job.state === 'removed') {
      this.jobs.delete(key);
    } else {
      this.jobs.set(key, { state: job.state, bytesDone: job.bytesDone, total: undefined });
    }
    // Only a change seen happening: a replayed or first-seen final state stays quiet.
    if (!previous || previous.state === job.state) return undefined;
    return jobNotice(job);
  }

  private progress(update: EventPayload<'job:progress'>): void {
    const key = `${update.uid}.${update.kind}`;
    const previous = this.jobs.get(key);
    const guessed = update.percentPrepared === undefined ? 'downloading' : 'preparing';
    const state = previous && activeStates.has(previous.state) ? previous.state : guessed;
    this.jobs.set(key, {
      state,
      bytesDone: update.bytesDone,
      total: update.total ?? previous?.total,
    });
  }
}

/** The notification for a job that just finished or failed, with the problem's own sentence. */
export function jobNotice(job: JobView): JobNotice | undefined {
  const what = job.kind === 'audio' ? 'The audio' : 'The video';
  if (job.state === 'complete') {
    return { title: 'Saved for offline viewing', body: `${what} is in your library.` };
  }
  if (job.state === 'failed') {
    const sentence = job.problem?.message ?? `${what} could not be saved.`;
    const body = job.problem?.action ? `${sentence} ${job.problem.action}` : sentence;
    return { title: 'Download failed', body };
  }
  return undefined;
}
