import { rm, stat } from 'node:fs/promises';
import { sha256File } from '../library/hash-file';
import { checkMp4File } from '../transfer/mp4-boxes';
import type { TransferOutcome } from '../transfer/transfer';

/**
 * A crash between the atomic rename and the database update leaves a finished file with a job
 * still downloading. Verify it and keep it; if it fails verification, remove it and refetch.
 */
export async function adoptFinishedFile(path: string): Promise<TransferOutcome | undefined> {
  const check = await checkMp4File(path);
  if (!check.ok) {
    await rm(path, { force: true });
    return undefined;
  }
  return { path, bytes: (await stat(path)).size, sha256: await sha256File(path) };
}
