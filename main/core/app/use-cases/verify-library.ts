import { verifyLibrary as rehashLibrary, type VerifyReport } from '../../library/portable/index';
import type { LibrarySession } from '../library-session';

export type { VerifyReport } from '../../library/portable/index';

/**
 * Re-hashes every saved file: what is absent or damaged is marked missing (and offered for
 * download again), a file that came back intact is marked present again (restored).
 */
export function verifyLibrary(session: LibrarySession): Promise<VerifyReport> {
  return rehashLibrary(session.library);
}
