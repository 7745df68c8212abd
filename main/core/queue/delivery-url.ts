import type { Job } from '../library/index';
import type { StreamClient } from '../stream/client';
import { accountDeliveryOrigins } from '../stream/delivery-origins';
import { downloadFileName } from '../stream/ids';
import { type DeliveryUrl, parseDeliveryUrl, withSignedToken } from '../stream/signed-url';
import { failJob } from './decisions';
import type { JobRunDeps } from './job-run';

/** Long enough for a slow hotel connection; Cloudflare allows at most 24 h. */
const tokenLifetimeSeconds = 6 * 60 * 60;

/**
 * The URL to fetch a job's bytes from. Private videos of the connected account get a fresh
 * `downloadable` token; a pasted signed link is used as given until it is refused, then
 * replaced through the account only when its host is the account's own delivery host.
 */
export async function deliveryUrlFor(
  deps: Pick<JobRunDeps, 'library' | 'stream' | 'clock'>,
  job: Job,
  options: { refresh: boolean; signal: AbortSignal },
): Promise<string> {
  if (!job.sourceUrl) throw failJob('download_failed', 'no download address was recorded');
  const parsed = parseDeliveryUrl(job.sourceUrl);
  if (job.source === 'signed_url') {
    return options.refresh ? refreshSignedLink(deps, job, parsed, options.signal) : job.sourceUrl;
  }
  const privateVideo = deps.library.getVideo(job.uid)?.requireSignedUrls ?? false;
  if (!privateVideo && !options.refresh) return job.sourceUrl;
  if (!deps.stream) throw failJob('no_account');
  // An 'api' job's address is the download URL the account's API answered, so its host is ours.
  const token = await deps.stream.mintSignedToken(
    job.uid,
    { downloadable: true, expiresInSeconds: tokenLifetimeSeconds },
    { signal: options.signal },
  );
  return withSignedToken(job.sourceUrl, token);
}

async function refreshSignedLink(
  deps: Pick<JobRunDeps, 'stream' | 'clock'>,
  job: Job,
  link: DeliveryUrl,
  signal: AbortSignal,
): Promise<string> {
  if (deps.stream && (await isAccountHost(deps.stream, job.uid, link.origin, signal))) {
    const token = await deps.stream
      .mintSignedToken(
        job.uid,
        { downloadable: true, expiresInSeconds: tokenLifetimeSeconds },
        { signal },
      )
      .catch(() => undefined);
    const plain = `${link.origin}/${job.uid}/downloads/${downloadFileName[job.kind]}`;
    if (token) return withSignedToken(plain, token);
  }
  if (link.subject.kind === 'token') {
    const { claims } = link.subject;
    if (claims.downloadable !== true) throw failJob('token_not_downloadable');
    if (claims.exp !== undefined && claims.exp * 1000 <= deps.clock.now())
      throw failJob('signed_url_expired');
  }
  throw failJob('url_forbidden');
}

/**
 * Whether the pasted link's host is one the account's API names for this video. A minted token
 * is a credential for a private video: sent to a host the link chose, it would leak to anyone.
 */
async function isAccountHost(
  stream: StreamClient,
  uid: string,
  origin: string,
  signal: AbortSignal,
): Promise<boolean> {
  const [video, downloads] = await Promise.all([
    stream.getVideo(uid, { signal }).catch(() => undefined),
    stream.getDownloads(uid, { signal }).catch(() => undefined),
  ]);
  if (!video) return false; // not a video of this account: nothing to mint for
  return accountDeliveryOrigins(video, downloads).has(origin);
}
