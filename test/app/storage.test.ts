import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpWatched, roomOffer, startDownload } from '../../main/core/app/use-cases/index';
import { cleanupEveryMs, startWatchedCleanup } from '../../main/core/app/watched-cleanup-timer';
import { ManualClock } from '../../main/core/clock';
import { silentLogger } from '../../main/core/log';
import { catalogueCard } from '../../main/handlers/views';
import { type AppFixture, appFixture } from './helpers';

const ALPINE = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';
const HARBOUR = 'b2f0d1e5c3a4496a8b1c2d3e4f5a6b7c';
const WAVES = 'd4b2f3a7e5c6418cad3e4f5a6b7c8d9e';
const day = 24 * 60 * 60 * 1000;

let fixture: AppFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** A connected app with three real videos saved from the emulator. */
async function threeSaved(): Promise<AppFixture> {
  const f = await appFixture();
  await f.app.connect({ accountId: f.emulator.accountId, apiToken: f.emulator.token });
  await f.app.refreshCatalogue();
  const session = f.app.session();
  for (const uid of [ALPINE, HARBOUR, WAVES]) startDownload(session, { uid, kind: 'default' });
  await session.queue.settled([ALPINE, HARBOUR, WAVES].map((uid) => ({ uid, kind: 'default' })));
  return f;
}

const bytesOnDisk = (f: AppFixture, uid: string) =>
  f.app
    .session()
    .library.getFiles(uid)
    .reduce((sum, file) => sum + statSync(join(f.app.session().folder, file.path)).size, 0);

describe('storage: disk use, make room and the watched clean-up', () => {
  it('gives each card the bytes of all its files on disk', async () => {
    fixture = await threeSaved();
    const { library } = fixture.app.session();
    const item = library
      .listCatalogue({ filter: 'offline', sort: 'name', limit: 10 })
      .items.find((i) => i.uid === ALPINE);
    if (!item) throw new Error('alpine not listed');
    const card = catalogueCard(item, library);
    // Video, thumbnail and two caption tracks, as they are on disk.
    expect(library.getFiles(ALPINE)).toHaveLength(4);
    expect(card.diskBytes).toBe(bytesOnDisk(fixture, ALPINE));
    expect(card.diskBytes).toBeGreaterThan(
      statSync(join(fixture.app.session().folder, `media/${ALPINE}/default.mp4`)).size,
    );
  });

  it('removes only videos watched to the end N days ago, never a kiosk video', async () => {
    fixture = await threeSaved();
    const session = fixture.app.session();
    const { library } = session;
    const watchedAt = Date.now();
    library.savePosition(ALPINE, 12, 12); // to the end
    library.savePosition(HARBOUR, 10, 10); // to the end, but in the kiosk playlist
    library.savePosition(WAVES, 4, 10); // half way
    library.setSetting('kioskPlaylist', [HARBOUR]);

    // Off by default: nothing goes, however long ago.
    expect(await cleanUpWatched(session, watchedAt + 365 * day)).toEqual([]);

    library.setSetting('watchedCleanupDays', 2);
    expect(await cleanUpWatched(session, watchedAt + 2 * day - 60_000)).toEqual([]);
    const removed = await cleanUpWatched(session, watchedAt + 2 * day + 60_000);
    expect(removed.map((r) => r.name)).toEqual([library.getVideo(ALPINE)?.name]);
    expect(library.getFiles(ALPINE)).toEqual([]);
    expect(library.getFiles(HARBOUR).length).toBeGreaterThan(0);
    expect(library.getFiles(WAVES).length).toBeGreaterThan(0);
    expect(library.getJob(ALPINE, 'default')?.state).toBe('removed');
  });

  it('runs the clean-up on its own every hour of an injected clock', async () => {
    fixture = await threeSaved();
    const session = fixture.app.session();
    session.library.setSetting('watchedCleanupDays', 1);
    session.library.savePosition(WAVES, 10, 10);
    const clock = new ManualClock(Date.now());
    let changed = 0;
    const stop = startWatchedCleanup(session, clock, silentLogger, () => {
      changed += 1;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(session.library.getFiles(WAVES).length).toBeGreaterThan(0);
      for (let hour = 0; hour < 25; hour += 1) {
        clock.advance(cleanupEveryMs);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(session.library.getFiles(WAVES)).toEqual([]);
      expect(changed).toBe(1);
    } finally {
      stop();
    }
  });

  it('offers the saved videos to remove, largest or watched longest ago first, never kiosk ones', async () => {
    fixture = await threeSaved();
    const session = fixture.app.session();
    const { library } = session;
    library.setSetting('kioskPlaylist', [WAVES]);
    library.savePosition(HARBOUR, 10, 10);
    library.savePosition(ALPINE, 3, 12);

    const largest = await roomOffer(session, 'largest', async () => 10e9);
    expect(largest.candidates.map((c) => c.uid)).toEqual([ALPINE, HARBOUR]);
    expect(largest.candidates[0]?.diskBytes).toBe(bytesOnDisk(fixture, ALPINE));
    expect(largest).toMatchObject({
      freeBytes: 10e9,
      libraryLimitBytes: null,
      freeSpaceFloorBytes: 2 * 1024 ** 3,
      neededBytes: 0,
    });
    const watched = await roomOffer(session, 'oldest-watched', async () => 10e9);
    // Watched to the end comes before merely started.
    expect(watched.candidates.map((c) => c.uid)).toEqual([HARBOUR, ALPINE]);
  });

  it('saves the storage settings, refusing a floor under 256 MiB', async () => {
    fixture = await threeSaved();
    const settings = await fixture.app.setSettings({
      libraryLimitBytes: 5_000_000_000,
      freeSpaceFloorBytes: 512 * 1024 * 1024,
      watchedCleanupDays: 30,
    });
    expect(settings).toMatchObject({
      libraryLimitBytes: 5_000_000_000,
      freeSpaceFloorBytes: 512 * 1024 * 1024,
      watchedCleanupDays: 30,
    });
    await expect(fixture.app.setSettings({ freeSpaceFloorBytes: 0 } as never)).rejects.toThrow();
  });
});
