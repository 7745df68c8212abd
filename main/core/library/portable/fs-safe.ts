import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { libraryErrors } from '../errors';

/** A temp name beside `target`, so the final rename stays within one folder (atomic). */
export function tempBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

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

/** Writes text through a temp file, fsync and rename: readers see the old file or the new. */
export async function writeFileAtomic(target: string, text: string): Promise<void> {
  const temp = tempBeside(target);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A full disk is a failure a person can fix; say so rather than show ENOSPC. */
export function translateFsError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return libraryErrors.diskFull(error);
  return error;
}
