import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PartWriter } from '../../main/core/transfer/part-writer';

const KiB = 1024;

describe('PartWriter', () => {
  let folder: string;
  let handle: FileHandle;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'offstream-writer-'));
    handle = await open(join(folder, 'x.part'), 'w+');
  });
  afterEach(async () => {
    await handle.close().catch(() => {});
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes chunks in order at its offset and counts only written bytes', async () => {
    await handle.write(Buffer.from('prefix'), 0, 6, 0);
    const counted: number[] = [];
    const writer = new PartWriter(handle, 6, (bytes) => counted.push(bytes), 10 * KiB);
    const chunks = Array.from({ length: 7 }, (_, i) => randomBytes(3 * KiB + i));
    for (const chunk of chunks) await writer.add(chunk);
    await writer.flush();
    const expected = Buffer.concat([Buffer.from('prefix'), ...chunks]);
    expect(readFileSync(join(folder, 'x.part')).equals(expected)).toBe(true);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(expected.length - 6);
    expect(counted.length).toBeGreaterThan(1);
  });

  it('asks the disk to persist in the background as bytes accumulate, one sync at a time', async () => {
    const datasync = vi.spyOn(handle, 'datasync');
    const writer = new PartWriter(handle, 0, () => {}, 64 * KiB, 256 * KiB);
    for (let i = 0; i < 32; i += 1) await writer.add(randomBytes(32 * KiB));
    await writer.flush();
    // 1 MiB written with a sync due every 256 KiB: at least one, never more than four.
    expect(datasync.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(datasync.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it('rethrows a failed write at the next flush', async () => {
    const writer = new PartWriter(handle, 0, () => {}, 1);
    await handle.close();
    await writer.add(Buffer.from('x'));
    await expect(writer.flush()).rejects.toMatchObject({ code: 'EBADF' });
  });
});
