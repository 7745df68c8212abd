import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { MediaSource } from './types';

/**
 * Deterministic fake MP4s of any size, generated on the fly so tests can move multi-GiB files
 * without storing them. Bytes depend only on (seed, revision, offset).
 */
export interface SyntheticOptions {
  size: number;
  seed: number;
  revision?: number;
}

export const SYNTHETIC_MIN_SIZE = 1024;
export const SYNTHETIC_BLOCK = 64 * 1024;
const MAX_BOX32 = 0xffff_ffff;
const EPOCH = Date.UTC(2026, 0, 1);

const created = new WeakMap<MediaSource, Required<SyntheticOptions>>();

export function syntheticMediaSource(options: SyntheticOptions): MediaSource {
  const opts = normalise(options);
  const generator = new BlockGenerator(opts);
  const source: MediaSource = {
    size: opts.size,
    contentType: 'video/mp4',
    etag: syntheticEtag(opts),
    lastModified: new Date(EPOCH + opts.revision * 1000),
    open: (start, endInclusive) => {
      checkRange(opts.size, start, endInclusive);
      return generator.stream(start, endInclusive);
    },
  };
  created.set(source, opts);
  return source;
}

/** The options a source was made from, when it is synthetic. */
export function syntheticOptionsOf(source: MediaSource): Required<SyntheticOptions> | undefined {
  return created.get(source);
}

/** `length` bytes of the synthetic file at `offset`, for comparing with what was downloaded. */
export function syntheticBytes(options: SyntheticOptions, offset: number, length: number): Buffer {
  const opts = normalise(options);
  if (length === 0) return Buffer.alloc(0);
  checkRange(opts.size, offset, offset + length - 1);
  return new BlockGenerator(opts).read(offset, offset + length - 1);
}

function normalise(options: SyntheticOptions): Required<SyntheticOptions> {
  const { size, seed, revision = 0 } = options;
  if (!Number.isSafeInteger(size) || size < SYNTHETIC_MIN_SIZE) {
    throw new RangeError(`synthetic size must be an integer of at least ${SYNTHETIC_MIN_SIZE}`);
  }
  if (!Number.isInteger(seed) || !Number.isInteger(revision) || revision < 0) {
    throw new RangeError('synthetic seed and revision must be integers');
  }
  return { size, seed, revision };
}

function syntheticEtag(opts: Required<SyntheticOptions>): string {
  const digest = createHash('sha256')
    .update(`synthetic:${opts.size}:${opts.seed}:${opts.revision}`)
    .digest('hex');
  return `"${digest.slice(0, 40)}"`;
}

function checkRange(size: number, start: number, endInclusive: number): void {
  const ok =
    Number.isSafeInteger(start) &&
    Number.isSafeInteger(endInclusive) &&
    start >= 0 &&
    start <= endInclusive &&
    endInclusive < size;
  if (!ok) throw new RangeError(`range ${start}-${endInclusive} is outside 0-${size - 1}`);
}

/** Top-level boxes: ftyp, moov (with mvhd), and the mdat header covering the rest. */
export function syntheticHeader(size: number): Buffer {
  const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2avc1mp41', 'latin1'));
  const moov = box('moov', box('mvhd', mvhdBody()));
  const mdatSize = size - ftyp.length - moov.length;
  const mdat = mdatSize > MAX_BOX32 ? Buffer.alloc(16) : Buffer.alloc(8);
  if (mdat.length === 16) {
    mdat.writeUInt32BE(1, 0);
    mdat.writeBigUInt64BE(BigInt(mdatSize), 8);
  } else {
    mdat.writeUInt32BE(mdatSize, 0);
  }
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, moov, mdat]);
}

function box(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

/** mvhd version 0: 1000 ticks per second, 10 s long, identity matrix. */
function mvhdBody(): Buffer {
  const body = Buffer.alloc(100);
  body.writeUInt32BE(1000, 12);
  body.writeUInt32BE(10_000, 16);
  body.writeUInt32BE(0x0001_0000, 20);
  body.writeUInt16BE(0x0100, 24);
  const matrix = [0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000];
  matrix.forEach((value, i) => {
    body.writeUInt32BE(value, 36 + i * 4);
  });
  body.writeUInt32BE(1, 96);
  return body;
}

/** Murmur3's finaliser: a bijection on 32-bit integers, so distinct blocks get distinct keys. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85eb_ca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2_ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

class BlockGenerator {
  private readonly base: Uint32Array;
  private readonly header: Buffer;

  constructor(opts: Required<SyntheticOptions>) {
    this.header = syntheticHeader(opts.size);
    this.base = pseudoRandomWords(fmix32(opts.seed ^ fmix32(opts.revision + 0x9e37_79b9)));
  }

  /** One 64 KiB block: the base noise XORed with a key unique to the block index. */
  private block(index: number): Buffer {
    const key = fmix32(index ^ Math.imul(Math.floor(index / 2 ** 32), 0x2545_f491));
    const words = new Uint32Array(this.base.length);
    for (let i = 0; i < words.length; i++) words[i] = (this.base[i] ?? 0) ^ key;
    const bytes = Buffer.from(words.buffer);
    const blockStart = index * SYNTHETIC_BLOCK;
    if (blockStart < this.header.length) this.header.copy(bytes, 0, blockStart);
    return bytes;
  }

  /** Bytes [start, end] within one block. */
  private slice(start: number, end: number): Buffer {
    const index = Math.floor(start / SYNTHETIC_BLOCK);
    const from = start - index * SYNTHETIC_BLOCK;
    return this.block(index).subarray(from, from + end - start + 1);
  }

  read(start: number, endInclusive: number): Buffer {
    const parts: Buffer[] = [];
    for (let at = start; at <= endInclusive; ) {
      const end = Math.min(endInclusive, blockEnd(at));
      parts.push(this.slice(at, end));
      at = end + 1;
    }
    return Buffer.concat(parts);
  }

  /** Pull-based: a block is generated only when the consumer asks for more. */
  stream(start: number, endInclusive: number): Readable {
    let at = start;
    const next = (): Buffer | null => {
      if (at > endInclusive) return null;
      const end = Math.min(endInclusive, blockEnd(at));
      const chunk = this.slice(at, end);
      at = end + 1;
      return chunk;
    };
    return new Readable({
      highWaterMark: SYNTHETIC_BLOCK,
      read() {
        this.push(next());
      },
    });
  }
}

function blockEnd(offset: number): number {
  return (Math.floor(offset / SYNTHETIC_BLOCK) + 1) * SYNTHETIC_BLOCK - 1;
}

/** One block of mulberry32 noise; the seed mixes in both seed and revision. */
function pseudoRandomWords(seed: number): Uint32Array {
  const words = new Uint32Array(SYNTHETIC_BLOCK / 4);
  let state = seed >>> 0;
  for (let i = 0; i < words.length; i++) {
    state = (state + 0x6d2b_79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    words[i] = (t ^ (t >>> 14)) >>> 0;
  }
  return words;
}
