import type { ResultOf } from '../../contract/index';
import type { LibraryFile, LibraryIndex } from '../library/index';
import { type ImportReport, verifyLibrary } from '../library/portable/index';
import type { DownloadQueue } from '../queue/download-queue';
import { volumeFreeBytes } from '../transfer/transfer';

const kinds = ['default', 'audio'] as const;

/**
 * Takes a video out of the library: cancels its downloads (deleting their partial bytes),
 * deletes its files, and retires its finished jobs so it can be downloaded again.
 */
export async function removeVideo(
  library: LibraryIndex,
  queue: DownloadQueue,
  uid: string,
): Promise<void> {
  for (const kind of kinds) await queue.cancel(uid, kind);
  library.removeVideoFiles(uid);
  for (const kind of kinds) library.transitionJob(uid, kind, ['complete'], 'removed');
}

export async function storageUsage(library: LibraryIndex): Promise<ResultOf<'library:storage'>> {
  const usage = library.storageUsage();
  const freeBytes = await volumeFreeBytes(library.folder).catch(() => null);
  return { libraryBytes: usage.bytes, files: usage.files, freeBytes };
}

type Flagged = ResultOf<'library:verify'>['missing'];

function byVideo(library: LibraryIndex, files: readonly LibraryFile[]): Flagged {
  const uids = [...new Set(files.map((f) => f.uid))];
  return uids.map((uid) => ({ uid, name: library.getVideo(uid)?.name ?? uid }));
}

/** Re-hashes every file; what is absent or damaged is marked missing and listed per video. */
export async function verifyReport(library: LibraryIndex): Promise<ResultOf<'library:verify'>> {
  const report = await verifyLibrary(library);
  return {
    checked: report.checked,
    missing: byVideo(library, report.missing),
    corrupt: byVideo(library, report.corrupt),
  };
}

/** An import's answer: what came in, and the videos left out to offer "Replace them". */
export function importSummary(report: ImportReport): ResultOf<'library:import'> {
  const conflicts = report.conflicts.map(({ uid, name }) => ({ uid, name }));
  return { videos: report.imported.length, bytes: report.bytes, conflicts };
}
