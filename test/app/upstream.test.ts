import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expireSavedVideos } from '../../main/core/app/use-cases/index';
import { ManualClock } from '../../main/core/clock';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import { databaseFileName } from '../../main/core/library/index';
import { mp4Of, storeFile } from '../library/portable-fixture';
import { type AppFixture, appFixture } from './helpers';

const [alpine, harbour, keynote] = sampleVideos as [
  (typeof sampleVideos)[number],
  (typeof sampleVideos)[number],
  (typeof sampleVideos)[number],
];
const all = { filter: 'all', sort: 'name', limit: 60 } as const;

let fixture: AppFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** The demo account with three of its videos saved on this device. */
async function savedFixture(options: Parameters<typeof appFixture>[0] = {}) {
  const f = await appFixture(options);
  await f.app.demo();
  await f.app.refreshCatalogue();
  const { library } = f.app.session();
  for (const [i, v] of [alpine, harbour, keynote].entries()) {
    storeFile(library, v.uid, 'default', mp4Of(20_000, i + 1));
  }
  return f;
}

const itemOf = (f: AppFixture, uid: string) =>
  f.app.listCatalogue(all).items.find((item) => item.uid === uid);
const hasFile = (f: AppFixture, uid: string) =>
  f.app
    .session()
    .library.getFiles(uid)
    .some((file) => file.role === 'default');

describe('re-checking saved videos against the account', () => {
  it('marks every saved video present, and a never-checked one unknown', async () => {
    fixture = await appFixture();
    await fixture.app.demo();
    await fixture.app.refreshCatalogue();
    expect(itemOf(fixture, alpine.uid)?.upstream).toBe('unknown');
    storeFile(fixture.app.session().library, alpine.uid, 'default', mp4Of(20_000, 1));
    const report = await fixture.app.recheckUpstream();
    expect(report).toMatchObject({ checked: 1, deferred: 0, deleted: [], policy: 'keep' });
    expect(itemOf(fixture, alpine.uid)).toMatchObject({ upstream: 'present', expiresAt: null });
    expect(itemOf(fixture, harbour.uid)?.upstream).toBe('unknown');
  });

  it('keep: a video deleted upstream stays, marked deleted, with its file', async () => {
    fixture = await savedFixture();
    fixture.emulator.control.deleteVideo(alpine.uid);
    const report = await fixture.app.recheckUpstream();
    expect(report.deleted).toEqual([alpine.uid]);
    expect(itemOf(fixture, alpine.uid)).toMatchObject({ upstream: 'deleted', offline: true });
    expect(hasFile(fixture, alpine.uid)).toBe(true);
    expect(itemOf(fixture, harbour.uid)?.upstream).toBe('present');
    // A catalogue refresh keeps it too: the library still holds it.
    await fixture.app.refreshCatalogue();
    expect(itemOf(fixture, alpine.uid)?.upstream).toBe('deleted');
  });

  it('hide: a video deleted upstream leaves the catalogue and search, its file kept', async () => {
    fixture = await savedFixture();
    await fixture.app.setSettings({ upstreamDeleted: 'hide' });
    fixture.emulator.control.deleteVideo(alpine.uid);
    await fixture.app.recheckUpstream();
    expect(itemOf(fixture, alpine.uid)).toBeUndefined();
    expect(fixture.app.listCatalogue({ ...all, search: 'alpine' }).items).toEqual([]);
    expect(hasFile(fixture, alpine.uid)).toBe(true);
    // Changing the setting back to keep shows it again at the next check.
    await fixture.app.setSettings({ upstreamDeleted: 'keep' });
    await fixture.app.recheckUpstream();
    expect(itemOf(fixture, alpine.uid)?.upstream).toBe('deleted');
  });

  it('remove: a video deleted upstream is removed from the device and the catalogue', async () => {
    fixture = await savedFixture();
    await fixture.app.setSettings({ upstreamDeleted: 'remove' });
    fixture.emulator.control.deleteVideo(alpine.uid);
    await fixture.app.recheckUpstream();
    expect(hasFile(fixture, alpine.uid)).toBe(false);
    expect(itemOf(fixture, alpine.uid)).toBeUndefined();
    expect(hasFile(fixture, harbour.uid)).toBe(true);
    await fixture.app.refreshCatalogue();
    expect(fixture.app.session().library.getVideo(alpine.uid)).toBeUndefined();
  });

  for (const policy of ['keep', 'hide', 'remove'] as const) {
    it(`${policy}: renames, privacy and scheduled deletions reach the library`, async () => {
      fixture = await savedFixture();
      await fixture.app.setSettings({ upstreamDeleted: policy });
      const expires = '2099-05-01T12:00:00.000Z';
      const { control } = fixture.emulator;
      control.editVideo(harbour.uid, { name: 'Nocturne over the quay' });
      control.editVideo(keynote.uid, { requireSignedURLs: true, scheduledDeletion: expires });
      const report = await fixture.app.recheckUpstream();
      expect(report.renamed).toEqual([
        { uid: harbour.uid, from: harbour.name, to: 'Nocturne over the quay' },
      ]);
      expect(report.madePrivate).toEqual([keynote.uid]);
      expect(report.expiring).toEqual([keynote.uid]);
      const found = fixture.app.listCatalogue({ ...all, search: 'noct qua' }).items;
      expect(found.map((i) => i.uid)).toEqual([harbour.uid]);
      expect(fixture.app.listCatalogue({ ...all, search: harbour.name }).items).toEqual([]);
      expect(itemOf(fixture, keynote.uid)).toMatchObject({
        upstream: 'private',
        requireSignedUrls: true,
        expiresAt: Date.parse(expires),
      });
      // Made public again, with the deletion cancelled.
      control.editVideo(keynote.uid, { requireSignedURLs: false, scheduledDeletion: null });
      await fixture.app.recheckUpstream();
      expect(itemOf(fixture, keynote.uid)).toMatchObject({ upstream: 'present', expiresAt: null });
    });
  }
});

