import type { Downloads, Video } from './schemas';

/** Cloudflare's legacy delivery host: it serves every account's videos and is Cloudflare's own. */
export const legacyDeliveryOrigin = 'https://videodelivery.net';

/**
 * The delivery origins the account's API names for one of its videos (download URLs,
 * thumbnail, playback manifests). Only these, and Cloudflare's legacy host, may receive a
 * token the account mints: any other host could be anyone's.
 */
export function accountDeliveryOrigins(
  video: Video | undefined,
  downloads?: Downloads,
): Set<string> {
  const named = [
    video?.thumbnail,
    video?.playback?.hls,
    video?.playback?.dash,
    downloads?.default?.url,
    downloads?.audio?.url,
  ];
  const origins = new Set([legacyDeliveryOrigin]);
  for (const url of named) {
    const origin = originOf(url);
    if (origin) origins.add(origin);
  }
  return origins;
}

function originOf(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
}
