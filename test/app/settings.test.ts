import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPatch } from '../../main/contract/index';
import { startDownload } from '../../main/core/app/use-cases/index';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import { type AppFixture, appFixture, eventsOf, jobReaches } from './helpers';

const [alpine] = sampleVideos as [(typeof sampleVideos)[number]];

let fixture: AppFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function storedSetting(folder: string, key: string): string | undefined {
  const db = new Database(join(folder, 'library.sqlite'), { readonly: true });
  try {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  } finally {
    db.close();
  }
}

describe('settings', () => {
  it('stores settings and applies them', async () => {
    fixture = await appFixture();
    const settings = await fixture.app.setSettings({
      concurrency: 5,
      bandwidthCap: 1_000_000,
      connectionsPerDownload: 6,
      theme: 'light',
      locale: 'ar',
      kioskPlaylist: [alpine.uid],
      upstreamDeleted: 'hide',
      deleteRemoteDownloads: true,
    });
    expect(settings).toEqual({
      libraryFolder: join(fixture.root, 'library'),
      concurrency: 5,
      bandwidthCap: 1_000_000,
      connectionsPerDownload: 6,
      theme: 'light',
      locale: 'ar',
      kioskPlaylist: [alpine.uid],
      kioskPinSet: false,
      kioskOnStart: false,
      proxy: { mode: 'system', url: null, username: null, passwordSet: false },
      startAtLogin: false,
      kioskSchedule: null,
      downloadWindow: null,
      libraryLimitBytes: null,
      freeSpaceFloorBytes: 2 * 1024 ** 3,
      watchedCleanupDays: null,
      upstreamDeleted: 'hide',
      deleteRemoteDownloads: true,
    });
    expect((await fixture.restart()).settings()).toEqual(settings);
  });

  it('takes only the languages the renderer ships, or "system", as the locale', async () => {
    fixture = await appFixture();
    expect(fixture.app.settings().locale).toBe('system');
    expect(SettingsPatch.safeParse({ locale: 'ja' }).success).toBe(true);
    expect(SettingsPatch.safeParse({ locale: 'fr' }).success).toBe(false);
    expect(SettingsPatch.safeParse({ locale: '../../etc' }).success).toBe(false);
  });

  it('keeps "start in kiosk mode" in the app config, where the shell reads it', async () => {
    fixture = await appFixture();
    const configFile = join(fixture.options.configDir, 'offstream.json');
    expect((await fixture.app.setSettings({ kioskOnStart: true })).kioskOnStart).toBe(true);
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toMatchObject({ kioskOnStart: true });
    expect((await fixture.restart()).settings().kioskOnStart).toBe(true);
    expect((await fixture.app.setSettings({ theme: 'dark' })).kioskOnStart).toBe(true);
    await fixture.app.setSettings({ kioskOnStart: false });
    expect((await fixture.restart()).settings().kioskOnStart).toBe(false);
  });

  it('reads a config written before the setting existed as "not at start"', async () => {
    fixture = await appFixture();
    const configFile = join(fixture.options.configDir, 'offstream.json');
    mkdirSync(fixture.options.configDir, { recursive: true });
    writeFileSync(configFile, JSON.stringify({ mode: 'none', accountId: null }));
    expect((await fixture.restart()).settings().kioskOnStart).toBe(false);
    await fixture.app.setSettings({ kioskOnStart: true });
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual({
      mode: 'none',
      accountId: null,
      kioskOnStart: true,
    });
  });

  it('keeps only a salted hash of the kiosk PIN', async () => {
    fixture = await appFixture();
    const { app } = fixture;
    expect(await app.unlockKiosk('0000')).toBe(true);
    expect((await app.setSettings({ kioskPin: '4321' })).kioskPinSet).toBe(true);
    const stored = JSON.parse(storedSetting(join(fixture.root, 'library'), 'kioskPinHash') ?? '');
    expect(Object.keys(stored).sort()).toEqual(['hash', 'salt']);
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain('"4321"');
    expect(await app.unlockKiosk('1234')).toBe(false);
    expect(await app.unlockKiosk('4321')).toBe(true);
    // Clearing it is what it protects: it needs the PIN itself.
    expect((await app.setSettings({ kioskPin: null, currentPin: '4321' })).kioskPinSet).toBe(false);
  });
});

describe('move library', () => {
  it('copies the library to an empty folder, switches to it and deletes the old one', async () => {
    fixture = await appFixture();
    await fixture.app.demo();
    await fixture.app.refreshCatalogue();
    const complete = jobReaches(fixture, alpine.uid, 'complete');
    startDownload(fixture.app.session(), { uid: alpine.uid, kind: 'default' });
    await complete;
    const old = join(fixture.root, 'library');
    const target = join(fixture.root, 'elsewhere');
    fixture.folders['move-library'] = target;
    const settings = await fixture.app.moveLibrary();
    expect(settings.libraryFolder).toBe(target);
    expect(existsSync(old)).toBe(false);
    const progress = eventsOf(fixture, 'library:move-progress');
    expect(progress.at(-1)?.bytesDone).toBe(progress.at(-1)?.bytesTotal);
    expect(fixture.app.playbackSource(alpine.uid).video).toBe(`${alpine.uid}.default`);
    expect((await fixture.restart()).settings().libraryFolder).toBe(target);
  });

  it('stays on the old library when the target is unusable or none is chosen', async () => {
    fixture = await appFixture();
    const old = join(fixture.root, 'library');
    await expect(fixture.app.moveLibrary()).rejects.toMatchObject({ code: 'cancelled' });
    const busy = join(fixture.root, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    fixture.folders['move-library'] = busy;
    await expect(fixture.app.moveLibrary()).rejects.toMatchObject({
      code: 'move_target_unusable',
    });
    fixture.folders['move-library'] = join(old, 'inside');
    await expect(fixture.app.moveLibrary()).rejects.toMatchObject({
      code: 'move_target_unusable',
    });
    expect(readdirSync(busy)).toEqual(['notes.txt']);
    expect(fixture.app.settings().libraryFolder).toBe(old);
  });
});
