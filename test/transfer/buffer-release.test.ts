import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { BufferRelease, youngGenerationCollector } from '../../main/core/transfer/buffer-release';
import { ConnectionBudget } from '../../main/core/transfer/connections';
import { resumeTransfer } from '../../main/core/transfer/transfer';
import { emulatorForTests, readyDownload } from '../support/emulator';

const MiB = 1024 * 1024;

describe('freeing finished network buffers early', () => {
  it('collects once per 8 MiB received, whatever the size of the pieces', () => {
    let collections = 0;
    const release = new BufferRelease(() => {
      collections += 1;
    });
    for (let i = 0; i < 64; i += 1) release.received(MiB / 4); // 16 MiB in 256 KiB pieces
    expect(collections).toBe(2);
    release.received(8 * MiB - 1);
    expect(collections).toBe(2);
    release.received(1);
    expect(collections).toBe(3);
    // What a piece brings past the line counts towards the next one.
    release.received(5 * MiB);
    release.received(5 * MiB);
    expect(collections).toBe(4);
    release.received(6 * MiB);
    expect(collections).toBe(5);
  });

  it('reaches V8’s young-generation collection, which frees buffers nothing holds any more', () => {
    const collect = youngGenerationCollector();
    expect(collect).toBeTypeOf('function');
    collect?.();
    const before = process.memoryUsage().arrayBuffers;
    // What a transfer leaves behind: network reads, read and let go.
    for (let i = 0; i < 256; i += 1) Buffer.alloc(64 * 1024).fill(i);
    const piledUp = process.memoryUsage().arrayBuffers - before;
    expect(piledUp).toBeGreaterThan(8 * MiB);
    collect?.();
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(piledUp / 4);
  });

  describe('in a transfer', () => {
    let emulator: RunningEmulator;
    let library: string;
    beforeAll(async () => {
      emulator = await emulatorForTests({ samples: false });
      library = mkdtempSync(join(tmpdir(), 'offstream-release-'));
    });
    afterAll(async () => {
      await emulator.close();
      rmSync(library, { recursive: true, force: true });
    });

    it('is asked for as the bytes arrive, over one connection or several', async () => {
      const counts: number[] = [];
      for (const connections of [1, 4]) {
        const uid = emulator.control.addSyntheticVideo({ size: 40 * MiB });
        const url = await readyDownload(emulator, uid);
        let collections = 0;
        await resumeTransfer(
          {
            url,
            partPath: join(library, '.partial', `${uid}.part`),
            destinationPath: join(library, 'media', uid, 'default.mp4'),
          },
          {
            reserveBytes: 0,
            connections: new ConnectionBudget({ perDownload: connections }),
            collectYoungGeneration: () => {
              collections += 1;
            },
          },
        );
        counts.push(collections);
      }
      expect(counts).toEqual([5, 5]);
    });
  });
});
