import { constants } from 'node:fs';
import { type FileHandle, lstat, open } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Read-only, never through a final symlink (ELOOP instead), never waiting on a FIFO or a
 * device (O_NONBLOCK): what is opened is then checked to be a regular file before a byte is read.
 */
const readFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** A path inside a folder brought from elsewhere that is a link, a device, a FIFO or a socket. */
export class NotPlainError extends Error {
  override readonly name = 'NotPlainError';

  constructor(readonly path: string) {
    super(`${path} is a link or a special file, not a plain file or folder`);
  }
}

/** Opens a regular file for reading; a link or special file is a NotPlainError. */
export async function openPlainFile(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, readFlags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP is Linux's and macOS's answer to O_NOFOLLOW on a link; EMLINK is FreeBSD's.
    if (code === 'ELOOP' || code === 'EMLINK') throw new NotPlainError(path);
    throw error;
  }
  const stat = await handle.stat();
  if (stat.isFile()) return handle;
  await handle.close();
  throw new NotPlainError(path);
}

/**
 * Checks that every folder from `root` down through `parts` is a real folder, not a link: a
 * `media` folder that points elsewhere would import whatever it points at.
 */
export async function requirePlainFolders(root: string, parts: readonly string[]): Promise<void> {
  for (let depth = 1; depth <= parts.length; depth++) {
    const path = join(root, ...parts.slice(0, depth));
    const stat = await lstat(path);
    if (!stat.isDirectory()) throw new NotPlainError(path);
  }
}

/** Reads a whole file of at most `limit` bytes, stopping one past it rather than read on. */
export async function readBounded(handle: FileHandle, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(1024 * 1024, limit + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > limit) return undefined;
  }
}
