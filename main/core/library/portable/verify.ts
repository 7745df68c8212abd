import { lstat } from 'node:fs/promises';
import type { LibraryFile, LibraryIndex } from '../types';
import { digestFile, matches } from './digest-file';
import { type ProgressListener, progressCounter } from './progress';

export interface VerifyReport {
  checked: number;
  /** Files not on disk (now or already marked missing before). */
  missing: LibraryFile[];
  /** Files on disk whose size or SHA-256 differs from the index; now marked missing. */
  corrupt: LibraryFile[];
  /** Files marked missing whose intact bytes are on disk again; marked present. */
  restored: LibraryFile[];
}

type Finding = 'intact' | 'absent' | 'corrupt';

async function inspect(
  index: LibraryIndex,
  file: LibraryFile,
  onBytes: (count: number) => void,
): Promise<Finding> {
  const path = index.resolvePath(file.path);
  try {
    const stat = await lstat(path);
    if (!stat.isFile()) return 'absent';
    if (stat.size !== file.bytes) return 'corrupt';
  } catch {
    return 'absent';
  }
  const digest = await digestFile(path, { limit: file.bytes, onBytes });
  return matches(digest, file) ? 'intact' : 'corrupt';
}

/**
 * Re-hashes every file the index lists. A corrupt file is marked missing like an absent one:
 * only present files are played, and missing ones are offered for download again.
 */
export async function verifyLibrary(
  index: LibraryIndex,
  options: { onProgress?: ProgressListener } = {},
): Promise<VerifyReport> {
  const files = index.listFiles();
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  const progress = progressCounter(
    'verify',
    { files: files.length, bytes: total },
    options.onProgress,
  );
  const report: VerifyReport = { checked: 0, missing: [], corrupt: [], restored: [] };
  for (const file of files) {
    progress.startFile(file.path);
    const finding = await inspect(index, file, progress.addBytes);
    if (finding === 'intact') {
      // Re-adding the same row records when it was last verified (and restores a missing one).
      const { uid, role, language, path, bytes, sha256 } = file;
      const row = index.addFile({ uid, role, language, path, bytes, sha256 });
      if (file.status === 'missing') report.restored.push(row);
    } else {
      index.markFileMissing(file.uid, file.role, file.language);
      report[finding === 'absent' ? 'missing' : 'corrupt'].push({ ...file, status: 'missing' });
    }
    report.checked += 1;
    progress.finishFile();
  }
  return report;
}
