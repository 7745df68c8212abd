import { posix } from 'node:path';
import type { DownloadKind } from '../stream/ids';
import { CaptionLanguage, downloadFileName } from '../stream/ids';
import { libraryErrors } from './errors';
import type { FileRole } from './types';

export const databaseFileName = 'library.sqlite';
export const mediaDirName = 'media';
export const partialDirName = '.partial';

/**
 * `.partial/<uid>.<kind>.part` and its bookkeeping sidecar `<…>.part.json` (see
 * transfer/part-file.ts): the only names that belong in .partial.
 */
export const partialNamePattern = /^([0-9a-f]{32})\.(default|audio)\.part(\.json)?$/;

export function partialFileName(uid: string, kind: DownloadKind): string {
  return `${uid}.${kind}.part`;
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
      return `${mediaDirName}/${uid}/captions/${language}.vtt`;
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
