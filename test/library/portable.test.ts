import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLibraryError, type LibraryIndex } from '../../main/core/library';
import {
  exportLibrary,
  importLibrary,
  manifestFileName,
  verifyLibrary,
} from '../../main/core/library/portable';
import { open, tempFolder, uidOf } from './helpers';
import { flipByte, holdings, saveVideo, storeFile, tree } from './portable-fixture';

/** The coded error a promise rejects with, or a failure when it resolves. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isLibraryError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a LibraryError');
}

function sourceLibrary(): { index: LibraryIndex; uids: string[] } {
  const index = open(tempFolder());
  return { index, uids: [saveVideo(index, 1), saveVideo(index, 2, 50_000)] };
}

const readManifest = (folder: string) =>
  JSON.parse(readFileSync(join(folder, manifestFileName), 'utf8'));

/** A library that must stay as it is: its files, rows and catalogue. */
function snapshot(index: LibraryIndex) {
  return {
    files: holdings(index),
    tree: tree(index.folder).filter((p) => !p.startsWith('library.sqlite')),
    catalogue: index.listCatalogue({ filter: 'all', sort: 'name', limit: 100 }).items.length,
  };
}

describe('export and import', () => {
  it('carries every file, the catalogue and captions into a fresh library', async () => {
    const source = sourceLibrary();
    const exportDir = tempFolder('offstream-export-');
    const progress: string[] = [];
    const exported = await exportLibrary(source.index, exportDir, {
      onProgress: (p) => progress.push(p.path),
    });
    expect(exported.videos.sort()).toEqual(source.uids.sort());
    expect(exported.files).toBe(8);
    expect(progress).toContain(`media/${uidOf(1)}/default.mp4`);
    const manifest = readManifest(exportDir);
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.videos[0].files[0]).toHaveProperty('sha256');

    const target = open(tempFolder());
    const imported = await importLibrary(target, exportDir);
    expect(imported.imported.sort()).toEqual(source.uids.sort());
    expect(imported.alreadyPresent).toEqual([]);
    expect(holdings(target)).toEqual(holdings(source.index));
    expect(target.getVideo(uidOf(1))?.name).toBe('Video 1');
    expect(target.getVideo(uidOf(1))?.offline).toBe(true);
    expect(target.getCaptions(uidOf(1))).toEqual([
      { language: 'de', label: 'Deutsch' },
      { language: 'en', label: 'English' },
    ]);
    const check = await verifyLibrary(target);
    expect(check).toMatchObject({ checked: 8, missing: [], corrupt: [] });
    expect(tree(join(target.folder, '.partial'))).toEqual([]);
  });

  it('is idempotent: a second import changes nothing and reports the videos as present', async () => {
    const source = sourceLibrary();
    const exportDir = tempFolder('offstream-export-');
    await exportLibrary(source.index, exportDir);
    const target = open(tempFolder());
    await importLibrary(target, exportDir);
    const before = target.listFiles();

    const again = await importLibrary(target, exportDir);
    expect(again).toEqual({
      imported: [],
      alreadyPresent: expect.arrayContaining(source.uids),
      conflicts: [],
      files: 0,
      bytes: 0,
    });
    expect(target.listFiles()).toEqual(before);
  });

  it('brings in only what the library lacks of a video it already holds', async () => {
    const source = sourceLibrary();
    const exportDir = tempFolder('offstream-export-');
    await exportLibrary(source.index, exportDir, { uids: [uidOf(1)] });
    const target = open(tempFolder());
    await importLibrary(target, exportDir);
    rmSync(target.resolvePath(`media/${uidOf(1)}/captions/de.vtt`));
    target.markFileMissing(uidOf(1), 'caption', 'de');

    const report = await importLibrary(target, exportDir);
    expect(report).toMatchObject({ imported: [uidOf(1)], files: 1 });
    expect(holdings(target)).toEqual(holdings(source.index).filter((f) => f.uid === uidOf(1)));
  });

  it('refuses the whole import when one exported byte was changed, leaving the library as it was', async () => {
    const source = sourceLibrary();
    const exportDir = tempFolder('offstream-export-');
    await exportLibrary(source.index, exportDir);
    flipByte(join(exportDir, 'media', uidOf(2), 'default.mp4'));
    const target = open(tempFolder());
    saveVideo(target, 7);
    const before = snapshot(target);

    const error = await importLibrary(target, exportDir).catch((e: unknown) => e);
    expect(isLibraryError(error) && error.code).toBe('import_tampered');
    expect((error as Error).message).toContain(`media/${uidOf(2)}/default.mp4`);
    expect(snapshot(target)).toEqual(before);
    expect(target.getVideo(uidOf(1))).toBeUndefined();
  });

  it('refuses a manifest whose recorded hash was changed', async () => {
    const source = sourceLibrary();
    const exportDir = tempFolder('offstream-export-');
    await exportLibrary(source.index, exportDir);
    const manifest = readManifest(exportDir);
    manifest.videos[1].files[0].sha256 = 'f'.repeat(64);
    writeFileSync(join(exportDir, manifestFileName), JSON.stringify(manifest));
    const target = open(tempFolder());
    expect(await codeOf(importLibrary(target, exportDir))).toBe('import_tampered');
    expect(target.listFiles()).toEqual([]);
    expect(
      tree(target.folder).filter((p) => p.startsWith('media') || p.startsWith('.partial')),
    ).toEqual([]);
  });

  it('refuses a file the manifest lists but the export lacks', async () => {
    const source = sourceLibrary();
    const exportDir = tempFolder('offstream-export-');
    await exportLibrary(source.index, exportDir);
    rmSync(join(exportDir, 'media', uidOf(1), 'thumbnail.jpg'));
    const target = open(tempFolder());
    expect(await codeOf(importLibrary(target, exportDir))).toBe('import_incomplete');
    expect(target.listFiles()).toEqual([]);
  });

  it.each([
    ['a parent step', (uid: string) => `media/${uid}/../../library.sqlite`],
    ['an absolute path', (uid: string) => `/tmp/media/${uid}/default.mp4`],
    ['backslashes', (uid: string) => `media\\${uid}\\default.mp4`],
    ['another name', (uid: string) => `media/${uid}/evil.sh`],
    ['another video', () => `media/${uidOf(9)}/default.mp4`],
  ])('refuses a manifest path with %s before reading any file', async (_, pathOf) => {
    const source = sourceLibrary();
    const exportDir = tempFolder('offstream-export-');
    await exportLibrary(source.index, exportDir);
    const manifest = readManifest(exportDir);
    const file = manifest.videos[0].files.find((f: { role: string }) => f.role === 'default');
    file.path = pathOf(manifest.videos[0].uid);
    writeFileSync(join(exportDir, manifestFileName), JSON.stringify(manifest));
    const target = open(tempFolder());
    expect(await codeOf(importLibrary(target, exportDir))).toBe('import_manifest_invalid');
    expect(target.listFiles()).toEqual([]);
  });

  it('names a newer export format and a folder that is no export', async () => {
    const exportDir = tempFolder('offstream-export-');
    const target = open(tempFolder());
    expect(await codeOf(importLibrary(target, exportDir))).toBe('import_manifest_invalid');
    writeFileSync(
      join(exportDir, manifestFileName),
      JSON.stringify({ format: 'offstream-export', formatVersion: 99, videos: [] }),
    );
    expect(await codeOf(importLibrary(target, exportDir))).toBe('import_too_new');
  });
});

