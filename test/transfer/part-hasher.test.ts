import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PartHasher } from '../../main/core/transfer/part-hasher';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('PartHasher', () => {
  let folder: string;
  let part: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'offstream-hasher-'));
    part = join(folder, 'x.default.part');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('hashes a file that grows while it reads, in blocks smaller than the writes', async () => {
    const pieces = [randomBytes(100_000), randomBytes(3), randomBytes(250_001)];
    writeFileSync(part, '');
    const hasher = new PartHasher(part, 4096);
    let written = 0;
    for (const piece of pieces) {
      appendFileSync(part, piece);
      written += piece.length;
      hasher.advance(written);
    }
    expect(await hasher.digest(written)).toBe(sha256(Buffer.concat(pieces)));
  });

  it('covers a prefix already on disk before any new byte (a resume)', async () => {
    const prefix = randomBytes(70_000);
    const rest = randomBytes(5_000);
    writeFileSync(part, prefix);
    const hasher = new PartHasher(part);
    hasher.advance(prefix.length);
    appendFileSync(part, rest);
    expect(await hasher.digest(prefix.length + rest.length)).toBe(
      sha256(Buffer.concat([prefix, rest])),
    );
  });

  it('hashes only the asked length of a longer file', async () => {
    const bytes = randomBytes(10_000);
    writeFileSync(part, bytes);
    expect(await new PartHasher(part).digest(6_000)).toBe(sha256(bytes.subarray(0, 6_000)));
  });

  it('fails instead of waiting when asked for fewer bytes than it already hashed', async () => {
    writeFileSync(part, randomBytes(1000));
    const hasher = new PartHasher(part);
    hasher.advance(1000);
    await expect(hasher.digest(500)).rejects.toMatchObject({ code: 'EPASSED' });
  });

  it('fails with the errno code when the file is gone', async () => {
    const hasher = new PartHasher(join(folder, 'missing.part'));
    await expect(hasher.digest(10)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails instead of hashing zeros when the file holds fewer bytes than reported', async () => {
    writeFileSync(part, randomBytes(1000));
    truncateSync(part, 400);
    await expect(new PartHasher(part).digest(1000)).rejects.toMatchObject({ code: 'ESHORT' });
  });

  it('stops its thread when disposed before the end', async () => {
    writeFileSync(part, randomBytes(1000));
    const hasher = new PartHasher(part);
    hasher.advance(1000);
    await hasher.dispose();
    await expect(hasher.digest(1000)).rejects.toThrow();
  });
});
