import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesDir } from '../../main/core/emulator/samples/catalog';
import { isLibraryError, type LibraryIndex } from '../../main/core/library';
import {
  exportLibrary,
  importLibrary,
  manifestFileName,
  verifyLibrary,
} from '../../main/core/library/portable';
import { open, tempFolder, uidOf, video } from './helpers';
import { holdings, saveVideo, storeFile, tree } from './portable-fixture';

const alpineMp4 = readFileSync(join(samplesDir, 'alpine.mp4'));
const keynoteMp4 = readFileSync(join(samplesDir, 'keynote.mp4'));
/** Not an MP4: what a hostile export would slip in under a video's name. */
const blob = Buffer.alloc(112, 0x41);
const uid = uidOf(1);
const mp4Path = `media/${uid}/default.mp4`;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (isLibraryError(error)) return error.code;
  throw new Error(`expected a LibraryError, got ${String(error)}`);
}

/** An export whose video 1 has these bytes as its MP4, with a manifest that agrees with them. */
async function exportWith(bytes: Buffer): Promise<string> {
  const source = open(tempFolder());
  source.upsertCatalogue([video(1, { name: 'Hostile copy' })]);
  storeFile(source, uid, 'default', bytes);
  const folder = tempFolder('offstream-export-');
  await exportLibrary(source, folder);
  return folder;
}

/** A library holding video 1 as the 243 KB sample MP4. */
function libraryWithAlpine(): LibraryIndex {
  const index = open(tempFolder());
  index.upsertCatalogue([video(1)]);
  storeFile(index, uid, 'default', alpineMp4);
  return index;
}

describe('an import never replaces a saved file silently', () => {
  it('leaves out a video the library holds with other bytes, with a coded conflict', async () => {
    const index = libraryWithAlpine();
    const before = holdings(index);
    const report = await importLibrary(index, await exportWith(keynoteMp4));
    expect(report.imported).toEqual([]);
    expect(report.conflicts).toEqual([
      {
        uid,
        name: 'Video 1',
        paths: [mp4Path],
        code: 'import_would_replace',
        message: expect.stringContaining('--replace'),
      },
    ]);
    expect(holdings(index)).toEqual(before);
    expect(readFileSync(index.resolvePath(mp4Path))).toEqual(alpineMp4);
  });

  it('replaces it with a valid MP4 when the person chose to, and verify agrees', async () => {
    const index = libraryWithAlpine();
    const report = await importLibrary(index, await exportWith(keynoteMp4), { replace: true });
    expect(report).toMatchObject({ imported: [uid], conflicts: [], files: 1 });
    expect(readFileSync(index.resolvePath(mp4Path))).toEqual(keynoteMp4);
    expect(index.getFiles(uid)[0]?.bytes).toBe(keynoteMp4.length);
    expect(await verifyLibrary(index)).toMatchObject({ checked: 1, corrupt: [], missing: [] });
  });

  it('refuses the 112-byte blob in place of the 243 KB MP4, with or without --replace', async () => {
    const index = libraryWithAlpine();
    const before = holdings(index);
    const hostile = await exportWith(blob);
    const asked = await importLibrary(index, hostile);
    expect(asked.conflicts.map((c) => c.uid)).toEqual([uid]);
    expect(await codeOf(importLibrary(index, hostile, { replace: true }))).toBe('import_not_media');
    expect(holdings(index)).toEqual(before);
    expect(readFileSync(index.resolvePath(mp4Path))).toEqual(alpineMp4);
    expect(tree(join(index.folder, '.partial'))).toEqual([]);
  });

  it('refuses a blob as a new video too: the same box check a transfer makes', async () => {
    const index = open(tempFolder());
    expect(await codeOf(importLibrary(index, await exportWith(blob)))).toBe('import_not_media');
    expect(index.listFiles()).toEqual([]);
  });

  it('restores a file the library marks missing without asking', async () => {
    const index = libraryWithAlpine();
    unlinkSync(index.resolvePath(mp4Path));
    await verifyLibrary(index);
    const report = await importLibrary(index, await exportWith(keynoteMp4));
    expect(report).toMatchObject({ imported: [uid], conflicts: [] });
    expect(index.getFiles(uid)[0]?.status).toBe('present');
  });

  it("treats bytes the index does not know at a file's place as a conflict", async () => {
    const index = open(tempFolder());
    const stray = index.resolvePath(mp4Path);
    mkdirSync(dirname(stray), { recursive: true });
    writeFileSync(stray, alpineMp4);
    const report = await importLibrary(index, await exportWith(keynoteMp4));
    expect(report.conflicts.map((c) => c.paths)).toEqual([[mp4Path]]);
    expect(readFileSync(stray)).toEqual(alpineMp4);
  });
});

describe('an import reads only plain files and real folders', () => {
  async function plainExport(): Promise<string> {
    const source = open(tempFolder());
    saveVideo(source, 1, 20_000);
    const folder = tempFolder('offstream-export-');
    await exportLibrary(source, folder);
    return folder;
  }

  it('refuses a manifest that links to /dev/zero, without reading it', async () => {
    const folder = tempFolder('offstream-export-');
    symlinkSync('/dev/zero', join(folder, manifestFileName));
    const rss = process.memoryUsage().rss;
    const error = await importLibrary(open(tempFolder()), folder).catch((e: unknown) => e);
    expect(isLibraryError(error) && error.code).toBe('import_manifest_invalid');
    expect((error as Error).message).toContain('a link or a special file');
    expect(process.memoryUsage().rss - rss).toBeLessThan(64 * 2 ** 20);
  });

  it('refuses a FIFO manifest at once instead of waiting for a writer', async () => {
    const folder = tempFolder('offstream-export-');
    execFileSync('mkfifo', [join(folder, manifestFileName)]);
    const started = Date.now();
    expect(await codeOf(importLibrary(open(tempFolder()), folder))).toBe('import_manifest_invalid');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a manifest past the size limit', async () => {
    const folder = await plainExport();
    truncateSync(join(folder, manifestFileName), 65 * 2 ** 20);
    expect(await codeOf(importLibrary(open(tempFolder()), folder))).toBe('import_manifest_invalid');
  });

  it('refuses a media folder that is a link out of the export', async () => {
    const folder = await plainExport();
    const elsewhere = join(tempFolder('offstream-elsewhere-'), 'media');
    renameSync(join(folder, 'media'), elsewhere);
    symlinkSync(elsewhere, join(folder, 'media'));
    const target = open(tempFolder());
    expect(await codeOf(importLibrary(target, folder))).toBe('import_not_plain');
    expect(target.listFiles()).toEqual([]);
    expect(tree(target.folder).filter((p) => p.startsWith('media'))).toEqual([]);
  });

  it('refuses a media file that is a link, even to the right bytes', async () => {
    const folder = await plainExport();
    const file = join(folder, 'media', uid, 'thumbnail.jpg');
    const moved = join(tempFolder('offstream-elsewhere-'), 'thumbnail.jpg');
    renameSync(file, moved);
    symlinkSync(moved, file);
    expect(await codeOf(importLibrary(open(tempFolder()), folder))).toBe('import_not_plain');
  });

  it('refuses a FIFO in place of a media file without hanging', async () => {
    const folder = await plainExport();
    const file = join(folder, 'media', uid, 'captions', 'en.vtt');
    unlinkSync(file);
    execFileSync('mkfifo', [file]);
    expect(await codeOf(importLibrary(open(tempFolder()), folder))).toBe('import_not_plain');
  });
});
