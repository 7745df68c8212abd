import type { LibraryIndex } from '../library/index';
import type { TripRates } from '../plan/trip-plan';

/**
 * The defaults while a library has measured nothing. Cloudflare publishes no figure for how long
 * an MP4 takes to prepare (stream-api.md): a quarter of the video's length is a guess. The link:
 * 1 MB/s (8 Mbit/s), hotel Wi-Fi. Sizes: 5 Mbit/s for a 1080p MP4, 128 kbit/s for the M4A.
 */
const defaultRates = {
  prepareMsPerVideoSecond: 250,
  linkBytesPerSecond: 1_000_000,
  mp4BytesPerVideoSecond: 625_000,
  audioBytesPerVideoSecond: 16_000,
};

/** The latest measurements a rate is the median of: recent enough to follow a changed link. */
const sampleSize = 20;

/**
 * The planner's rates from this library's past downloads: Cloudflare's preparation time per
 * second of video and the link's speed (medians of the latest jobs), and the bytes per second of
 * video of the files saved so far. A bandwidth cap bounds the link.
 */
export function measuredRates(library: LibraryIndex): TripRates {
  const prepare = median(
    library.listMeasurements('prepare', sampleSize).map((m) => m.elapsedMs / m.amount),
  );
  const link = median(
    library
      .listMeasurements('transfer', sampleSize)
      .map((m) => (m.amount * 1000) / Math.max(1, m.elapsedMs)),
  );
  const cap = library.getSetting('bandwidthCap');
  const linkBytesPerSecond = Math.min(
    link ?? defaultRates.linkBytesPerSecond,
    cap > 0 ? cap : Number.POSITIVE_INFINITY,
  );
  const { default: mp4, audio } = savedBitrates(library);
  return {
    prepareMsPerVideoSecond: prepare ?? defaultRates.prepareMsPerVideoSecond,
    linkBytesPerSecond,
    mp4BytesPerVideoSecond: mp4 ?? defaultRates.mp4BytesPerVideoSecond,
    audioBytesPerVideoSecond: audio ?? defaultRates.audioBytesPerVideoSecond,
    measured: {
      prepare: prepare !== undefined,
      link: link !== undefined,
      bitrate: mp4 !== undefined,
    },
  };
}

/** Bytes per video second of the MP4s and of the M4As saved here, in one pass over the files. */
function savedBitrates(library: LibraryIndex): Record<'default' | 'audio', number | undefined> {
  const sums = { default: { bytes: 0, seconds: 0 }, audio: { bytes: 0, seconds: 0 } };
  for (const file of library.listFiles({ status: 'present' })) {
    if (file.role !== 'default' && file.role !== 'audio') continue;
    const duration = library.getVideo(file.uid)?.duration ?? -1;
    if (duration <= 0) continue;
    sums[file.role].bytes += file.bytes;
    sums[file.role].seconds += duration;
  }
  const rate = ({ bytes, seconds }: { bytes: number; seconds: number }) =>
    seconds > 0 ? bytes / seconds : undefined;
  return { default: rate(sums.default), audio: rate(sums.audio) };
}

function median(values: number[]): number | undefined {
  const sorted = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
