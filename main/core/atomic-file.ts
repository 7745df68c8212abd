import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type FileSemantics, nativeFileSemantics, renameReplacing } from './file-semantics';

/** A temp name beside `target`, so the final rename stays within one folder (atomic). */
export function tempBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes through a fresh temp file beside the target, fsyncs, then renames over it: a crash
 * leaves the old file or the new one, never half of either. `mode` applies to a new file;
 * `temp`, a fresh name on the target's filesystem, puts the temp file where a sweep finds it.
 * On Windows the rename waits while another program holds the target open (file-semantics).
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: { mode?: number; temp?: string; files?: FileSemantics } = {},
): Promise<void> {
  const temp = options.temp ?? tempBeside(target);
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o666);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameReplacing(temp, target, options.files ?? nativeFileSemantics());
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
