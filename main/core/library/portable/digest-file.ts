import { createHash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { openPlainFile } from './plain-files';

export interface Digest {
  bytes: number;
  sha256: string;
}

export interface DigestOptions {
  /** Also write the bytes here (a new file, fsynced before this resolves). */
  copyTo?: string;
  /** Stop reading past this many bytes: a file that grew can only mismatch, so why read on. */
  limit?: number;
  onBytes?: (count: number) => void;
}

/**
 * Streams a file once, hashing it (and copying it), so what is copied is what was hashed. A
 * path is opened as a plain file only (no link, FIFO or device); an open handle is read as it is.
 */
export async function digestFile(
  source: string | FileHandle,
  options: DigestOptions = {},
): Promise<Digest> {
  const handle = typeof source === 'string' ? await openPlainFile(source) : source;
  try {
    return await digestHandle(handle, options);
  } finally {
    if (typeof source === 'string') await handle.close();
  }
}

async function digestHandle(handle: FileHandle, options: DigestOptions): Promise<Digest> {
  const hash = createHash('sha256');
  let bytes = 0;
  // 'wx': never write through a link or over a file someone else placed at the temp name.
  const target = options.copyTo === undefined ? undefined : await open(options.copyTo, 'wx');
  try {
    for await (const chunk of handle.createReadStream({ start: 0, autoClose: false })) {
      const buffer = chunk as Buffer;
      bytes += buffer.length;
      if (options.limit !== undefined && bytes > options.limit) break;
      hash.update(buffer);
      if (target) await target.write(buffer);
      options.onBytes?.(buffer.length);
    }
    await target?.sync();
  } finally {
    await target?.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

export function matches(digest: Digest, expected: Digest): boolean {
  return digest.bytes === expected.bytes && digest.sha256 === expected.sha256;
}
