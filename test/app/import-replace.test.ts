import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { samplesDir } from '../../main/core/emulator/samples/catalog';
import { exportLibrary } from '../../main/core/library/portable/index';
import { open, tempFolder, uidOf, video } from '../library/helpers';
import { storeFile } from '../library/portable-fixture';
import { type AppFixture, appFixture } from './helpers';

const uid = uidOf(1);
const alpine = readFileSync(join(samplesDir, 'alpine.mp4'));
const keynote = readFileSync(join(samplesDir, 'keynote.mp4'));

let fixture: AppFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function exportOf(bytes: Buffer): Promise<string> {
  const source = open(tempFolder());
  source.upsertCatalogue([video(1, { name: 'From the stick' })]);
  storeFile(source, uid, 'default', bytes);
  const folder = tempFolder('offstream-export-');
  await exportLibrary(source, folder);
  return folder;
}

describe('importing over saved videos in the app', () => {
  it('reports the conflicts, and "Replace them" replaces from the same folder unasked', async () => {
    fixture = await appFixture();
    const library = fixture.app.library;
    if (!library) throw new Error('no library');
    library.upsertCatalogue([video(1, { name: 'Lobby loop' })]);
    storeFile(library, uid, 'default', alpine);
    fixture.folders.import = await exportOf(keynote);

    const asked = await fixture.app.importLibrary({});
    expect(asked).toMatchObject({ bytes: 0, conflicts: [{ uid, name: 'Lobby loop' }] });
    expect(readFileSync(library.resolvePath(`media/${uid}/default.mp4`))).toEqual(alpine);

    fixture.folders.import = undefined;
    const replaced = await fixture.app.importLibrary({ replace: true });
    expect(replaced).toMatchObject({ bytes: keynote.length, conflicts: [] });
    expect(readFileSync(library.resolvePath(`media/${uid}/default.mp4`))).toEqual(keynote);
    await expect(fixture.app.importLibrary({ replace: true })).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});
