import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmdirSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../main/core/library/index';
import {
  type CrashWorld,
  crashWorld,
  expectSavedWhole,
  lastJob,
  lastRange,
  MiB,
  resendMargin,
  runGet,
  unwrittenMargin,
} from './support';

const mounted: string[] = [];

/** A real small filesystem for the library: ENOSPC comes from the kernel, not from a stub. */
function mountTmpfs(sizeMiB: number): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'offstream-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir], {
      stdio: 'ignore',
    });
  } catch {
    rmdirSync(dir);
    return undefined;
  }
  mounted.push(dir);
  return dir;
}

function resizeTmpfs(dir: string, sizeMiB: number): void {
  execFileSync('mount', ['-o', `remount,size=${sizeMiB}m`, dir]);
}

/**
 * Leaves about 1 MiB free by shrinking the volume to what it holds: the kernel's ENOSPC comes
 * soon after, and the emulator (in this process) is not held up writing a filler of hundreds of
 * MiB, which made it send a catch-up burst that no byte count could bound.
 */
function leaveOneMiB(dir: string): void {
  const stats = statfsSync(dir);
  const used = (stats.blocks - stats.bfree) * stats.bsize;
  resizeTmpfs(dir, Math.ceil(used / MiB) + 1);
}

/** The lowest free-space floor the settings allow (256 MiB), so a small volume can hold it. */
function lowestFloor(folder: string): void {
  const library = openLibrary(folder);
  library.setSetting('freeSpaceFloorBytes', 256 * MiB);
  library.close();
}

const probe = mountTmpfs(1);
const canMount = probe !== undefined;

let world: CrashWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
  for (const dir of mounted.splice(0)) {
    execFileSync('umount', [dir]);
    rmdirSync(dir);
  }
});

describe.skipIf(!canMount)('a full disk (a real tmpfs)', () => {
  it('stops at the free-space floor before writing when the volume is too small, then completes once it is bigger', async () => {
    const volume = mountTmpfs(2) as string;
    world = await crashWorld({}, join(volume, 'library'));
    lowestFloor(world.library);
    const size = 8 * MiB;
    const uid = await world.video(size);

    const full = await runGet([uid], world.env);
    expect(full.code).toBe(1);
    // The command line cannot wait for room: it pauses the job with the reason kept.
    expect(lastJob(full)).toMatchObject({ state: 'paused', errorCode: 'storage_floor' });
    expect(String(lastJob(full)?.errorMessage)).toMatch(/free-space floor/i);
    expect(readdirSync(join(world.library, 'media'))).toEqual([]);

    // The transfer keeps the floor (256 MiB here) free beyond the file: the volume holds both.
    resizeTmpfs(volume, size / MiB + 256 + 16);
    // The space check needs the response's length: the first body was opened, then dropped.
    const before = world.emulator.deliveredBytes(uid);
    const again = await runGet([uid], world.env);
    expect(again.code).toBe(0);
    expect(lastRange(world)).toBeUndefined();
    expect(world.emulator.deliveredBytes(uid) - before).toBe(size);
    await expectSavedWhole(world, uid, Number.POSITIVE_INFINITY);
  });

  it('pauses with disk_full when the disk fills mid-transfer, keeps the .part, and resumes from it', async () => {
    const volume = mountTmpfs(16 * 2 + 256 + 16) as string;
    world = await crashWorld({}, join(volume, 'library'));
    lowestFloor(world.library);
    const size = 16 * MiB;
    const uid = await world.video(size);
    world.emulator.control.setDeliveryFaults({ bytesPerSecond: 8 * MiB });
    let shrunk = false;

    const full = await runGet([uid], world.env, {
      onEvent: (event) => {
        if (event.event === 'progress' && Number(event.bytesDone) >= size * 0.4) {
          if (!shrunk) leaveOneMiB(volume);
          shrunk = true;
        }
      },
    });
    expect(full.code).toBe(1);
    expect(full.stderr).not.toMatch(/\n\s+at /);
    // When even the index cannot take the pause, the job stays active on disk and the CLI says why.
    if (lastJob(full)?.state === 'paused') {
      expect(lastJob(full)?.errorCode).toBe('disk_full');
    } else {
      expect(full.stderr).toMatch(/offstream \[disk_full\]: The disk holding the library is full/);
    }
    const part = join(world.library, '.partial', `${uid}.default.part`);
    const kept = statSync(part).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(size);
    expect(readdirSync(join(world.library, 'media'))).toEqual([]);

    resizeTmpfs(volume, 16 * 2 + 256 + 16);
    world.emulator.control.setDeliveryFaults(undefined);
    const before = world.emulator.deliveredBytes(uid);
    const again = await runGet([uid], world.env);
    expect(again.code).toBe(0);
    expect(lastJob(again)?.state).toBe('complete');
    expect(lastRange(world)).toBe(`bytes=${kept}-`);
    expect(world.emulator.deliveredBytes(uid) - before).toBe(size - kept);
    await expectSavedWhole(world, uid, resendMargin + unwrittenMargin);
  });
});
