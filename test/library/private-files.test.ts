import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { open, tempFolder, video } from './helpers';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the library on disk is its owner’s alone', () => {
  it('creates the folder, media/ and .partial/ 0700 and library.sqlite (and its WAL) 0600', () => {
    const folder = join(tempFolder(), 'Offstream', 'Library');
    const index = open(folder);
    index.upsertCatalogue([video(1)]);
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(join(folder, 'media'))).toBe(0o700);
    expect(modeOf(join(folder, '.partial'))).toBe(0o700);
    for (const file of ['library.sqlite', 'library.sqlite-wal', 'library.sqlite-shm']) {
      expect(modeOf(join(folder, file)), file).toBe(0o600);
    }
  });

  it('narrows a database an older version left readable by everyone', () => {
    const folder = tempFolder();
    open(folder).close();
    chmodSync(join(folder, 'library.sqlite'), 0o644);
    open(folder);
    expect(modeOf(join(folder, 'library.sqlite'))).toBe(0o600);
  });
});
