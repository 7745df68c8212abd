import type { CatalogueCard, JobState, JobView } from '../../../main/contract/index';

/** Speed and time left come only with job:progress events; JobView has neither. */
export interface ProgressSample {
  bytesPerSecond: number;
  etaSeconds?: number;
  /** Byte ranges held, while the file comes over several connections. */
  segments?: [number, number][];
}

export type JobKey = `${string}:${JobView['kind']}`;

export function jobKey(job: Pick<JobView, 'uid' | 'kind'>): JobKey {
  return `${job.uid}:${job.kind}`;
}

const working: ReadonlySet<JobState> = new Set([
  'queued',
  'requesting',
  'preparing',
  'downloading',
  'verifying',
  'waiting',
]);

export function isWorking(job: JobView): boolean {
  return working.has(job.state);
}

/** A job still wanting a person or the queue: everything but complete and removed. */
export function isUnfinished(job: JobView): boolean {
  return job.state !== 'complete' && job.state !== 'removed';
}

/** 0–100 for the progress bar, or null when there is nothing to measure yet. */
export function percentOf(job: JobView): number | null {
  if (job.state === 'complete') return 100;
  if (job.state === 'preparing') return Math.round(job.percentPrepared ?? 0);
  if (job.bytesTotal && job.bytesTotal > 0) {
    return Math.min(100, Math.round((job.bytesDone / job.bytesTotal) * 100));
  }
  return job.state === 'downloading' ? 0 : null;
}

/** The job a card is about: an unfinished one if any (the video before the audio), else none. */
export function currentJob(jobs: readonly JobView[]): JobView | undefined {
  const open = jobs.filter(isUnfinished);
  return open.find((job) => job.kind === 'default') ?? open[0];
}

/** Server jobs with newer ones from events laid over them, by kind. */
export function mergeJobs(
  card: CatalogueCard,
  live: ReadonlyMap<JobKey, JobView>,
): { jobs: JobView[]; offline: boolean } {
  const byKind = new Map(card.jobs.map((job) => [job.kind, job]));
  for (const kind of ['default', 'audio'] as const) {
    const fresh = live.get(`${card.uid}:${kind}`);
    if (fresh) byKind.set(kind, fresh);
  }
  const jobs = [...byKind.values()].filter((job) => job.state !== 'removed');
  const completed = jobs.some((job) => job.state === 'complete');
  const removedAll = card.jobs.length > 0 && jobs.length === 0;
  return { jobs, offline: completed || (card.offline && !removedAll) };
}