/** Makes the library's write of one video's re-check fail, as a full disk or a crash would. */
function refuseUpstreamWrite(f: AppFixture, uid: string): void {
  const db = new Database(join(f.root, 'library', databaseFileName));
  db.exec(`CREATE TRIGGER refuse_write BEFORE INSERT ON upstream WHEN NEW.uid = '${uid}'
    BEGIN SELECT RAISE(ABORT, 'the disk gave up'); END`);
  db.close();
}

describe('a re-check that fails part-way', () => {
  it('records nothing of the batch the failure fell in', async () => {
    fixture = await savedFixture();
    fixture.emulator.control.editVideo(alpine.uid, { name: 'Alpine pass renamed' });
    refuseUpstreamWrite(fixture, keynote.uid);
    await expect(fixture.app.recheckUpstream()).rejects.toThrow();
    const { library } = fixture.app.session();
    expect(library.getVideo(alpine.uid)?.name).toBe(alpine.name);
    for (const v of [alpine, harbour, keynote]) expect(library.getUpstream(v.uid)).toBeUndefined();
  });

  it('keeps the batches recorded before it, each whole', async () => {
    fixture = await savedFixture({ upstreamCheck: { batchSize: 2 } });
    fixture.emulator.control.editVideo(alpine.uid, { name: 'Alpine pass renamed' });
    refuseUpstreamWrite(fixture, keynote.uid);
    await expect(fixture.app.recheckUpstream()).rejects.toThrow();
    const { library } = fixture.app.session();
    expect(library.getVideo(alpine.uid)?.name).toBe('Alpine pass renamed');
    expect(library.getUpstream(alpine.uid)?.status).toBe('present');
    expect(library.getUpstream(harbour.uid)?.status).toBe('present');
    expect(library.getUpstream(keynote.uid)).toBeUndefined();
  });
});

describe('expiry and the slow schedule', () => {
  for (const policy of ['keep', 'hide', 'remove'] as const) {
    it(`${policy}: at the scheduledDeletion time the setting applies, by the injected clock`, async () => {
      const clock = new ManualClock(Date.now());
      fixture = await savedFixture({ clock });
      await fixture.app.setSettings({ upstreamDeleted: policy });
      const at = clock.now() + 3 * 86_400_000;
      fixture.emulator.control.editVideo(alpine.uid, {
        scheduledDeletion: new Date(at).toISOString(),
      });
      await fixture.app.recheckUpstream();
      expect(itemOf(fixture, alpine.uid)?.expiresAt).toBe(at);
      clock.advance(at - clock.now() - 1);
      await new Promise((r) => setTimeout(r, 20));
      expect(itemOf(fixture, alpine.uid)?.upstream).toBe('present');

      clock.advance(1);
      await vi.waitFor(() => {
        expect(fixture?.app.session().library.getUpstream(alpine.uid)?.status).toBe('deleted');
      });
      const item = itemOf(fixture, alpine.uid);
      if (policy === 'keep') expect(item).toMatchObject({ upstream: 'deleted', expiresAt: at });
      else expect(item).toBeUndefined();
      expect(hasFile(fixture, alpine.uid)).toBe(policy !== 'remove');
      expect(hasFile(fixture, harbour.uid)).toBe(true);
    });
  }

  it('records the videos that expire together in one transaction', async () => {
    const clock = new ManualClock(Date.now());
    fixture = await savedFixture({ clock });
    const at = clock.now() + 86_400_000;
    for (const { uid } of [alpine, keynote]) {
      fixture.emulator.control.editVideo(uid, { scheduledDeletion: new Date(at).toISOString() });
    }
    await fixture.app.recheckUpstream();
    const db = new Database(join(fixture.root, 'library', databaseFileName));
    db.exec(`CREATE TRIGGER refuse_expiry BEFORE UPDATE ON upstream
      WHEN NEW.uid = '${keynote.uid}' AND NEW.status = 'deleted'
      BEGIN SELECT RAISE(ABORT, 'the disk gave up'); END`);
    db.close();
    const { library } = fixture.app.session();
    const before = library.getUpstream(keynote.uid)?.status;
    // A clock of its own at the expiry: the session's, left behind, does not race this call.
    const expiry = expireSavedVideos(fixture.app.session(), new ManualClock(at));
    await expect(expiry).rejects.toThrow();
    expect(library.getUpstream(alpine.uid)?.status).toBe('present');
    expect(library.getUpstream(keynote.uid)?.status).toBe(before);
  });

  it('re-checks on its own once the interval has passed, and not before', async () => {
    const clock = new ManualClock(Date.now());
    fixture = await savedFixture({ clock, upstreamCheck: { intervalMs: 3_600_000 } });
    await fixture.app.recheckUpstream();
    fixture.emulator.control.deleteVideo(harbour.uid);
    clock.advance(3_599_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(itemOf(fixture, harbour.uid)?.upstream).toBe('present');
    clock.advance(1_000);
    await vi.waitFor(() =>
      expect(itemOf(fixture as AppFixture, harbour.uid)?.upstream).toBe('deleted'),
    );
  });
});