describe('exportLibrary', () => {
  it('refuses a folder holding other files and never writes into it', async () => {
    const source = sourceLibrary();
    const exportDir = tempFolder('offstream-export-');
    writeFileSync(join(exportDir, 'notes.txt'), 'mine');
    expect(await codeOf(exportLibrary(source.index, exportDir))).toBe('export_target_unusable');
    expect(tree(exportDir)).toEqual(['notes.txt']);
  });

  it('overwrites a previous export, dropping videos it no longer holds', async () => {
    const source = sourceLibrary();
    const exportDir = tempFolder('offstream-export-');
    await exportLibrary(source.index, exportDir);
    await exportLibrary(source.index, exportDir, { uids: [uidOf(2)] });
    expect(readManifest(exportDir).videos.map((v: { uid: string }) => v.uid)).toEqual([uidOf(2)]);
    expect(tree(exportDir).every((p) => p === manifestFileName || p.includes(uidOf(2)))).toBe(true);
  });

  it('refuses a library file whose bytes no longer match the index, writing no manifest', async () => {
    const source = sourceLibrary();
    flipByte(source.index.resolvePath(`media/${uidOf(1)}/default.mp4`));
    const exportDir = tempFolder('offstream-export-');
    const error = await exportLibrary(source.index, exportDir).catch((e: unknown) => e);
    expect(isLibraryError(error) && error.code).toBe('export_source_corrupt');
    expect(tree(exportDir)).not.toContain(manifestFileName);
    expect(tree(exportDir).some((p) => p.endsWith('.tmp'))).toBe(false);
  });

  it('refuses a video that is not saved', async () => {
    const source = sourceLibrary();
    const exportDir = tempFolder('offstream-export-');
    expect(await codeOf(exportLibrary(source.index, exportDir, { uids: [uidOf(5)] }))).toBe(
      'video_not_saved',
    );
  });
});

describe('verifyLibrary', () => {
  it('finds a deleted file and a flipped byte, marks both missing, and restores good bytes', async () => {
    const { index } = sourceLibrary();
    const mp4 = `media/${uidOf(1)}/default.mp4`;
    const caption = `media/${uidOf(2)}/captions/en.vtt`;
    const original = readFileSync(index.resolvePath(mp4));
    flipByte(index.resolvePath(mp4));
    rmSync(index.resolvePath(caption));

    const report = await verifyLibrary(index);
    expect(report.checked).toBe(8);
    expect(report.corrupt.map((f) => f.path)).toEqual([mp4]);
    expect(report.missing.map((f) => f.path)).toEqual([caption]);
    expect(
      index
        .listFiles({ status: 'missing' })
        .map((f) => f.path)
        .sort(),
    ).toEqual([caption, mp4].sort());
    expect(index.getVideo(uidOf(1))?.offline).toBe(false);

    writeFileSync(index.resolvePath(mp4), original);
    const again = await verifyLibrary(index);
    expect(again.restored.map((f) => f.path)).toEqual([mp4]);
    expect(again.corrupt).toEqual([]);
    expect(again.missing.map((f) => f.path)).toEqual([caption]);
    expect(index.getVideo(uidOf(1))?.offline).toBe(true);
  });

  it('reports progress over every byte', async () => {
    const index = open(tempFolder());
    storeFile(index, uidOf(3), 'default', Buffer.alloc(300_000, 1));
    let last = { bytesDone: 0, bytesTotal: -1, filesDone: 0 };
    await verifyLibrary(index, { onProgress: (p) => (last = p) });
    expect(last).toMatchObject({ bytesDone: 300_000, bytesTotal: 300_000, filesDone: 1 });
  });
});
