import { lstatSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { isPartialName, partialDir, partialNames } from './paths';
import type { LibraryFile, LibraryIndex, ReconcileReport } from './types';
import { unfinishedJobStates } from './types';

function fileIsIntact(index: LibraryIndex, file: LibraryFile): boolean {
  try {
    const stat = statSync(index.resolvePath(file.path));
    return stat.isFile() && stat.size === file.bytes;
  } catch {
    return false;
  }
}

function markMissingFiles(index: LibraryIndex, report: ReconcileReport): void {
  const lost = index.listFiles({ status: 'present' }).filter((f) => !fileIsIntact(index, f));
  index.transaction(() => {
    for (const file of lost) {
      index.markFileMissing(file.uid, file.role, file.language);
      report.missing.push({
        uid: file.uid,
        role: file.role,
        language: file.language,
        path: file.path,
      });
    }
  });
}

/** A .part is kept only when it is a plain file named for a job that still wants its bytes. */
function sortPartials(
  index: LibraryIndex,
  folder: string,
  report: ReconcileReport,
  logger: Logger,
) {
  const dir = partialDir(folder);
  const wanted = new Set(
    index
      .listJobs({ states: unfinishedJobStates })
      .flatMap((job) => partialNames(job.uid, job.kind)),
  );
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    logger.warn('could not read the partial downloads folder', { error });
    return;
  }
  for (const name of names.sort()) {
    const path = join(dir, name);
    try {
      if (isPartialName(name) && wanted.has(name) && lstatSync(path).isFile()) {
        report.keptPartials.push(name);
        continue;
      }
      rmSync(path, { recursive: true, force: true });
      report.removedPartials.push(name);
    } catch (error) {
      logger.warn('could not remove a stray partial download', { name, error });
    }
  }
}

/**
 * Brings the index in line with the disk, the truth for bytes: files that are gone or of the
 * wrong size are marked missing; .partial keeps only the .part files of unfinished jobs.
 * Never throws on a strange folder entry.
 */
export function reconcileLibrary(
  index: LibraryIndex,
  folder: string,
  logger: Logger = silentLogger,
): ReconcileReport {
  const report: ReconcileReport = {
    missing: [],
    removedPartials: [],
    keptPartials: [],
    heldRemovals: [],
  };
  report.heldRemovals = index.pendingRemovals.sweep();
  markMissingFiles(index, report);
  sortPartials(index, folder, report, logger);
  if (report.missing.length + report.removedPartials.length + report.heldRemovals.length > 0) {
    logger.info('library reconciled with the disk', {
      missing: report.missing.length,
      removedPartials: report.removedPartials.length,
      keptPartials: report.keptPartials.length,
      heldRemovals: report.heldRemovals.length,
    });
  }
  return report;
}
