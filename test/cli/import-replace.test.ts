import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesDir } from '../../main/core/emulator/samples/catalog';
import { exportLibrary } from '../../main/core/library/portable/index';
import { open, tempFolder, uidOf, video } from '../library/helpers';
import { storeFile } from '../library/portable-fixture';
import { runCli } from './run-cli';

const uid = uidOf(1);
const mp4 = `media/${uid}/default.mp4`;
const alpine = readFileSync(join(samplesDir, 'alpine.mp4'));
const keynote = readFileSync(join(samplesDir, 'keynote.mp4'));

/** A closed library folder whose video 1 has these bytes as its MP4. */
function libraryWith(bytes: Buffer): string {
  const folder = tempFolder();
  const index = open(folder);
  index.upsertCatalogue([video(1)]);
  storeFile(index, uid, 'default', bytes);
  index.close();
  return folder;
}

async function exportOf(bytes: Buffer): Promise<string> {
  const index = open(libraryWith(bytes));
  const folder = tempFolder('offstream-export-');
  await exportLibrary(index, folder);
  index.close();
  return folder;
}

describe('offstream import over a saved video', () => {
  it('leaves it out (exit 1, coded) unless --replace, and --replace takes a valid MP4', async () => {
    const library = libraryWith(alpine);
    const env = { OFFSTREAM_LIBRARY: library };
    const other = await exportOf(keynote);
    const asked = await runCli(['import', other], env);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('[import_would_replace]');
    expect(asked.stderr).toContain('--replace');
    expect(readFileSync(join(library, mp4))).toEqual(alpine);

    const json = await runCli(['import', '--json', other], env);
    expect(JSON.parse(json.stdout).conflicts[0]).toMatchObject({ uid, paths: [mp4] });

    const replaced = await runCli(['import', '--replace', other], env);
    expect(replaced.code).toBe(0);
    expect(readFileSync(join(library, mp4))).toEqual(keynote);
    expect((await runCli(['verify'], env)).code).toBe(0);
  });

  it('refuses a 112-byte blob in place of the 243 KB MP4, even with --replace', async () => {
    const library = libraryWith(alpine);
    const blob = await exportOf(Buffer.alloc(112, 0x41));
    const refused = await runCli(['import', '--replace', blob], { OFFSTREAM_LIBRARY: library });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[import_not_media]');
    expect(readFileSync(join(library, mp4))).toEqual(alpine);
  });
});
