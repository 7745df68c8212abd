import { randomBytes } from 'node:crypto';
import { join, posix } from 'node:path';
import type { DownloadKind } from '../stream/ids';
import { CaptionLanguage, downloadFileName } from '../stream/ids';
import { sidecarPath } from '../transfer/part-file';
import { libraryErrors } from './errors';
import type { FileRole } from './types';

/*
 * The library's layout on disk, the one place that knows it; everything else asks here.
 *
 *   library.sqlite                  the index (with its -wal and -shm)
 *   media/<uid>/…                   saved files, see mediaPath
 *   .partial/<uid>.<kind>.part      bytes of an unfinished job, and beside it the sidecar
 *   .partial/<uid>.<kind>.part.json   transfer/part-file.ts keeps (its format, its name)
 *   .partial/<purpose>-<random>     scratch: temporaries, import staging, the write probe
 *   pending-removals.json           video folders Windows would not let go of yet (held open)
 *
 * Reconcile, at every open, keeps in .partial only the parts of unfinished jobs and their
 * sidecars and removes the rest, so a crash never leaves scratch behind for long.
 */

export const databaseFileName = 'library.sqlite';
export const mediaDirName = 'media';
export const partialDirName = '.partial';

export const pendingRemovalsFileName = 'pending-removals.json';
/** Where fleet tools collect the status report: the folder's root, beside library.sqlite. */
export const statusReportFileName = 'offstream-status.json';

export const databasePath = (folder: string) => join(folder, databaseFileName);
export const pendingRemovalsPath = (folder: string) => join(folder, pendingRemovalsFileName);
export const statusReportPath = (folder: string) => join(folder, statusReportFileName);
export const mediaDir = (folder: string) => join(folder, mediaDirName);
export const partialDir = (folder: string) => join(folder, partialDirName);

/** media/<uid>/ of a library, or of a folder laid out like one (an export, an import staging). */
export const videoDir = (folder: string, uid: string) => join(folder, mediaDirName, uid);

const partPattern = /^[0-9a-f]{32}\.(default|audio)\.part$/;

export function partialFileName(uid: string, kind: DownloadKind): string {
  return `${uid}.${kind}.part`;
}

/** The absolute path of a job's `.part`; its sidecar is transfer's business (sidecarPath). */
export function partFilePath(folder: string, uid: string, kind: DownloadKind): string {
  return join(partialDir(folder), partialFileName(uid, kind));
}

/** The names in .partial a job still wants: its `.part` and that part's sidecar. */
export function partialNames(uid: string, kind: DownloadKind): [part: string, sidecar: string] {
  const part = partialFileName(uid, kind);
  return [part, sidecarPath(part)];
}

/** A `.part` or a part's sidecar: the only names in .partial that may outlive an open. */
export function isPartialName(name: string): boolean {
  if (partPattern.test(name)) return true;
  const part = name.slice(0, name.indexOf('.part') + '.part'.length);
  return partPattern.test(part) && sidecarPath(part) === name;
}

/**
 * A fresh name in .partial for something short-lived (a file written before its rename into
 * media/, a staging folder): same filesystem as media/, and swept by the next open's reconcile.
 */
export function scratchPath(
  folder: string,
  purpose: 'companion' | 'import' | 'write-probe' | 'pending-removals',
) {
  return join(partialDir(folder), `${purpose}-${randomBytes(8).toString('hex')}`);
}

/** Where a file of this role lives, relative to the library folder. */
export function mediaPath(uid: string, role: FileRole, language?: string | null): string {
  switch (role) {
    case 'default':
    case 'audio':
      return `${mediaDirName}/${uid}/${downloadFileName[role]}`;
    case 'thumbnail':
      return `${mediaDirName}/${uid}/thumbnail.jpg`;
    case 'caption':
      if (!language || !CaptionLanguage.safeParse(language).success) {
        throw libraryErrors.invalid('caption language');
      }
      // Language tags ignore case (BCP 47), and so do the file systems of Windows and macOS:
      // one lower-case name per language, so `pt-BR` and `pt-br` can never be two files.
      return `${mediaDirName}/${uid}/captions/${language.toLowerCase()}.vtt`;
  }
}

/**
 * Accepts only `/`-separated, normalized paths under media/<uid>/: no absolute paths, no `..`,
 * no backslashes or NUL, so a stored path can never point outside the library.
 */
export function checkMediaPath(uid: string, path: string): string {
  const prefix = `${mediaDirName}/${uid}/`;
  const clean =
    path.length > prefix.length &&
    path.startsWith(prefix) &&
    !/[\\\0]/.test(path) &&
    posix.normalize(path) === path &&
    !path.endsWith('/') &&
    !path.split('/').some((part) => part === '..' || part === '.' || part === '');
  if (!clean) throw libraryErrors.invalid(`file path "${path}" (expected media/${uid}/…)`);
  return path;
}

/** Absolute path of a stored relative path, refusing anything outside media/<uid>/. */
export function resolveMediaPath(folder: string, relativePath: string): string {
  const uid = new RegExp(`^${mediaDirName}/([0-9a-f]{32})/`).exec(relativePath)?.[1];
  if (!uid) throw libraryErrors.invalid(`file path "${relativePath}"`);
  return join(folder, ...checkMediaPath(uid, relativePath).split('/'));
}

/** A video's folder as stored in the pending-removals list: `media/<uid>`, nothing else. */
export const videoDirEntry = (uid: string) => `${mediaDirName}/${uid}`;
export const videoDirEntryPattern = /^media\/([0-9a-f]{32})$/;

/**
 * Paths Windows accepts without the `\\?\` prefix have at most 259 characters (MAX_PATH less
 * the terminating NUL). Names inside a library are kept short instead of prefixed (SQLite opens
 * the index itself, outside Node's long-path handling): this is the longest name the layout
 * makes below the folder, a temp file beside a part's sidecar or a caption with a long tag.
 */
export const windowsPathLimit = 259;
export const longestNameInLayout = Math.max(
  `${partialDirName}/.${'0'.repeat(32)}.default.part.json.${'0'.repeat(12)}.tmp`.length,
  `${mediaDirName}/${'0'.repeat(32)}/captions/.${'x'.repeat(3 + 4 * 9)}.vtt.${'0'.repeat(12)}.tmp`
    .length,
);

/** Whether every path the layout makes under `folder` stays within Windows' MAX_PATH. */
export function fitsWindowsPathLimit(folder: string): boolean {
  return folder.length + 1 + longestNameInLayout <= windowsPathLimit;
}
