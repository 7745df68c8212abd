import type { Video } from '../stream/schemas';

/**
 * A catalogue entry for a video known only from a signed link (no API access to its details):
 * enough for the library to name it and list it offline.
 */
export function videoFromLink(uid: string, name: string, now: Date): Video {
  return {
    uid,
    meta: { name },
    created: now.toISOString(),
    duration: -1,
    readyToStream: true,
    status: { state: 'ready' },
    requireSignedURLs: true,
    allowedOrigins: [],
  };
}
