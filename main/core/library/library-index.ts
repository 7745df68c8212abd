import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import type { FileSemantics } from '../file-semantics';
import type { Logger } from '../log';
import { createCatalogue } from './catalogue';
import { translateSqliteError } from './errors';
import { createFiles } from './files';
import { createJobs } from './jobs';
import { resolveMediaPath } from './paths';
import { PendingRemovals } from './pending-removals';
import { createPlayback } from './playback';
import { createSettings } from './settings';
import { createStorage } from './storage';
import type { IntegrityResult, LibraryIndex, ReconcileReport } from './types';
import { createUpstream } from './upstream';

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

/** Wraps a method so its SQLite failures surface as coded LibraryErrors (corrupt, disk full, read-only). */
function guardedBy(folder: string) {
  return <A extends unknown[], R>(method: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return method(...args);
      } catch (error) {
        throw translateSqliteError(error, folder);
      }
    };
}

/**
 * The index, composed by name from each area's reader and writer (see interface.ts), so every
 * method can be found from here; each one is guarded.
 */
export function createLibraryIndex(
  db: Database.Database,
  folder: string,
  clock: Clock,
  logger: Logger,
  fileSemantics: FileSemantics,
): LibraryIndex & { reconcileReport: ReconcileReport } {
  const catalogue = createCatalogue(db, clock);
  const jobs = createJobs(db, clock);
  const removals = new PendingRemovals(folder, fileSemantics, logger, (uid) =>
    db.open ? files.getFiles(uid).length > 0 : true,
  );
  const files = createFiles(db, clock, removals);
  const playback = createPlayback(db, clock);
  const settings = createSettings(db, clock, logger);
  const storage = createStorage(db, clock);
  const upstream = createUpstream(db, clock, catalogue);
  const guarded = guardedBy(folder);
  return {
    // LibraryFolder
    folder,
    reconcileReport: { missing: [], removedPartials: [], keptPartials: [], heldRemovals: [] },
    pendingRemovals: removals,
    resolvePath: guarded((relativePath: string) => resolveMediaPath(folder, relativePath)),
    integrityCheck: guarded(() => integrityCheck(db)),
    // CatalogueReader, CatalogueWriter
    listCatalogue: guarded(catalogue.listCatalogue),
    getVideo: guarded(catalogue.getVideo),
    upsertCatalogue: guarded(catalogue.upsertCatalogue),
    pruneCatalogue: guarded(catalogue.pruneCatalogue),
    // JobReader, JobWriter
    getJob: guarded(jobs.getJob),
    listJobs: guarded(jobs.listJobs),
    createJob: guarded(jobs.createJob),
    transitionJob: guarded(jobs.transitionJob),
    recordProgress: guarded(jobs.recordProgress),
    // FileReader, FileWriter
    getFiles: guarded(files.getFiles),
    listFiles: guarded(files.listFiles),
    storageUsage: guarded(files.storageUsage),
    addFile: guarded(files.addFile),
    markFileMissing: guarded(files.markFileMissing),
    removeVideoFiles: guarded(files.removeVideoFiles),
    // PlaybackReader, PlaybackWriter
    getPosition: guarded(playback.getPosition),
    getCaptions: guarded(playback.getCaptions),
    savePosition: guarded(playback.savePosition),
    setCaptions: guarded(playback.setCaptions),
    // StorageReader, StorageWriter
    listSavedVideos: guarded(storage.listSavedVideos),
    bytesHeldByOtherJobs: guarded(storage.bytesHeldByOtherJobs),
    bytesHeldByJobs: guarded(storage.bytesHeldByJobs),
    listMeasurements: guarded(storage.listMeasurements),
    recordMeasurement: guarded(storage.recordMeasurement),
    // SettingsReader, SettingsWriter
    getSetting: guarded(settings.getSetting),
    setSetting: guarded(settings.setSetting),
    // UpstreamReader, UpstreamWriter
    getUpstream: guarded(upstream.getUpstream),
    savedVideoUids: guarded(upstream.savedVideoUids),
    expiredUpstream: guarded(upstream.expiredUpstream),
    nextUpstreamExpiry: guarded(upstream.nextUpstreamExpiry),
    recordUpstream: guarded(upstream.recordUpstream),
    recordRecheck: guarded(upstream.recordRecheck),
    setUpstreamHidden: guarded(upstream.setUpstreamHidden),
    // LibraryWriter, LibraryIndex
    transaction: guarded(<T>(fn: () => T): T => db.transaction(fn)()),
    close: guarded((): void => {
      if (!db.open) return;
      jobs.flushProgress();
      db.close();
    }),
  };
}
