import { existsSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import { partFilePath } from '../../main/core/library/index';
import { roomRecheckMs } from '../../main/core/queue/decisions';
import { mediaOf } from '../support/emulator';
import { type QueueHarness, queueHarness, quick, reaches } from './harness';

const [alpine, harbour] = sampleVideos;
if (!alpine || !harbour) throw new Error('sample catalogue changed');

const MiB = 1024 * 1024;
let h: QueueHarness;
afterEach(() => h?.close());

const partBytes = (uid: string) =>
  statSync(partFilePath(h.folder, uid, 'default'), { throwIfNoEntry: false })?.size ?? 0;

describe('the storage lines a download never crosses', () => {
  it('waits below the free-space floor, says why, and continues once room is made', async () => {
    let free = 10 * MiB; // the floor (10 MiB) leaves no room for the file
    const freeSpace = async () => free;
    h = await queueHarness(
      {},
      { transfer: { ...quick.transfer, reserveBytes: 10 * MiB, freeSpace } },
    );
    const before = Date.now();
    h.queue.add(harbour.uid, 'default');
    const waiting = await reaches(h, harbour.uid, ['waiting']);
    expect(waiting).toMatchObject({ errorCode: 'storage_floor', resumeState: 'downloading' });
    expect(waiting.errorMessage).toMatch(/free-space floor\. \(11 MiB needed, 10 MiB available\)/);
    expect(waiting.errorAction).toMatch(/Make room/);
    // It looks again by itself a minute later; no byte crossed the line meanwhile.
    expect(waiting.nextAttemptAt).toBeGreaterThanOrEqual(before + roomRecheckMs);
    expect(partBytes(harbour.uid)).toBe(0);

    free = 1024 * MiB;
    expect(h.queue.roomMade()).toBe(1);
    await reaches(h, harbour.uid, ['complete']);
  });

  it('reads the floor from the library setting when nothing overrides it', async () => {
    const { reserveBytes: _, ...transfer } = quick.transfer;
    // 1 MiB above the default floor of 2 GiB: room for harbour (100 kB), not for more.
    h = await queueHarness({}, { transfer: { ...transfer, freeSpace: async () => 2049 * MiB } });
    h.queue.add(harbour.uid, 'default');
    await reaches(h, harbour.uid, ['complete']);

    h.library.setSetting('freeSpaceFloorBytes', 2049 * MiB);
    h.queue.add(alpine.uid, 'default');
    expect(await reaches(h, alpine.uid, ['waiting'])).toMatchObject({
      errorCode: 'storage_floor',
    });
  });

  it('waits at the library size limit and continues when a saved video is removed', async () => {
    h = await queueHarness({}, { transfer: { ...quick.transfer, freeSpace: async () => 1e12 } });
    h.queue.add(alpine.uid, 'default');
    await reaches(h, alpine.uid, ['complete']);
    await h.queue.idle();
    const held = h.library.storageUsage().bytes;
    const harbourBytes = mediaOf(h.emulator, harbour.uid).size;
    // Room for all but the last byte of harbour's MP4.
    h.library.setSetting('libraryLimitBytes', held + harbourBytes - 1);

    h.queue.add(harbour.uid, 'default');
    const waiting = await reaches(h, harbour.uid, ['waiting']);
    expect(waiting.errorCode).toBe('library_limit');
    expect(waiting.errorMessage).toMatch(/size limit/);
    expect(partBytes(harbour.uid)).toBe(0);
    expect(existsSync(partFilePath(h.folder, harbour.uid, 'default'))).toBe(false);

    h.library.removeVideoFiles(alpine.uid);
    h.queue.roomMade();
    await reaches(h, harbour.uid, ['complete']);
    expect(h.library.storageUsage().bytes).toBeLessThanOrEqual(held + harbourBytes - 1);
  });
});
