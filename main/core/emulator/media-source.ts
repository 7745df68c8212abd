import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { syntheticMediaSource, syntheticOptionsOf } from './synthetic-mp4';
import type { MediaSource } from './types';

/** A file on disk served as-is; the ETag is its SHA-256, so equal bytes mean equal ETags. */
export function fileMediaSource(
  path: string,
  contentType: MediaSource['contentType'],
): MediaSource {
  const stat = statSync(path);
  return {
    size: stat.size,
    contentType,
    etag: `"${sha256OfFile(path)}"`,
    lastModified: wholeSeconds(stat.mtime),
    open: (start, endInclusive) =>
      createReadStream(path, { start, end: endInclusive, highWaterMark: 64 * 1024 }),
  };
}

/** Read in chunks so a large file is hashed in constant memory. */
function sha256OfFile(path: string): string {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(64 * 1024);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
      hash.update(chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** HTTP dates have one-second precision; keep lastModified comparable with them. */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

interface Revision {
  base: MediaSource;
  counter: number;
}

const revisions = new WeakMap<MediaSource, Revision>();

/**
 * The same media "re-generated": different bytes, a new ETag, still a valid MP4. Synthetic
 * sources get the next revision; others get a trailing top-level `free` box with a counter.
 */
export function reviseMedia(source: MediaSource): MediaSource {
  const synthetic = syntheticOptionsOf(source);
  if (synthetic) return syntheticMediaSource({ ...synthetic, revision: synthetic.revision + 1 });
  const previous = revisions.get(source) ?? { base: source, counter: 0 };
  const revision = { base: previous.base, counter: previous.counter + 1 };
  const revised = withFreeBox(revision, source.lastModified);
  revisions.set(revised, revision);
  return revised;
}

function withFreeBox({ base, counter }: Revision, previousModified: Date): MediaSource {
  const tail = freeBox(counter);
  const size = base.size + tail.length;
  const etag = createHash('sha256').update(`${base.etag}/revision/${counter}`).digest('hex');
  return {
    size,
    contentType: base.contentType,
    etag: `"${etag.slice(0, 40)}"`,
    lastModified: new Date(wholeSeconds(previousModified).getTime() + 1000),
    open: (start, endInclusive) => {
      if (start < 0 || start > endInclusive || endInclusive >= size) {
        throw new RangeError(`range ${start}-${endInclusive} is outside 0-${size - 1}`);
      }
      return Readable.from(concatRange(base, tail, start, endInclusive));
    },
  };
}

function freeBox(counter: number): Buffer {
  const box = Buffer.alloc(16);
  box.writeUInt32BE(16, 0);
  box.write('free', 4, 'latin1');
  box.writeBigUInt64BE(BigInt(counter), 8);
  return box;
}

async function* concatRange(
  base: MediaSource,
  tail: Buffer,
  start: number,
  endInclusive: number,
): AsyncGenerator<Buffer> {
  if (start < base.size) {
    for await (const chunk of base.open(start, Math.min(endInclusive, base.size - 1))) {
      yield chunk as Buffer;
    }
  }
  if (endInclusive >= base.size) {
    yield tail.subarray(Math.max(0, start - base.size), endInclusive - base.size + 1);
  }
}
