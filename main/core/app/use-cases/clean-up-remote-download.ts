import type { Job } from '../../library/index';
import type { RemoteDeletion, StreamClient } from '../../stream/client';
import type { LibrarySession } from '../library-session';

export type CleanUpOutcome = RemoteDeletion | 'off' | 'not-ours' | 'not-saved';

/**
 * Deletes the MP4/M4A download resource on Cloudflare once its file is saved and verified here,
 * when the deleteRemoteDownloads setting asks for it. Never the video: only
 * `DELETE …/downloads[/{type}]`.
 *
 * Account owners only: the job must have come through the connected account's API (source
 * `api`), where this token created the download with POST /downloads, which needs the same
 * Stream Write permission as deleting it. A video saved from a pasted link belongs to someone
 * else's account (or one Offstream cannot speak for) and is never touched.
 */
export async function cleanUpRemoteDownload(
  session: LibrarySession,
  stream: StreamClient,
  job: Job,
): Promise<CleanUpOutcome> {
  const { library } = session;
  if (!library.getSetting('deleteRemoteDownloads')) return 'off';
  if (job.source !== 'api') return 'not-ours';
  const file = library.getFiles(job.uid).find((f) => f.role === job.kind);
  const verified = job.state === 'complete' && file?.status === 'present';
  if (!verified) return 'not-saved';
  return stream.deleteDownload(job.uid, job.kind);
}
