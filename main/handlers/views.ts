import type {
  CatalogueCard,
  CataloguePage,
  JobView,
  MediaId,
  ResultOf,
  Settings,
} from '../contract/index';
import type { CatalogueSlice } from '../core/app/catalogue';
import type { AppSettings } from '../core/app/index';
import type { ImportReport, VerifyReport } from '../core/app/use-cases/index';
import type { CatalogueItem, Job, LibraryFile, LibraryIndex } from '../core/library/index';
import { mediaIdOf } from '../core/playback/media-id';
import { displayPath } from '../core/problems/display-path';

// The core's domain values as the contract shows them to the renderer.

/** The settings with the library's folder in its display form only. */
export function settingsView({ libraryFolder, ...rest }: AppSettings): Settings {
  return { libraryLocation: displayPath(libraryFolder), ...rest };
}

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
    diskBytes: files.filter((f) => f.status === 'present').reduce((sum, f) => sum + f.bytes, 0),
    missing: files.some((f) => f.status === 'missing'),
    thumbnail: thumbnailOf(files),
    jobs: library
      .listJobs({ uid: item.uid })
      .filter((j) => j.state !== 'removed')
      .map(jobView),
    upstream: item.upstream,
    expiresAt: item.expiresAt === null ? null : new Date(item.expiresAt).toISOString(),
  };
}

/** Flagged files, one entry per video, by name. */
function byVideo(library: LibraryIndex, files: readonly LibraryFile[]): VideoRef[] {
  const uids = [...new Set(files.map((f) => f.uid))];
  return uids.map((uid) => ({ uid, name: library.getVideo(uid)?.name ?? uid }));
}

type VideoRef = { uid: string; name: string };

export function verifyView(
  library: LibraryIndex,
  report: VerifyReport,
): ResultOf<'library:verify'> {
  return {
    checked: report.checked,
    missing: byVideo(library, report.missing),
    corrupt: byVideo(library, report.corrupt),
  };
}

/** An import's answer: what came in, and the videos left out to offer "Replace them". */
export function importView(report: ImportReport): ResultOf<'library:import'> {
  const conflicts = report.conflicts.map(({ uid, name }) => ({ uid, name }));
  return { videos: report.imported.length, bytes: report.bytes, conflicts };
}

export function cataloguePageView(library: LibraryIndex, slice: CatalogueSlice): CataloguePage {
  return { ...slice, items: slice.items.map((item) => catalogueCard(item, library)) };
}
