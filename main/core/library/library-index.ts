import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { createCatalogue } from './catalogue';
import { translateSqliteError } from './errors';
import { createFiles } from './files';
import { createJobs } from './jobs';
import { resolveMediaPath } from './paths';
import { createPlayback } from './playback';
import { createSettings } from './settings';
import type { IntegrityResult, LibraryIndex, ReconcileReport } from './types';

/** Runs SQLite's full check plus FTS5's own check of the search index against the catalogue. */
function integrityCheck(db: Database.Database): IntegrityResult {
  const problems: string[] = [];
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    problems.push(...rows.map((r) => r.integrity_check).filter((line) => line !== 'ok'));
  } catch (error) {
    // Some damage stops the check itself; that is its answer, not a failure to report.
    problems.push((error as Error).message);
  }
  try {
    db.prepare(
      `INSERT INTO catalogue_search (catalogue_search, rank) VALUES ('integrity-check', 1)`,
    ).run();
  } catch (error) {
    problems.push(`search index: ${(error as Error).message}`);
  }
  return problems.length === 0 ? { ok: true, problems: [] } : { ok: false, problems };
}

/** Every method's SQLite failures surface as coded LibraryErrors (corrupt, disk full, read-only). */
function guarded<T extends object>(target: T, folder: string): T {
  for (const [key, value] of Object.entries(target)) {
    if (typeof value !== 'function') continue;
    const method = value as (...args: unknown[]) => unknown;
    Object.assign(target, {
      [key]: (...args: unknown[]) => {
        try {
          return method(...args);
        } catch (error) {
          throw translateSqliteError(error, folder);
        }
      },
    });
  }
  return target;
}

export function createLibraryIndex(
  db: Database.Database,
  folder: string,
  clock: Clock,
  logger: Logger,
): LibraryIndex & { reconcileReport: ReconcileReport } {
  const jobs = createJobs(db, clock);
  const { flushProgress, ...jobMethods } = jobs;
  const index = {
    folder,
    reconcileReport: { missing: [], removedPartials: [], keptPartials: [] } as ReconcileReport,
    ...createCatalogue(db, clock),
    ...jobMethods,
    ...createFiles(db, clock, folder),
    ...createPlayback(db, clock),
    ...createSettings(db, clock, logger),
    resolvePath: (relativePath: string) => resolveMediaPath(folder, relativePath),
    integrityCheck: () => integrityCheck(db),
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    close(): void {
      if (!db.open) return;
      flushProgress();
      db.close();
    },
  };
  return guarded(index, folder);
}
