import {
  exportLibrary as copyOut,
  type ExportOptions,
  type ExportReport,
} from '../../library/portable/index';
import type { LibrarySession } from '../library-session';

export type { ExportOptions, ExportReport } from '../../library/portable/index';

/** Copies the saved videos and a manifest of their hashes into a folder (a USB drive). */
export function exportLibrary(
  session: LibrarySession,
  folder: string,
  options: ExportOptions = {},
): Promise<ExportReport> {
  return copyOut(session.library, folder, options);
}
