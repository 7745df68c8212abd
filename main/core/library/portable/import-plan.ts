import { lstat } from 'node:fs/promises';
import { libraryErrors } from '../errors';
import type { LibraryReader } from '../types';
import { matches } from './digest-file';
import type { ExportManifest, ManifestFile, ManifestVideo } from './manifest';

/** A video of the export and the files of it the library lacks (or holds other bytes of). */
export interface Planned {
  video: ManifestVideo;
  incoming: ManifestFile[];
}

/** A video left out because importing it would replace bytes the library holds. */
export interface ImportConflict {
  uid: string;
  name: string;
  /** The files the library holds with other bytes, relative to the library. */
  paths: string[];
  code: 'import_would_replace';
  message: string;
}

/**
 * Would placing this file put other bytes where the library keeps some? A saved file does;
 * so does an unknown file at its place. A file the library already marks missing (gone, or
 * found damaged by verify) does not: restoring it is what an import is for.
 */
async function replacesBytes(index: LibraryReader, uid: string, file: ManifestFile) {
  const row = index.getFiles(uid).find((f) => f.path === file.path);
  if (row) return row.status === 'present';
  return lstat(index.resolvePath(file.path)).then(
    () => true,
    () => false,
  );
}

function conflictOf(index: LibraryReader, video: ManifestVideo, paths: string[]): ImportConflict {
  const name = index.getVideo(video.uid)?.name ?? video.name;
  const { message } = libraryErrors.importWouldReplace(name, paths);
  return { uid: video.uid, name, paths, code: 'import_would_replace', message };
}

/**
 * What each video of the export brings; a video that would replace bytes the library holds is
 * a conflict instead, unless the person chose to replace.
 */
export async function plan(
  index: LibraryReader,
  manifest: ExportManifest,
  replace: boolean,
): Promise<{ planned: Planned[]; conflicts: ImportConflict[] }> {
  const planned: Planned[] = [];
  const conflicts: ImportConflict[] = [];
  for (const video of manifest.videos) {
    const held = index.getFiles(video.uid).filter((f) => f.status === 'present');
    const incoming = video.files.filter(
      (file) => !held.some((h) => h.path === file.path && matches(h, file)),
    );
    const clashing: string[] = [];
    for (const file of incoming) {
      if (await replacesBytes(index, video.uid, file)) clashing.push(file.path);
    }
    if (clashing.length > 0 && !replace) conflicts.push(conflictOf(index, video, clashing));
    else planned.push({ video, incoming });
  }
  return { planned, conflicts };
}
