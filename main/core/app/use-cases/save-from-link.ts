import type { Job } from '../../library/index';
import { videoFromLink } from '../../queue/link-video';
import { parseDeliveryUrl } from '../../stream/signed-url';
import type { LibrarySession } from '../library-session';

export interface LinkRequest {
  /** A signed (or public) delivery link: `…/<token or uid>/downloads/default.mp4`. */
  url: string;
  /** What to call the video; a link says nothing about its name. */
  name?: string | undefined;
  now: Date;
}

/** The uid and kind a delivery link is for; throws DeliveryUrlError for anything else. */
export function linkTarget(url: string) {
  const link = parseDeliveryUrl(url);
  const uid = link.subject.kind === 'uid' ? link.subject.uid : link.subject.claims.sub;
  return { uid, kind: link.download };
}

/**
 * Saves a video from a pasted link, without an API token. The video is listed under the name
 * given (or a default one, kept when it already has a name), and a paused job resumes.
 */
export function saveFromLink(session: LibrarySession, request: LinkRequest): Job {
  const { library, queue } = session;
  const { uid, kind } = linkTarget(request.url);
  if (request.name || !library.getVideo(uid)) {
    const name = request.name ?? `Video ${uid.slice(0, 8)}`;
    library.upsertCatalogue([videoFromLink(uid, name, request.now)]);
  }
  if (library.getJob(uid, kind)?.state === 'paused') queue.resume(uid, kind);
  return queue.addLink(uid, kind, request.url);
}
