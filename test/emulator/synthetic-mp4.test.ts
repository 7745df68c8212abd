import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fileMediaSource, reviseMedia } from '../../main/core/emulator/media-source';
import { samplesDir } from '../../main/core/emulator/samples/catalog';
import {
  SYNTHETIC_BLOCK,
  syntheticBytes,
  syntheticMediaSource,
} from '../../main/core/emulator/synthetic-mp4';
import type { MediaSource } from '../../main/core/emulator/types';

const GiB = 1024 ** 3;

async function collect(stream: Readable): Promise<{ bytes: Buffer; largestChunk: number }> {
  const chunks: Buffer[] = [];
  let largestChunk = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    largestChunk = Math.max(largestChunk, (chunk as Buffer).length);
  }
  return { bytes: Buffer.concat(chunks), largestChunk };
}

/** Buffers compared by digest: vitest's deep equality is slow on large buffers. */
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const read = async (source: MediaSource, start: number, end: number) =>
  (await collect(source.open(start, end))).bytes;

/** Top-level MP4 boxes from the first bytes of a file of `size` bytes (mdat may be huge). */
function topLevelBoxes(
  head: Buffer,
  size: number,
): { type: string; start: number; size: number }[] {
  const boxes: { type: string; start: number; size: number }[] = [];
  for (let at = 0; at < size; ) {
    const small = head.readUInt32BE(at);
    const boxSize = small === 1 ? Number(head.readBigUInt64BE(at + 8)) : small;
    if (boxSize < 8) throw new Error(`bad box size at ${at}`);
    boxes.push({ type: head.toString('latin1', at + 4, at + 8), start: at, size: boxSize });
    at += boxSize;
  }
  return boxes;
}

