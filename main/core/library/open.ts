import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { type FileSemantics, nativeFileSemantics } from '../file-semantics';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { fsFailureOf } from '../problems/fs-failure';
import { libraryErrors, translateSqliteError } from './errors';
import { createLibraryIndex } from './library-index';
import { migrations, newestSchemaVersion } from './migrations';
import { runMigrations, schemaVersion } from './migrations/run';
import {
  databasePath,
  fitsWindowsPathLimit,
  longestNameInLayout,
  mediaDir,
  partialDir,
  scratchPath,
  windowsPathLimit,
} from './paths';
import { reconcileLibrary } from './reconcile';
import { registerSearchMatcher } from './search-text';
import type { LibraryIndex } from './types';

export interface OpenLibraryOptions {
  clock?: Clock;
  logger?: Logger;
  /**
   * Also quick-check the catalogue cache and its search index at open. Off by default: on a
   * large catalogue that alone takes longer than the whole open may (its corruption still
   * surfaces as library_corrupt when read, and integrityCheck() covers everything).
   */
  fullCheck?: boolean;
  /** Removals and renames as this OS needs them (tests inject Windows' errors here). */
  files?: FileSemantics;
}

/** Folders Offstream creates are its owner's alone: private videos live there. */
const privateFolder = { recursive: true, mode: 0o700 } as const;

/**
 * The index holds pasted links (a signed link is a credential) and what was watched: only its
 * owner may read it. Created 0600 before SQLite opens it, so its -wal and -shm files (which
 * SQLite creates with the database's mode) are 0600 too; an older, wider file is narrowed.
 */
function privateDatabaseFiles(folder: string): void {
  const file = databasePath(folder);
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, 0o600);
    } catch {
      // Absent, or not ours to change (a shared library): the open below still decides.
    }
  }
}

/** The folder, media/ and .partial/ exist and can be written, or a coded error says why not. */
function prepareFolder(folder: string, platform: NodeJS.Platform): void {
  if (platform === 'win32' && !fitsWindowsPathLimit(folder)) {
    throw libraryErrors.pathTooLong(folder, windowsPathLimit - longestNameInLayout - 1);
  }
  if (!existsSync(folder)) {
    try {
      mkdirSync(folder, privateFolder);
    } catch (error) {
      throw libraryErrors.missing(folder, error);
    }
  }
  if (!statSync(folder).isDirectory()) throw libraryErrors.missing(folder);
  const probe = scratchPath(folder, 'write-probe');
  try {
    mkdirSync(mediaDir(folder), privateFolder);
    mkdirSync(partialDir(folder), privateFolder);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
    privateDatabaseFiles(folder);
  } catch (error) {
    const failure = fsFailureOf(error);
    if (failure === 'disk_full') throw libraryErrors.diskFull(error);
    if (failure === 'unwritable') throw libraryErrors.unwritable(folder, error);
    throw libraryErrors.missing(folder, error);
  }
}

/**
 * PRAGMA quick_check of the whole file, or of every table but the catalogue cache and its FTS
 * index: jobs, files, positions and settings are what a damaged file would lose for good.
 */
function quickCheck(db: Database.Database, folder: string, full: boolean): void {
  const tables = full
    ? [null]
    : (db
        .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'
          AND name NOT LIKE 'catalogue%' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
        .pluck()
        .all() as string[]);
  for (const table of tables) {
    const pragma = table === null ? 'quick_check' : `quick_check("${table}")`;
    const problems = (db.pragma(pragma, { simple: false }) as { quick_check: string }[])
      .map((row) => row.quick_check)
      .filter((line) => line !== 'ok');
    if (problems.length > 0) throw libraryErrors.corrupt(folder, problems.slice(0, 3).join('; '));
  }
}

/** Opens the SQLite file with the pragmas the library relies on, refusing a damaged one. */
function openDatabase(folder: string, fullCheck: boolean): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(databasePath(folder));
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Room for the catalogue, its indexes and the search index (about 0.5 KB a video), so a
    // search re-reads none of them from disk; pages are only held once read.
    db.pragma('cache_size = -65536');
    registerSearchMatcher(db);
    quickCheck(db, folder, fullCheck);
    const found = schemaVersion(db);
    if (found > newestSchemaVersion) throw libraryErrors.tooNew(found, newestSchemaVersion);
    return db;
  } catch (error) {
    db?.close();
    throw translateSqliteError(error, folder);
  }
}

/**
 * Opens (creating if needed) the library in `folder`: library.sqlite, media/ and .partial/;
 * migrates the schema and reconciles the index with the disk. Never recreates a damaged index.
 */
export function openLibrary(folder: string, options: OpenLibraryOptions = {}): LibraryIndex {
  const root = resolve(folder);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const files = options.files ?? nativeFileSemantics({ clock });
  prepareFolder(root, files.platform);
  const db = openDatabase(root, options.fullCheck ?? false);
  try {
    runMigrations(db, migrations, logger);
  } catch (error) {
    db.close();
    throw translateSqliteError(error, root);
  }
  const index = createLibraryIndex(db, root, clock, logger, files);
  try {
    index.reconcileReport = reconcileLibrary(index, root, logger);
  } catch (error) {
    index.close();
    throw error;
  }
  return index;
}
