import type { LibrarySession } from './library-session';
import { removeVideo } from './use-cases/remove-video';

export type DeletedPolicy = 'keep' | 'hide' | 'remove';

/**
 * What a saved video deleted from the account (or past its scheduledDeletion) becomes here, per
 * the upstreamDeleted setting. Applied again at every check, so changing the setting takes hold
 * at the next one. Remove also hides the catalogue row, which the next catalogue refresh prunes.
 */
export async function applyDeletedPolicy(
  session: LibrarySession,
  uid: string,
  policy: DeletedPolicy,
): Promise<void> {
  const { library } = session;
  if (policy === 'remove') {
    await removeVideo(session, uid);
    library.setUpstreamHidden(uid, true);
    return;
  }
  library.setUpstreamHidden(uid, policy === 'hide');
}
