import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { openLibrary } from '../../main/core/library/index';
import { tempFolder, uidOf } from '../library/helpers';
import { mp4Of, saveVideo, storeFile } from '../library/portable-fixture';
import { cliAccountEnv, emulatorForTests } from '../support/emulator';
import { runCli } from './run-cli';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface LibraryRow {
  uid: string;
  name: string;
  upstream: string;
  expiresAt: string | null;
}

describe('offstream refresh', () => {
  it('re-checks the saved videos, and library --json shows upstream and expiresAt', async () => {
    emulator = await emulatorForTests({ samples: false });
    const kept = emulator.control.addSyntheticVideo({ size: 4096, name: 'Kept clip' });
    const gone = emulator.control.addSyntheticVideo({ size: 4096, name: 'Gone clip' });
    const expiring = emulator.control.addSyntheticVideo({ size: 4096, name: 'Old name' });
    const folder = tempFolder();
    const env = {
      ...cliAccountEnv(emulator),
      OFFSTREAM_LIBRARY: folder,
    };
    expect((await runCli(['videos', '--json'], env)).code).toBe(0);
    const library = openLibrary(folder);
    for (const [i, uid] of [kept, gone, expiring].entries()) {
      storeFile(library, uid, 'default', mp4Of(10_000, i + 1));
    }
    saveVideo(library, 1); // a video the account never had: unknown until checked
    library.close();

    const before = await runCli(['library', '--json'], { OFFSTREAM_LIBRARY: folder });
    const rowsBefore = JSON.parse(before.stdout).videos as LibraryRow[];
    expect(rowsBefore.map((r) => [r.upstream, r.expiresAt])).toEqual(
      rowsBefore.map(() => ['unknown', null]),
    );

    const expires = '2099-01-02T03:04:05.000Z';
    emulator.control.deleteVideo(gone);
    emulator.control.editVideo(expiring, { name: 'New name', scheduledDeletion: expires });
    const refresh = await runCli(['refresh'], env);
    expect(refresh.code).toBe(0);
    expect(refresh.stdout).toContain(`renamed  ${expiring}  Old name -> New name`);
    expect(refresh.stdout).toContain(`deleted  ${gone}`);
    expect(refresh.stdout).toContain(`deleted  ${uidOf(1)}`);
    expect(refresh.stderr).toContain('Checked 4 saved videos');

    const after = await runCli(['library', '--json'], { OFFSTREAM_LIBRARY: folder });
    const rows = JSON.parse(after.stdout).videos as LibraryRow[];
    const byUid = Object.fromEntries(rows.map((r) => [r.uid, r]));
    expect(byUid[kept]).toMatchObject({ upstream: 'present', expiresAt: null });
    expect(byUid[gone]).toMatchObject({ upstream: 'deleted', expiresAt: null });
    expect(byUid[expiring]).toMatchObject({
      name: 'New name',
      upstream: 'present',
      expiresAt: expires,
    });
    for (const row of rows)
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['upstream', 'expiresAt']));

    const json = await runCli(['refresh', '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ checked: 4, deferred: 0, policy: 'keep' });
  });

  it('needs an account', async () => {
    const result = await runCli(['refresh'], { OFFSTREAM_LIBRARY: tempFolder() });
    expect(result.code).toBe(2);
  });
});
