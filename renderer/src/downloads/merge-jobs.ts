import type { JobView } from '../../../main/contract/index';
import { isUnfinished, isWorking, type JobKey, jobKey } from '../app/jobs';

function rank(job: JobView): number {
  if (isWorking(job)) return 0;
  if (job.state === 'failed') return 1;
  if (job.state === 'paused') return 2;
  return 3;
}

/** The listed jobs with the newer ones from events laid over them; running first, done last. */
export function mergeJobList(
  listed: readonly JobView[],
  live: ReadonlyMap<JobKey, JobView>,
): JobView[] {
  const byKey = new Map(listed.map((job) => [jobKey(job), job]));
  for (const [key, job] of live) byKey.set(key, job);
  return [...byKey.values()]
    .filter((job) => job.state !== 'removed')
    .sort((a, b) => rank(a) - rank(b));
}

/** Bytes done over bytes expected, across unfinished jobs whose size is known. */
export function overallPercent(jobs: readonly JobView[]): number | null {
  let done = 0;
  let total = 0;
  for (const job of jobs) {
    if (!isUnfinished(job) || !job.bytesTotal) continue;
    done += Math.min(job.bytesDone, job.bytesTotal);
    total += job.bytesTotal;
  }
  return total > 0 ? (done / total) * 100 : null;
}
