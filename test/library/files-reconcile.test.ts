import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LibraryIndex, NewFile } from '../../main/core/library';
import { mediaPath, reconcileLibrary } from '../../main/core/library';
import { open, tempFolder, uidOf } from './helpers';

const uid = uidOf(1);
const sha = 'b'.repeat(64);

/** Writes the bytes on disk and records the file, as the queue does after verifying. */
function store(index: LibraryIndex, file: Omit<NewFile, 'bytes' | 'sha256'>, content = 'hello') {
  const absolute = index.resolvePath(file.path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, content);
  return index.addFile({ ...file, bytes: Buffer.byteLength(content), sha256: sha });
}

describe('files', () => {
  it('records files by role, replacing the file of the same role', () => {
    const index = open(tempFolder());
    store(index, { uid, role: 'default', path: mediaPath(uid, 'default') });
    store(index, { uid, role: 'caption', language: 'en', path: mediaPath(uid, 'caption', 'en') });
    store(index, { uid, role: 'caption', language: 'de', path: mediaPath(uid, 'caption', 'de') });
    store(index, { uid, role: 'default', path: mediaPath(uid, 'default') }, 'longer content');
    expect(index.getFiles(uid).map((f) => [f.role, f.language, f.path, f.bytes])).toEqual([
      ['caption', 'de', `media/${uid}/captions/de.vtt`, 5],
      ['caption', 'en', `media/${uid}/captions/en.vtt`, 5],
      ['default', null, `media/${uid}/default.mp4`, 14],
    ]);
    expect(index.storageUsage()).toEqual({ bytes: 24, files: 3 });
    expect(index.markFileMissing(uid, 'caption', 'de')).toBe(true);
    expect(index.markFileMissing(uid, 'caption', 'de')).toBe(false);
    expect(index.storageUsage()).toEqual({ bytes: 19, files: 2 });
    expect(index.listFiles({ status: 'missing' }).map((f) => f.language)).toEqual(['de']);
  });

  it('refuses paths outside media/<uid>/ and other malformed files', () => {
    const index = open(tempFolder());
    const good = {
      uid,
      role: 'default',
      path: `media/${uid}/default.mp4`,
      bytes: 1,
      sha256: sha,
    } as const;
    const paths = [
      '/etc/passwd',
      `/tmp/media/${uid}/default.mp4`,
      `media/${uid}/../${uidOf(2)}/default.mp4`,
      `media/${uid}/../../library.sqlite`,
      `media/${uidOf(2)}/default.mp4`,
      `media/${uid}//default.mp4`,
      `media/${uid}/./default.mp4`,
      `media\\${uid}\\default.mp4`,
      `media/${uid}/`,
      `media/${uid}/a\0b`,
      `.partial/${uid}.default.part`,
      'C:/media/x',
    ];
    for (const path of paths) {
      expect(() => index.addFile({ ...good, path }), path).toThrow(
        expect.objectContaining({ code: 'invalid_argument' }),
      );
      if (!path.startsWith(`media/${uidOf(2)}/`)) {
        expect(() => index.resolvePath(path), path).toThrow(
          expect.objectContaining({ code: 'invalid_argument' }),
        );
      }
    }
    const others = [
      { ...good, sha256: 'B'.repeat(64) },
      { ...good, bytes: -1 },
      { ...good, role: 'caption' },
      { ...good, role: 'caption', language: '../x' },
      { ...good, language: 'en' },
      { ...good, uid: 'x' },
    ];
    for (const file of others) {
      // @ts-expect-error deliberately wrong shapes
      expect(() => index.addFile(file)).toThrow(
        expect.objectContaining({ code: 'invalid_argument' }),
      );
    }
    expect(index.getFiles(uid)).toEqual([]);
    expect(index.resolvePath(good.path)).toBe(join(index.folder, 'media', uid, 'default.mp4'));
  });

  it('removes a video’s files from disk and index', () => {
    const index = open(tempFolder());
    store(index, { uid, role: 'default', path: mediaPath(uid, 'default') });
    store(index, { uid, role: 'thumbnail', path: mediaPath(uid, 'thumbnail') });
    store(index, { uid: uidOf(2), role: 'audio', path: mediaPath(uidOf(2), 'audio') });
    expect(index.removeVideoFiles(uid).map((f) => f.role)).toEqual(['default', 'thumbnail']);
    expect(existsSync(join(index.folder, 'media', uid))).toBe(false);
    expect(index.getFiles(uid)).toEqual([]);
    expect(existsSync(index.resolvePath(mediaPath(uidOf(2), 'audio')))).toBe(true);
  });
});

