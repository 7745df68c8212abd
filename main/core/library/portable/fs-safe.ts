import { lstat, mkdir } from 'node:fs/promises';
import { fsFailureOf } from '../../problems/fs-failure';
import { libraryErrors } from '../errors';

/**
 * Makes `path` a real directory, refusing a symlink or a file in its place: writing through a
 * link would put bytes outside the folder the user chose.
 */
export async function ensureRealDir(path: string): Promise<void> {
  try {
    const stat = await lstat(path);
    if (stat.isDirectory() && !stat.isSymbolicLink()) return;
    throw new Error(`${path} is not a plain folder`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path);
}

/** A full disk is a failure a person can fix; say so rather than show ENOSPC. */
export function translateFsError(error: unknown): unknown {
  return fsFailureOf(error) === 'disk_full' ? libraryErrors.diskFull(error) : error;
}
