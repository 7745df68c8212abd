import {
  importLibrary as bringIn,
  type ImportOptions,
  type ImportReport,
} from '../../library/portable/index';
import type { LibrarySession } from '../library-session';

export type { ImportConflict, ImportOptions, ImportReport } from '../../library/portable/index';

/**
 * Brings an export into the library once every hash checks out; a video the library holds with
 * other bytes is left out as a conflict unless `replace` says the person chose to replace it.
 */
export function importLibrary(
  session: LibrarySession,
  folder: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  return bringIn(session.library, folder, options);
}