describe('syntheticMediaSource', () => {
  it('gives the same bytes for the same offset across sources and API entry points', async () => {
    const a = syntheticMediaSource({ size: 1_000_000, seed: 7 });
    const b = syntheticMediaSource({ size: 1_000_000, seed: 7 });
    const fromA = await read(a, 70_000, 200_000);
    expect(sha(await read(b, 70_000, 200_000))).toBe(sha(fromA));
    expect(sha(syntheticBytes({ size: 1_000_000, seed: 7 }, 70_000, 130_001))).toBe(sha(fromA));
    expect(sha((await read(a, 0, 999_999)).subarray(70_000, 200_001))).toBe(sha(fromA));
    expect(a.etag).toBe(b.etag);
    expect(a.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(a.contentType).toBe('video/mp4');
  });

  it('makes every 64 KiB block distinct, so an off-by-N resume changes the hash', async () => {
    const size = 32 * SYNTHETIC_BLOCK;
    const whole = await read(syntheticMediaSource({ size, seed: 1 }), 0, size - 1);
    const hashes = new Set<string>();
    for (let at = 0; at < size; at += SYNTHETIC_BLOCK) {
      hashes.add(
        createHash('sha256')
          .update(whole.subarray(at, at + SYNTHETIC_BLOCK))
          .digest('hex'),
      );
    }
    expect(hashes.size).toBe(32);
    const resumedWrong = Buffer.concat([whole.subarray(0, 100_000), whole.subarray(100_004)]);
    expect(sha(resumedWrong)).not.toBe(sha(whole.subarray(0, size - 4)));
  });

  it('depends on seed and revision, with the ETag following', () => {
    const base = syntheticBytes({ size: 4096, seed: 1 }, 200, 1000);
    expect(sha(syntheticBytes({ size: 4096, seed: 2 }, 200, 1000))).not.toBe(sha(base));
    expect(sha(syntheticBytes({ size: 4096, seed: 1, revision: 1 }, 200, 1000))).not.toBe(
      sha(base),
    );
    const etags = new Set(
      [
        { size: 4096, seed: 1 },
        { size: 4096, seed: 2 },
        { size: 4096, seed: 1, revision: 1 },
        { size: 4097, seed: 1 },
      ].map((o) => syntheticMediaSource(o).etag),
    );
    expect(etags.size).toBe(4);
  });

  it.each([1024, 1_048_583, 3 * SYNTHETIC_BLOCK])(
    'has ftyp, moov/mvhd, mdat covering %i bytes',
    async (size) => {
      const head = syntheticBytes({ size, seed: 3 }, 0, 1024);
      const boxes = topLevelBoxes(head, size);
      expect(boxes.map((b) => b.type)).toEqual(['ftyp', 'moov', 'mdat']);
      expect(boxes.reduce((sum, b) => sum + b.size, 0)).toBe(size);
      expect(head.toString('latin1', 8, 12)).toBe('isom');
      const moov = boxes[1];
      expect(head.toString('latin1', (moov?.start ?? 0) + 12, (moov?.start ?? 0) + 16)).toBe(
        'mvhd',
      );
      expect(head.readUInt32BE((moov?.start ?? 0) + 8)).toBe((moov?.size ?? 0) - 8);
    },
  );

  it('uses the 64-bit largesize for a 5 GiB mdat and reads near the end', async () => {
    const size = 5 * GiB + 123;
    const source = syntheticMediaSource({ size, seed: 9 });
    const head = await read(source, 0, 1023);
    const boxes = topLevelBoxes(head, size);
    const mdat = boxes[2];
    expect(mdat?.type).toBe('mdat');
    expect(head.readUInt32BE(mdat?.start ?? 0)).toBe(1);
    expect(boxes.reduce((sum, b) => sum + b.size, 0)).toBe(size);
    const { bytes, largestChunk } = await collect(source.open(size - 200_000, size - 1));
    expect(bytes.length).toBe(200_000);
    expect(largestChunk).toBeLessThanOrEqual(SYNTHETIC_BLOCK);
    expect(sha(bytes)).toBe(sha(syntheticBytes({ size, seed: 9 }, size - 200_000, 200_000)));
  });

  it('keeps a 4 GiB box under largesize only when it must', () => {
    const fits = syntheticBytes({ size: 2 ** 32 - 1 + 148, seed: 1 }, 0, 200);
    expect(fits.readUInt32BE(148)).toBe(2 ** 32 - 1);
    const over = syntheticBytes({ size: 2 ** 32 + 148, seed: 1 }, 0, 200);
    expect(over.readUInt32BE(148)).toBe(1);
    expect(Number(over.readBigUInt64BE(156))).toBe(2 ** 32);
  });

  it('generates only what the reader pulls', async () => {
    const stream = syntheticMediaSource({ size: 5 * GiB, seed: 1 }).open(0, 5 * GiB - 1);
    stream.pause();
    stream.read(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stream.readableLength).toBeLessThanOrEqual(2 * SYNTHETIC_BLOCK);
    stream.destroy();
  });

  it('rejects tiny sizes and ranges outside the file', () => {
    expect(() => syntheticMediaSource({ size: 1023, seed: 1 })).toThrow(RangeError);
    const source = syntheticMediaSource({ size: 2048, seed: 1 });
    expect(() => source.open(0, 2048)).toThrow(RangeError);
    expect(() => source.open(10, 9)).toThrow(RangeError);
  });
});

describe('fileMediaSource and reviseMedia', () => {
  const path = join(samplesDir, 'alpine.mp4');
  const original = readFileSync(path);

  it('serves a file with a SHA-256 ETag and byte ranges', async () => {
    const source = fileMediaSource(path, 'video/mp4');
    expect(source.size).toBe(original.length);
    expect(source.etag).toBe(`"${createHash('sha256').update(original).digest('hex')}"`);
    expect(source.lastModified.getMilliseconds()).toBe(0);
    expect(sha(await read(source, 1000, 70_000))).toBe(sha(original.subarray(1000, 70_001)));
  });

  it('revises a file into a different valid MP4 with a new ETag, without growing each time', async () => {
    const source = fileMediaSource(path, 'video/mp4');
    const once = reviseMedia(source);
    const twice = reviseMedia(once);
    expect(new Set([source.etag, once.etag, twice.etag]).size).toBe(3);
    expect(once.size).toBe(source.size + 16);
    expect(twice.size).toBe(once.size);
    expect(once.lastModified.getTime()).toBeGreaterThan(source.lastModified.getTime());
    const bytesOnce = await read(once, 0, once.size - 1);
    const bytesTwice = await read(twice, 0, twice.size - 1);
    expect(sha(bytesOnce.subarray(0, original.length))).toBe(sha(original));
    expect(sha(bytesTwice)).not.toBe(sha(bytesOnce));
    const boxes = topLevelBoxes(bytesTwice, bytesTwice.length);
    expect(boxes.at(-1)).toMatchObject({ type: 'free', size: 16 });
    expect(sha(await read(twice, once.size - 20, once.size - 1))).toBe(
      sha(bytesTwice.subarray(-20)),
    );
  });

  it('revises a synthetic source by bumping its revision', async () => {
    const source = syntheticMediaSource({ size: 100_000, seed: 4 });
    const revised = reviseMedia(source);
    expect(revised.size).toBe(source.size);
    expect(revised.etag).toBe(syntheticMediaSource({ size: 100_000, seed: 4, revision: 1 }).etag);
    expect(sha(await read(revised, 500, 600))).not.toBe(sha(await read(source, 500, 600)));
    expect(reviseMedia(revised).etag).not.toBe(revised.etag);
  });
});
