import type { Job } from '../library/index';
import type { DownloadKind } from '../stream/ids';

/** Live progress of one job: bytes while downloading, Cloudflare's percentage while preparing. */
export interface JobProgress {
  uid: string;
  kind: DownloadKind;
  bytesDone: number;
  total?: number;
  bytesPerSecond: number;
  etaSeconds?: number;
  percentPrepared?: number;
  /** Byte ranges held, while the file is fetched over several connections. */
  segments?: [number, number][];
}

export interface QueueEvents {
  /** A job changed state (or its error, attempts or next attempt time). */
  job: [job: Job];
  progress: [progress: JobProgress];
  /** A best-effort companion (thumbnail, caption) could not be saved; the video is fine. */
  companion: [event: { uid: string; what: string; saved: boolean; reason?: string }];
  /**
   * A job's runner stopped on an error its outcome could not even be recorded for (the disk is
   * full, the library folder is gone). The job keeps its last recorded state and is not retried
   * until asked again (add, retry, or the next start).
   */
  halted: [event: { uid: string; kind: DownloadKind; error: unknown }];
}
