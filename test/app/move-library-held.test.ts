import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeOldLibrary } from '../../main/core/app/move-library';
import { tempFolder } from '../library/helpers';
import { recordingClock, WindowsLikeFiles, windowsSemantics } from '../library/windows-semantics';

describe('removing the old folder after a library move (Windows)', () => {
  it('removes every copied file but the one still held open, and reports that one', async () => {
    const from = tempFolder();
    const paths = ['media/a/default.mp4', 'media/b/default.mp4', 'library.sqlite'];
    for (const path of paths) {
      mkdirSync(join(from, path, '..'), { recursive: true });
      writeFileSync(join(from, path), 'bytes');
    }
    const files = new WindowsLikeFiles();
    files.hold(join(from, 'media/a/default.mp4'), 'EBUSY');
    const held = await removeOldLibrary(
      from,
      paths.map((path) => ({ path, bytes: 5 })),
      windowsSemantics(files, recordingClock()),
    );
    expect(held).toEqual(['media/a/default.mp4']);
    expect(existsSync(join(from, 'media/a/default.mp4'))).toBe(true);
    expect(existsSync(join(from, 'media/b'))).toBe(false);
    expect(existsSync(join(from, 'library.sqlite'))).toBe(false);
  });
});
