import type { LibraryIndex } from '../library/index';
import { volumeFreeBytes } from '../transfer/transfer';

export interface StorageUsage {
  libraryBytes: number;
  files: number;
  /** Free bytes on the library's volume; null when the system cannot tell. */
  freeBytes: number | null;
}

/** What the library takes on disk and what is left beside it. */
export async function storageUsage(library: LibraryIndex): Promise<StorageUsage> {
  const usage = library.storageUsage();
  const freeBytes = await volumeFreeBytes(library.folder).catch(() => null);
  return { libraryBytes: usage.bytes, files: usage.files, freeBytes };
}
