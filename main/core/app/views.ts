import type { CatalogueCard, JobView, MediaId } from '../../contract/index';
import type { CatalogueItem, Job, LibraryFile, LibraryIndex } from '../library/index';
import { mediaIdOf } from '../playback/media-id';

/** A job as the renderer sees it: no URLs, no ETags, the problem as code + sentence + action. */
export function jobView(job: Job): JobView {
  return {
    uid: job.uid,
    kind: job.kind,
    state: job.state,
    bytesDone: job.bytesDone,
    bytesTotal: job.bytesTotal,
    percentPrepared: job.percentPrepared,
    nextAttemptAt: job.nextAttemptAt,
    problem: job.errorCode
      ? {
          code: job.errorCode,
          message: job.errorMessage ?? job.errorCode,
          ...(job.errorAction ? { action: job.errorAction } : {}),
        }
      : null,
  };
}

function thumbnailOf(files: readonly LibraryFile[]): MediaId | null {
  const file = files.find((f) => f.role === 'thumbnail' && f.status === 'present');
  return file ? mediaIdOf(file) : null;
}

export function catalogueCard(item: CatalogueItem, library: LibraryIndex): CatalogueCard {
  const files = library.getFiles(item.uid);
  return {
    uid: item.uid,
    name: item.name,
    created: item.created,
    duration: item.duration,
    size: item.size,
    ready: item.readyToStream,
    errored: item.state === 'error',
    private: item.requireSignedUrls,
    offline: item.offline,
    missing: files.some((f) => f.status === 'missing'),
    thumbnail: thumbnailOf(files),
    jobs: library
      .listJobs({ uid: item.uid })
      .filter((j) => j.state !== 'removed')
      .map(jobView),
  };
}
