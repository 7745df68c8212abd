import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { nativeFileSemantics } from '../../main/core/file-semantics';
import { isLibraryError } from '../../main/core/library';
import { createLibraryIndex } from '../../main/core/library/library-index';
import { silentLogger } from '../../main/core/log';
import { open, tempFolder, uidOf, video } from './helpers';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return isLibraryError(error) ? error.code : `not a LibraryError: ${String(error)}`;
  }
  return undefined;
}

describe('the composed library index', () => {
  // Each method is listed by name in library-index.ts; a forgotten guard would leak a raw
  // SQLITE_READONLY here instead of the coded error a person can act on.
  it('turns SQLite failures of every writer into coded library errors, readers still answer', () => {
    const folder = tempFolder();
    open(folder).close();
    const db = new Database(join(folder, 'library.sqlite'));
    const index = createLibraryIndex(db, folder, systemClock, silentLogger, nativeFileSemantics());
    db.pragma('query_only = ON');
    const uid = uidOf(3);
    const writes: [string, () => unknown][] = [
      ['upsertCatalogue', () => index.upsertCatalogue([video(1)])],
      ['pruneCatalogue', () => index.pruneCatalogue(Date.now())],
      ['createJob', () => index.createJob({ uid, kind: 'default', source: 'api' })],
      [
        'addFile',
        () =>
          index.addFile({
            uid,
            role: 'thumbnail',
            path: `media/${uid}/thumbnail.jpg`,
            bytes: 1,
            sha256: 'a'.repeat(64),
          }),
      ],
      ['savePosition', () => index.savePosition(uid, 1, 2)],
      ['setCaptions', () => index.setCaptions(uid, [])],
      ['setSetting', () => index.setSetting('saveAudio', true)],
      ['transaction', () => index.transaction(() => index.setSetting('saveAudio', true))],
    ];
    for (const [name, write] of writes) {
      expect([name, codeOf(write)]).toEqual([name, 'library_unwritable']);
    }
    expect(index.getSetting('saveAudio')).toBe(false);
    expect(index.listJobs()).toEqual([]);
    expect(index.getFiles(uid)).toEqual([]);
    index.close();
  });
});
