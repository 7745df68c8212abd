import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempBeside, writeFileAtomic } from '../../main/core/atomic-file';
import {
  defaultHeldRetry,
  nativeFileSemantics,
  syncDirectory,
} from '../../main/core/file-semantics';
import { isLibraryError, type LibraryIndex, mediaPath } from '../../main/core/library';
import {
  fitsWindowsPathLimit,
  longestNameInLayout,
  partFilePath,
  pendingRemovalsPath,
  windowsPathLimit,
} from '../../main/core/library/paths';
import { checkUid } from '../../main/core/library/validate';
import { sidecarPath } from '../../main/core/transfer/part-file';
import { open, tempFolder, uidOf } from './helpers';
import { recordingClock, WindowsLikeFiles, windowsSemantics } from './windows-semantics';

const uid = uidOf(7);

function saveVideo(index: LibraryIndex, content = 'movie bytes') {
  const path = mediaPath(uid, 'default');
  const absolute = index.resolvePath(path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, content);
  index.addFile({ uid, role: 'default', path, bytes: content.length, sha256: 'c'.repeat(64) });
  return absolute;
}

function pendingList(folder: string): unknown {
  return JSON.parse(readFileSync(pendingRemovalsPath(folder), 'utf8'));
}

describe('replacing a file another program holds open (Windows)', () => {
  it.each(['EPERM', 'EBUSY', 'EACCES'] as const)(
    'waits with backoff through %s, then replaces it',
    async (code) => {
      const folder = tempFolder();
      const target = join(folder, 'thumbnail.jpg');
      writeFileSync(target, 'old');
      const files = new WindowsLikeFiles();
      files.hold(target, code, 3);
      const clock = recordingClock();
      await writeFileAtomic(target, 'new', { files: windowsSemantics(files, clock) });
      expect(readFileSync(target, 'utf8')).toBe('new');
      // Half fixed, half jitter (random 0.5): 75, 150, 300 ms for a 100 ms base.
      expect(clock.slept).toEqual([75, 150, 300]);
    },
  );

  it('gives up after the last attempt with the error, the old file intact and no temp left', async () => {
    const folder = tempFolder();
    const target = join(folder, 'thumbnail.jpg');
    writeFileSync(target, 'old');
    const files = new WindowsLikeFiles();
    files.hold(target, 'EBUSY');
    const clock = recordingClock();
    const failure = writeFileAtomic(target, 'new', { files: windowsSemantics(files, clock) });
    await expect(failure).rejects.toMatchObject({ code: 'EBUSY' });
    expect(clock.slept).toHaveLength(defaultHeldRetry.attempts - 1);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(files.calls.filter((call) => call.startsWith('rename'))).toHaveLength(10);
    expect(readdir(folder)).toEqual(['thumbnail.jpg']);
  });

  it('does not retry EPERM on Linux or macOS, where it is a real permission problem', async () => {
    const folder = tempFolder();
    const target = join(folder, 'config.json');
    const files = new WindowsLikeFiles();
    files.hold(target, 'EPERM', 1);
    const clock = recordingClock();
    const semantics = nativeFileSemantics({ fs: files.fs, platform: 'darwin', clock });
    await expect(writeFileAtomic(target, '{}', { files: semantics })).rejects.toMatchObject({
      code: 'EPERM',
    });
    expect(clock.slept).toEqual([]);
  });
});

describe('folder fsync', () => {
  it('is skipped on Windows, where opening a folder as a file fails', async () => {
    const folder = tempFolder();
    const files = new WindowsLikeFiles();
    await syncDirectory(folder, windowsSemantics(files, recordingClock()));
    expect(files.calls).toEqual([]);
  });

  it('is done elsewhere (and the Windows answer would surface there)', async () => {
    const folder = tempFolder();
    const files = new WindowsLikeFiles();
    const linux = nativeFileSemantics({ fs: files.fs, platform: 'linux' });
    await expect(syncDirectory(folder, linux)).rejects.toMatchObject({ code: 'EISDIR' });
    // With the real file system, where folders can be synced (not on a Windows runner).
    if (process.platform !== 'win32') {
      await syncDirectory(folder, nativeFileSemantics({ platform: process.platform }));
    }
  });
});

