import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { checkMp4File } from '../../transfer/mp4-boxes';
import { libraryErrors } from '../errors';
import { digestFile, matches } from './digest-file';
import type { ManifestFile } from './manifest';
import { NotPlainError, openPlainFile, requirePlainFolders } from './plain-files';

/** Opens a file of the export through real folders only, as a plain file only. */
async function openExportFile(source: string, path: string): Promise<FileHandle> {
  const parts = path.split('/');
  try {
    await requirePlainFolders(source, parts.slice(0, -1));
    return await openPlainFile(join(source, ...parts));
  } catch (error) {
    if (error instanceof NotPlainError) throw libraryErrors.importNotPlain(path, error);
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw libraryErrors.importIncomplete(path);
    throw error;
  }
}

/** The same check a transfer makes before a file enters the library: its boxes tile it. */
async function requireBoxes(staged: string, path: string): Promise<void> {
  const check = await checkMp4File(staged);
  if (!check.ok) throw libraryErrors.importNotMedia(path, check.detail);
}

/**
 * Reads one file of an export: real folders down to it, a plain file of the size and SHA-256
 * its manifest records, copied to `copyTo` as it is read; a copied MP4 or M4A must also be one.
 */
export async function readExportFile(
  source: string,
  file: ManifestFile,
  options: { onBytes: (count: number) => void; copyTo: string | undefined },
): Promise<void> {
  const handle = await openExportFile(source, file.path);
  try {
    if ((await handle.stat()).size !== file.bytes) throw libraryErrors.importTampered(file.path);
    const { onBytes, copyTo } = options;
    const digest = await digestFile(handle, {
      limit: file.bytes,
      onBytes,
      ...(copyTo ? { copyTo } : {}),
    });
    if (!matches(digest, file)) throw libraryErrors.importTampered(file.path);
  } finally {
    await handle.close();
  }
  const media = file.role === 'default' || file.role === 'audio';
  if (options.copyTo && media) await requireBoxes(options.copyTo, file.path);
}
