import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { openLibrary } from '../../main/core/library/index';
import { manifestFileName } from '../../main/core/library/portable/index';
import { tempFolder, uidOf } from '../library/helpers';
import { flipByte, saveVideo } from '../library/portable-fixture';
import { cliAccountEnv, emulatorForTests } from '../support/emulator';
import { runCli } from './run-cli';

const run = runCli;

/** A library folder holding two saved videos, closed so the CLI can open it. */
function savedLibrary(): string {
  const folder = tempFolder();
  const index = openLibrary(folder);
  saveVideo(index, 1);
  saveVideo(index, 2, 30_000);
  index.close();
  return folder;
}

const libraryEnv = (folder: string) => ({ OFFSTREAM_LIBRARY: folder });

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('offstream library', () => {
  it('lists saved renditions with bytes, hash and path, as a table or JSON', async () => {
    const folder = savedLibrary();
    const json = await run(['library', '--json'], libraryEnv(folder));
    expect(json.code).toBe(0);
    const { videos } = JSON.parse(json.stdout);
    expect(videos).toHaveLength(2);
    expect(videos[0]).toMatchObject({
      uid: uidOf(1),
      name: 'Video 1',
      kind: 'default',
      state: 'saved',
      bytes: 200_000,
      path: `media/${uidOf(1)}/default.mp4`,
    });
    expect(videos[0].sha256).toMatch(/^[0-9a-f]{64}$/);

    const table = await run(['library', '--search', 'Video 2'], libraryEnv(folder));
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^UID\s+NAME\s+KIND\s+STATE\s+BYTES\s+SHA256\s+PATH$/);
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toContain(uidOf(2));
  });
});

describe('offstream verify', () => {
  it('exits 0 on an intact library and 1 naming a deleted and a damaged file', async () => {
    const folder = savedLibrary();
    const clean = await run(['verify'], libraryEnv(folder));
    expect(clean.code).toBe(0);
    expect(clean.stderr).toContain('All 8 files are intact');

    rmSync(join(folder, 'media', uidOf(1), 'thumbnail.jpg'));
    flipByte(join(folder, 'media', uidOf(2), 'default.mp4'));
    const damaged = await run(['verify'], libraryEnv(folder));
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toContain(`missing  media/${uidOf(1)}/thumbnail.jpg`);
    expect(damaged.stdout).toContain(`corrupt  media/${uidOf(2)}/default.mp4`);

    const json = await run(['verify', '--json'], libraryEnv(folder));
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ checked: 8 });
  });
});

describe('offstream remove', () => {
  it('deletes a video’s files, and exits 1 for an unknown video and 2 for a malformed id', async () => {
    const folder = savedLibrary();
    const removed = await run(['remove', uidOf(1)], libraryEnv(folder));
    expect(removed.code).toBe(0);
    expect(removed.stderr).toContain('Removed Video 1: 4 files');
    const { videos } = JSON.parse((await run(['library', '--json'], libraryEnv(folder))).stdout);
    expect(videos.find((v: { uid: string }) => v.uid === uidOf(1)).state).toBe('not saved');

    expect((await run(['remove', uidOf(9)], libraryEnv(folder))).code).toBe(1);
    expect((await run(['remove', 'nope'], libraryEnv(folder))).code).toBe(2);
  });
});

describe('offstream export and import', () => {
  it('moves a library through a folder, idempotently, and refuses a tampered export', async () => {
    const source = savedLibrary();
    const exportDir = tempFolder('offstream-export-');
    const exported = await run(['export', exportDir], libraryEnv(source));
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain(`[1/8] copy media/`);
    expect(exported.stderr).toContain('Exported 2 videos (8 files');

    const target = tempFolder();
    const imported = await run(['import', exportDir, '--json'], libraryEnv(target));
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ files: 8, alreadyPresent: [] });
    expect((await run(['verify'], libraryEnv(target))).code).toBe(0);

    const again = await run(['import', exportDir], libraryEnv(target));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(
      'Imported 0 videos (0 files, 0 bytes); 2 already present; 0 left out.',
    );

    const fresh = tempFolder();
    flipByte(join(exportDir, 'media', uidOf(1), 'default.mp4'));
    const refused = await run(['import', exportDir], libraryEnv(fresh));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[import_tampered]');
    expect(refused.stderr).toContain(`media/${uidOf(1)}/default.mp4`);
    const library = await run(['library', '--json'], libraryEnv(fresh));
    expect(JSON.parse(library.stdout).videos).toEqual([]);
  });

  it('exits 1 with the code when the target folder holds other files', async () => {
    const source = savedLibrary();
    const exportDir = tempFolder('offstream-export-');
    writeFileSync(join(exportDir, 'keep.txt'), 'mine');
    const refused = await run(['export', exportDir], libraryEnv(source));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[export_target_unusable]');
    expect(readFileSync(join(exportDir, 'keep.txt'), 'utf8')).toBe('mine');
    expect(() => readFileSync(join(exportDir, manifestFileName))).toThrow();
  });
});

describe('offstream videos', () => {
  it("lists the account's videos and remembers them for offline browsing", async () => {
    emulator = await emulatorForTests();
    const folder = tempFolder();
    const env = {
      OFFSTREAM_LIBRARY: folder,
      ...cliAccountEnv(emulator),
    };
    const listed = await run(['videos', '--json'], env);
    expect(listed.code).toBe(0);
    const { videos } = JSON.parse(listed.stdout);
    const uids = [...emulator.videos.keys()].sort();
    expect(videos.map((v: { uid: string }) => v.uid).sort()).toEqual(uids);
    expect(videos.some((v: { signed: boolean }) => v.signed)).toBe(true);

    const table = await run(['videos'], env);
    expect(table.stdout.split('\n')[0]).toMatch(/^UID\s+NAME\s+DURATION\s+STATE\s+SIGNED$/);

    const offline = await run(['library', '--json'], libraryEnv(folder));
    const cached = JSON.parse(offline.stdout)
      .videos.map((v: { uid: string }) => v.uid)
      .sort();
    expect(cached).toEqual(uids);
  });

  it('exits 2 without an account', async () => {
    const result = await run(['videos'], libraryEnv(tempFolder()));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('OFFSTREAM_ACCOUNT_ID');
  });
});