describe('removing a video whose file is held open (Windows)', () => {
  it('takes it off the index at once, retries in the background, and lets go when released', async () => {
    const folder = tempFolder();
    const files = new WindowsLikeFiles();
    const index = open(folder, { files: windowsSemantics(files, recordingClock()) });
    const movie = saveVideo(index);
    files.hold(movie, 'EBUSY', 4);
    const removed = index.removeVideoFiles(uid);
    expect(removed.map((file) => file.role)).toEqual(['default']);
    expect(index.getFiles(uid)).toEqual([]);
    await index.pendingRemovals.settled();
    expect(existsSync(dirname(movie))).toBe(false);
    expect(pendingList(folder)).toEqual({ version: 1, folders: [] });
  });

  it('defers to the next start when the file stays held, and removes it then', async () => {
    const folder = tempFolder();
    const files = new WindowsLikeFiles();
    const clock = recordingClock();
    const index = open(folder, { files: windowsSemantics(files, clock) });
    const movie = saveVideo(index);
    files.hold(movie, 'EPERM');
    index.removeVideoFiles(uid);
    await index.pendingRemovals.settled();
    expect(clock.slept).toHaveLength(defaultHeldRetry.attempts - 1);
    expect(existsSync(movie)).toBe(true);
    expect(pendingList(folder)).toEqual({ version: 1, folders: [`media/${uid}`] });
    index.close();

    const stillHeld = open(folder, { files: windowsSemantics(files, clock) });
    expect(stillHeld.reconcileReport.heldRemovals).toEqual([`media/${uid}`]);
    stillHeld.close();

    files.release(movie);
    const released = open(folder, { files: windowsSemantics(files, clock) });
    expect(released.reconcileReport.heldRemovals).toEqual([]);
    expect(existsSync(dirname(movie))).toBe(false);
    expect(pendingList(folder)).toEqual({ version: 1, folders: [] });
  });

  it('never removes a folder whose video was saved again in the meantime', () => {
    const folder = tempFolder();
    open(folder).close();
    writeFileSync(
      pendingRemovalsPath(folder),
      JSON.stringify({ version: 1, folders: [`media/${uid}`] }),
    );
    const first = open(folder);
    const movie = saveVideo(first);
    first.close();
    writeFileSync(
      pendingRemovalsPath(folder),
      JSON.stringify({ version: 1, folders: [`media/${uid}`] }),
    );
    const again = open(folder);
    expect(existsSync(movie)).toBe(true);
    expect(again.pendingRemovals.list()).toEqual([]);
  });

  it('ignores entries of a tampered list that are not media/<uid>', () => {
    const folder = tempFolder();
    const outside = join(folder, 'keep-me');
    mkdirSync(outside);
    open(folder).close();
    const entries = ['..', 'keep-me', `media/${uid}/../../keep-me`, 'media/ABC', '/etc'];
    writeFileSync(pendingRemovalsPath(folder), JSON.stringify({ version: 1, folders: entries }));
    open(folder);
    expect(existsSync(outside)).toBe(true);
  });

  it('does not defer on Linux: a refused removal is a real error there', () => {
    const folder = tempFolder();
    const files = new WindowsLikeFiles();
    const index = open(folder, { files: nativeFileSemantics({ fs: files.fs, platform: 'linux' }) });
    const movie = saveVideo(index);
    files.hold(movie, 'EACCES');
    expect(() => index.removeVideoFiles(uid)).toThrow();
    expect(index.getFiles(uid)).toHaveLength(1);
  });
});

describe('long paths, case and non-ASCII names', () => {
  it('knows the longest name the layout makes, from the real naming functions', () => {
    const part = partFilePath('', uid, 'default').slice(1);
    const sidecarTemp = tempBeside(sidecarPath(part));
    expect(sidecarTemp.length).toBeLessThanOrEqual(longestNameInLayout);
    const caption = tempBeside(mediaPath(uid, 'caption', 'zh-Hant-TW-rozaj-biske'));
    expect(caption.length).toBeLessThanOrEqual(longestNameInLayout);
  });

  it('refuses on Windows a library folder too deep for MAX_PATH, with a coded error', () => {
    const base = tempFolder();
    const room = windowsPathLimit - longestNameInLayout - 1;
    const deep = join(base, 'd'.repeat(Math.max(1, room - base.length)), 'x');
    expect(fitsWindowsPathLimit(deep)).toBe(false);
    const windows = windowsSemantics(new WindowsLikeFiles(), recordingClock());
    let code: string | undefined;
    try {
      open(deep, { files: windows });
    } catch (error) {
      code = isLibraryError(error) ? error.code : String(error);
    }
    expect(code).toBe('library_unwritable');
    expect(existsSync(deep)).toBe(false);
    // The same folder is fine where paths may be long.
    open(deep, { files: nativeFileSemantics({ platform: 'linux' }) });
  });

  it('names captions in lower case, so case-insensitive disks never merge two files', () => {
    expect(mediaPath(uid, 'caption', 'pt-BR')).toBe(`media/${uid}/captions/pt-br.vtt`);
    // Video uids are lower-case hex by contract: an upper-case one never names a folder.
    expect(() => checkUid(uid.toUpperCase().replace(/0/g, 'A'))).toThrow();
  });

  it('works in a folder under a non-ASCII user name', () => {
    const folder = join(tempFolder(), 'Zoë Ünïcødé 東京', 'Offstream', 'Library');
    const index = open(folder);
    const movie = saveVideo(index);
    index.close();
    const reopened = open(folder);
    expect(reopened.reconcileReport.missing).toEqual([]);
    expect(reopened.resolvePath(mediaPath(uid, 'default'))).toBe(movie);
    reopened.removeVideoFiles(uid);
    expect(existsSync(movie)).toBe(false);
  });
});

function readdir(folder: string): string[] {
  return readdirSync(folder).sort();
}
