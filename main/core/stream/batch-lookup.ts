import type { CallOptions, StreamClient } from './client';
import { isStreamApiError } from './errors';
import type { Video } from './schemas';

/** One uid's answer: its Video, or null when Cloudflare says it no longer exists (404). */
export interface LookedUp {
  uid: string;
  video: Video | null;
}

export interface LookupOptions extends CallOptions {
  /** Uids per `GET /stream?id=…`; 100 keeps the URL near 3.4 kB. */
  batchSize?: number;
  /** Requests left for the downloads: the lookup stops when the budget's spare falls to this. */
  reserve?: number;
}

/**
 * How far the `id` list filter can be trusted (stream-api.md §3.3, "newer param"): honoured,
 * or not (ignored, read as one uid, refused), in which case each uid is asked for alone.
 */
type Mode = 'filter' | 'one-by-one';

/**
 * Asks the account about many saved videos with as few calls as it can, yielding each batch's
 * answers as they come (so a caller keeps what it learnt if a later batch fails). A uid missing
 * from a filtered answer is confirmed with `GET /stream/{uid}` before it counts as deleted, so
 * no variant of the filter can make a video look deleted. Stops early, leaving the rest for a
 * later run, when the rate budget would dip into `reserve`.
 */
export async function* lookUpVideos(
  stream: StreamClient,
  uids: readonly string[],
  options: LookupOptions = {},
): AsyncGenerator<LookedUp[]> {
  const batchSize = Math.max(1, Math.min(1000, options.batchSize ?? 100));
  const reserve = options.reserve ?? 100;
  const opts: CallOptions = options.signal ? { signal: options.signal } : {};
  const affordable = () => stream.spareRequests() > reserve;
  let mode: Mode = 'filter';
  for (let start = 0; start < uids.length; start += batchSize) {
    const batch = uids.slice(start, start + batchSize);
    const found = new Map<string, Video>();
    if (mode === 'filter') {
      if (!affordable()) return;
      const answer = await filtered(stream, batch, opts);
      if (answer === 'refused') mode = 'one-by-one';
      else {
        for (const video of answer.videos) found.set(video.uid, video);
        if (answer.strangers) mode = 'one-by-one';
      }
    }
    const answers: LookedUp[] = [];
    for (const uid of batch) {
      const video = found.get(uid);
      if (video !== undefined) {
        answers.push({ uid, video });
        continue;
      }
      if (!affordable()) break;
      const alone = await single(stream, uid, opts);
      // The filter left out a video that exists: it cannot be trusted for the others.
      if (alone !== null) mode = 'one-by-one';
      answers.push({ uid, video: alone });
    }
    if (answers.length > 0) yield answers;
    if (answers.length < batch.length) return;
  }
}

/** The filtered list; `strangers` when it holds videos not asked for (the filter was ignored). */
async function filtered(
  stream: StreamClient,
  batch: readonly string[],
  opts: CallOptions,
): Promise<{ videos: Video[]; strangers: boolean } | 'refused'> {
  try {
    const page = await stream.listVideos({ ids: [...batch], limit: batch.length }, opts);
    const asked = new Set(batch);
    const videos = page.videos.filter((v) => asked.has(v.uid));
    return { videos, strangers: videos.length < page.videos.length };
  } catch (error) {
    // An API that does not know the parameter may refuse it (400); anything else is a failure.
    if (isStreamApiError(error) && error.status === 400) return 'refused';
    throw error;
  }
}

async function single(stream: StreamClient, uid: string, opts: CallOptions) {
  try {
    return await stream.getVideo(uid, opts);
  } catch (error) {
    if (isStreamApiError(error) && error.code === 'not_found') return null;
    throw error;
  }
}