describe('reconcile at open', () => {
  it('marks files that are gone or of the wrong size as missing', () => {
    const folder = tempFolder();
    const index = open(folder);
    store(index, { uid, role: 'default', path: mediaPath(uid, 'default') });
    store(index, { uid, role: 'audio', path: mediaPath(uid, 'audio') });
    store(index, { uid, role: 'thumbnail', path: mediaPath(uid, 'thumbnail') });
    index.close();
    rmSync(join(folder, mediaPath(uid, 'default')));
    writeFileSync(join(folder, mediaPath(uid, 'audio')), 'truncated? no, longer');

    const reopened = open(folder);
    expect(reopened.reconcileReport.missing.map((m) => m.role).sort()).toEqual([
      'audio',
      'default',
    ]);
    const status = Object.fromEntries(reopened.getFiles(uid).map((f) => [f.role, f.status]));
    expect(status).toEqual({ audio: 'missing', default: 'missing', thumbnail: 'present' });
  });

  it('keeps the .part files of unfinished jobs and removes everything else in .partial', () => {
    const folder = tempFolder();
    const index = open(folder);
    const states = {
      1: 'downloading',
      2: 'paused',
      3: 'waiting',
      4: 'complete',
      5: 'failed',
      6: 'removed',
    } as const;
    for (const [n, state] of Object.entries(states)) {
      const u = uidOf(Number(n));
      index.createJob({ uid: u, kind: 'default', source: 'api' });
      if (state === 'downloading' || state === 'paused' || state === 'waiting') {
        index.transitionJob(u, 'default', ['queued'], 'downloading');
        if (state !== 'downloading') {
          index.transitionJob(u, 'default', ['downloading'], state, { resumeState: 'downloading' });
        }
      } else if (state === 'complete') {
        index.transitionJob(u, 'default', ['queued'], 'verifying');
        index.transitionJob(u, 'default', ['verifying'], 'complete');
      } else if (state === 'failed') {
        index.transitionJob(u, 'default', ['queued'], 'failed', {
          errorCode: 'x',
          errorMessage: 'x',
          errorAction: 'x',
        });
      } else {
        index.transitionJob(u, 'default', ['queued'], 'removed');
      }
      writeFileSync(join(folder, '.partial', `${u}.default.part`), 'bytes');
    }
    index.close();
    const partial = join(folder, '.partial');
    const outside = join(folder, 'precious.txt');
    writeFileSync(outside, 'keep me');
    const junk = [
      `${uidOf(1)}.audio.part`,
      `${uidOf(0xabc).toUpperCase()}.default.part`,
      `${uidOf(1)}.video.part`,
      'notes.txt',
      '.hidden',
      'line\nbreak.part',
    ];
    for (const name of junk) writeFileSync(join(partial, name), 'x');
    mkdirSync(join(partial, `${uidOf(9)}.default.part`, 'nested'), { recursive: true });
    writeFileSync(join(partial, `${uidOf(9)}.default.part`, 'nested', 'f'), 'x');
    symlinkSync(outside, join(partial, 'link.part'));

    const report = open(folder).reconcileReport;
    expect(report.keptPartials).toEqual([1, 2, 3].map((n) => `${uidOf(n)}.default.part`));
    expect(report.removedPartials.sort()).toEqual(
      [
        ...[4, 5, 6].map((n) => `${uidOf(n)}.default.part`),
        ...junk,
        `${uidOf(9)}.default.part`,
        'link.part',
      ].sort(),
    );
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
    expect(report.missing).toEqual([]);
  });

  it('does not throw when .partial or media are gone from under it', () => {
    const folder = tempFolder();
    const index = open(folder);
    store(index, { uid, role: 'default', path: mediaPath(uid, 'default') });
    rmSync(join(folder, '.partial'), { recursive: true });
    rmSync(join(folder, 'media'), { recursive: true });
    const report = reconcileLibrary(index, folder);
    expect(report).toMatchObject({ removedPartials: [], keptPartials: [] });
    expect(report.missing.map((m) => m.path)).toEqual([mediaPath(uid, 'default')]);
  });
});
