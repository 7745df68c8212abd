/** Stable failure codes of the local library; each comes with a sentence saying what to do. */
export type LibraryErrorCode =
  | 'library_corrupt'
  | 'library_too_new'
  | 'library_unwritable'
  | 'library_missing'
  | 'library_migration_failed'
  | 'disk_full'
  | 'invalid_argument'
  | 'invalid_cursor'
  | 'job_exists'
  | 'invalid_transition'
  | 'video_not_saved'
  | 'export_target_unusable'
  | 'export_source_corrupt'
  | 'import_manifest_invalid'
  | 'import_too_new'
  | 'import_incomplete'
  | 'import_tampered'
  | 'import_not_plain'
  | 'import_not_media'
  | 'import_would_replace';

export class LibraryError extends Error {
  override readonly name = 'LibraryError';
  readonly code: LibraryErrorCode;
  /** Folders the sentence names: shown to the renderer only in their display form. */
  readonly paths: readonly string[];

  constructor(
    code: LibraryErrorCode,
    message: string,
    options?: { cause?: unknown; paths?: readonly string[] },
  ) {
    super(message, options);
    this.code = code;
    this.paths = options?.paths ?? [];
  }
}

export function isLibraryError(value: unknown): value is LibraryError {
  return value instanceof LibraryError;
}

export const libraryErrors = {
  corrupt: (folder: string, detail: string, cause?: unknown) =>
    new LibraryError(
      'library_corrupt',
      `The library index in ${folder} is damaged (${detail}). Nothing was deleted: restore the folder from a backup or an export, or choose another library folder.`,
      { cause, paths: [folder] },
    ),
  tooNew: (found: number, newest: number) =>
    new LibraryError(
      'library_too_new',
      `This library was written by a newer Offstream (schema ${found}, this app knows up to ${newest}); update the app.`,
    ),
  unwritable: (folder: string, cause?: unknown) =>
    new LibraryError(
      'library_unwritable',
      `The library folder ${folder} cannot be written to. Make it writable (or choose another folder) and try again.`,
      { cause, paths: [folder] },
    ),
  /** Windows: the layout's longest names would pass MAX_PATH under this folder. */
  pathTooLong: (folder: string, limit: number) =>
    new LibraryError(
      'library_unwritable',
      `The library folder ${folder} is too deep for Windows (its path may have at most ${limit} characters). Choose a folder nearer the top of the drive.`,
      { paths: [folder] },
    ),
  missing: (folder: string, cause?: unknown) =>
    new LibraryError(
      'library_missing',
      `The library folder ${folder} does not exist and could not be created. Reconnect the drive that holds it, or choose another folder.`,
      { cause, paths: [folder] },
    ),
  migrationFailed: (version: number, cause: unknown) =>
    new LibraryError(
      'library_migration_failed',
      `Updating the library to schema ${version} failed and was rolled back; the library is unchanged. Restart the app, and report the problem if it happens again.`,
      { cause },
    ),
  diskFull: (cause?: unknown) =>
    new LibraryError(
      'disk_full',
      'The disk holding the library is full. Free some space or remove downloaded videos, then try again.',
      { cause },
    ),
  invalid: (what: string) =>
    new LibraryError('invalid_argument', `Invalid ${what}; this is a bug in the caller.`),
  notSaved: (uid: string) =>
    new LibraryError(
      'video_not_saved',
      `The library holds no saved copy of video ${uid}. Save it first, or leave it out.`,
    ),
  exportTargetUnusable: (folder: string, detail: string, cause?: unknown) =>
    new LibraryError(
      'export_target_unusable',
      `Cannot export into ${folder}: ${detail}. Choose an empty folder or a previous export.`,
      { cause, paths: [folder] },
    ),
  exportSourceCorrupt: (path: string) =>
    new LibraryError(
      'export_source_corrupt',
      `The library's copy of ${path} no longer matches its recorded size and SHA-256, so it was not exported. Run \`offstream verify\`, save the video again, then export.`,
    ),
  importManifestInvalid: (folder: string, detail: string, cause?: unknown) =>
    new LibraryError(
      'import_manifest_invalid',
      `${folder} is not a usable Offstream export (${detail}). Nothing was imported; export the library again.`,
      { cause, paths: [folder] },
    ),
  importTooNew: (found: number, newest: number) =>
    new LibraryError(
      'import_too_new',
      `This export was made by a newer Offstream (format ${found}, this app reads up to ${newest}). Nothing was imported; update the app.`,
    ),
  importIncomplete: (path: string) =>
    new LibraryError(
      'import_incomplete',
      `The export lacks ${path}, which its manifest lists. Nothing was imported; copy the whole export folder again.`,
    ),
  importTampered: (path: string) =>
    new LibraryError(
      'import_tampered',
      `${path} in the export does not match the size and SHA-256 its manifest records: it was changed or damaged. Nothing was imported; export the library again from the source.`,
    ),
  importNotPlain: (path: string, cause?: unknown) =>
    new LibraryError(
      'import_not_plain',
      `${path} in the export is a link or a special file, not a plain file or folder. Nothing was imported; copy the export folder again as plain files (a link could lead to files outside the export).`,
      { cause },
    ),
  importNotMedia: (path: string, detail: string) =>
    new LibraryError(
      'import_not_media',
      `${path} in the export is not a playable MP4 or M4A (${detail}), although its hash matches the manifest. Nothing was imported; export the library again from a trusted source.`,
    ),
  importWouldReplace: (name: string, paths: readonly string[]) =>
    new LibraryError(
      'import_would_replace',
      `The library already holds other bytes of ${paths.join(', ')} (${name}), so that video was not imported. To replace the library's copy with the export's, import again and choose to replace (\`offstream import --replace\`, or "Replace them" in the app).`,
    ),
};

/** SQLite failures that say something about the library itself, turned into coded errors. */
export function translateSqliteError(error: unknown, folder: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return libraryErrors.corrupt(folder, String((error as Error).message), error);
  }
  if (code === 'SQLITE_FULL') return libraryErrors.diskFull(error);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return libraryErrors.unwritable(folder, error);
  }
  return error;
}
