import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Clock } from '../clock';
import { CaptionLanguage } from '../stream/ids';
import { libraryErrors } from './errors';
import type { FileReader, FileWriter } from './interface';
import { checkMediaPath } from './paths';
import type { PendingRemovals } from './pending-removals';
import type { FileRole, FileStatus, LibraryFile, NewFile, StorageUsage } from './types';
import { checkUid } from './validate';

interface FileRow {
  uid: string;
  role: FileRole;
  language: string;
  path: string;
  bytes: number;
  sha256: string;
  verified_at: number;
  status: FileStatus;
}

const NewFileSchema = z.object({
  role: z.enum(['default', 'audio', 'thumbnail', 'caption']),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  verifiedAt: z.number().int().nonnegative().optional(),
});

export function toLibraryFile(row: FileRow): LibraryFile {
  return {
    uid: row.uid,
    role: row.role,
    language: row.language === '' ? null : row.language,
    path: row.path,
    bytes: row.bytes,
    sha256: row.sha256,
    verifiedAt: row.verified_at,
    status: row.status,
  };
}

/** Captions carry a language; every other role carries none (stored as ''). */
function languageKey(role: FileRole, language: string | null | undefined): string {
  if (role !== 'caption') {
    if (language) throw libraryErrors.invalid('language on a non-caption file');
    return '';
  }
  if (!language || !CaptionLanguage.safeParse(language).success) {
    throw libraryErrors.invalid('caption language');
  }
  return language;
}

export function createFiles(db: Database.Database, clock: Clock, removals: PendingRemovals) {
  const upsert = db.prepare(`INSERT INTO files (uid, role, language, path, bytes, sha256,
      verified_at, status) VALUES (@uid, @role, @language, @path, @bytes, @sha256, @verified_at,
      'present')
    ON CONFLICT (uid, role, language) DO UPDATE SET path = excluded.path, bytes = excluded.bytes,
      sha256 = excluded.sha256, verified_at = excluded.verified_at, status = 'present'`);
  const select = db.prepare('SELECT * FROM files WHERE uid = ? AND role = ? AND language = ?');
  const byUid = db.prepare('SELECT * FROM files WHERE uid = ? ORDER BY role, language');
  const list = db.prepare(`SELECT * FROM files WHERE @status IS NULL OR status = @status
    ORDER BY uid, role, language`);
  const missing = db.prepare(`UPDATE files SET status = 'missing'
    WHERE uid = ? AND role = ? AND language = ? AND status = 'present'`);
  const removeAll = db.prepare('DELETE FROM files WHERE uid = ?');
  const usage = db.prepare(`SELECT coalesce(sum(bytes), 0) AS bytes, count(*) AS files
    FROM files WHERE status = 'present'`);

  return {
    addFile(file: NewFile): LibraryFile {
      const uid = checkUid(file.uid);
      const parsed = NewFileSchema.safeParse(file);
      if (!parsed.success)
        throw libraryErrors.invalid(`file (${parsed.error.issues[0]?.path.join('.')})`);
      const language = languageKey(file.role, file.language);
      upsert.run({
        uid,
        role: file.role,
        language,
        path: checkMediaPath(uid, file.path),
        bytes: file.bytes,
        sha256: file.sha256,
        verified_at: file.verifiedAt ?? clock.now(),
      });
      return toLibraryFile(select.get(uid, file.role, language) as FileRow);
    },

    getFiles(uid: string): LibraryFile[] {
      return (byUid.all(checkUid(uid)) as FileRow[]).map(toLibraryFile);
    },

    listFiles(filter: { status?: FileStatus } = {}): LibraryFile[] {
      return (list.all({ status: filter.status ?? null }) as FileRow[]).map(toLibraryFile);
    },

    markFileMissing(uid: string, role: FileRole, language?: string | null): boolean {
      return missing.run(checkUid(uid), role, languageKey(role, language)).changes === 1;
    },

    removeVideoFiles(uid: string): LibraryFile[] {
      checkUid(uid);
      // Bytes first: a crash in between leaves rows that reconcile marks missing, never orphans.
      // Bytes held open on Windows are listed for later first, so they cannot be orphaned.
      removals.removeVideoFolder(uid);
      return db.transaction(() => {
        const rows = (byUid.all(uid) as FileRow[]).map(toLibraryFile);
        removeAll.run(uid);
        return rows;
      })();
    },

    storageUsage(): StorageUsage {
      return usage.get() as StorageUsage;
    },
  } satisfies FileReader & FileWriter;
}
