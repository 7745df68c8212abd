import type { JobView } from '../../contract/index';
import type { DownloadKind, Job, LibraryIndex } from '../library/index';
import type { DownloadQueue } from '../queue/download-queue';
import { videoFromLink } from '../queue/link-video';
import { parseDeliveryUrl } from '../stream/signed-url';
import { appErrors } from './errors';
import { jobView } from './views';

export interface Target {
  uid: string;
  kind: DownloadKind;
}

/** Download commands of the contract over one library's queue. */
export class Downloads {
  constructor(
    private readonly library: LibraryIndex,
    private readonly queue: DownloadQueue,
  ) {}

  list(): JobView[] {
    return this.library
      .listJobs()
      .filter((j) => j.state !== 'removed')
      .map(jobView);
  }

  start({ uid, kind }: Target): JobView {
    if (!this.library.getVideo(uid)) throw appErrors.videoNotFound(uid);
    return jobView(this.queue.add(uid, kind));
  }

  /** Saves from a pasted signed (or public) delivery link; the video is named from the link. */
  link(url: string, name: string | undefined, now: Date): JobView {
    const link = parseDeliveryUrl(url);
    const uid = link.subject.kind === 'uid' ? link.subject.uid : link.subject.claims.sub;
    if (name || !this.library.getVideo(uid)) {
      this.library.upsertCatalogue([videoFromLink(uid, name ?? `Video ${uid.slice(0, 8)}`, now)]);
    }
    const existing = this.library.getJob(uid, link.download);
    if (existing?.state === 'paused') this.queue.resume(uid, link.download);
    return jobView(this.queue.addLink(uid, link.download, url));
  }

  pause(target: Target): JobView {
    this.job(target);
    this.queue.pause(target.uid, target.kind);
    return jobView(this.job(target));
  }

  resume(target: Target): JobView {
    this.job(target);
    this.queue.resume(target.uid, target.kind);
    return jobView(this.job(target));
  }

  async cancel(target: Target): Promise<JobView> {
    this.job(target);
    await this.queue.cancel(target.uid, target.kind);
    const job = this.library.getJob(target.uid, target.kind);
    if (!job) throw appErrors.jobNotFound(target.uid, target.kind);
    return jobView(job);
  }

  retry(target: Target): JobView {
    const job = this.job(target);
    if (job.state !== 'failed' && job.state !== 'waiting') return jobView(job);
    return jobView(this.queue.retry(target.uid, target.kind));
  }

  pauseAll(): number {
    return this.queue.pauseAll();
  }

  resumeAll(): number {
    return this.queue.resumeAll();
  }

  private job({ uid, kind }: Target): Job {
    const job = this.library.getJob(uid, kind);
    if (!job || job.state === 'removed') throw appErrors.jobNotFound(uid, kind);
    return job;
  }
}
