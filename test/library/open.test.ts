import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { LibraryErrorCode } from '../../main/core/library';
import { LibraryError, openLibrary } from '../../main/core/library';
import { open, tempFolder, uidOf, video } from './helpers';

function openError(folder: string, options = {}): LibraryError {
  try {
    openLibrary(folder, options).close();
  } catch (error) {
    if (error instanceof LibraryError) return error;
    throw error;
  }
  throw new Error('openLibrary succeeded');
}

function expectCode(error: LibraryError, code: LibraryErrorCode) {
  expect(error.code).toBe(code);
  // A sentence a person can act on, naming the folder where it matters.
  expect(error.message.length).toBeGreaterThan(40);
}

/** Overwrites the first page of a table's b-tree, as a bad sector or a stray write would. */
function damageTable(file: string, table: string): void {
  const db = new Database(file, { readonly: true });
  const root = db
    .prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?')
    .pluck()
    .get(table) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
  closeSync(fd);
}

describe('openLibrary', () => {
  it('creates the folder layout and the pragmas the library relies on', () => {
    const folder = join(tempFolder(), 'nested', 'library');
    const index = open(folder);
    for (const name of ['library.sqlite', 'media', '.partial'])
      expect(existsSync(join(folder, name))).toBe(true);
    index.close();
    const db = new Database(join(folder, 'library.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('says library_missing when the folder cannot be created', () => {
    const parent = tempFolder();
    writeFileSync(join(parent, 'a-file'), '');
    // A path below a file cannot exist (ENOTDIR), whoever runs the test.
    expectCode(openError(join(parent, 'a-file', 'library')), 'library_missing');
    expectCode(openError(join(parent, 'a-file')), 'library_missing');
  });

  it('says library_unwritable for a read-only folder', () => {
    const parent = tempFolder();
    chmodSync(parent, 0o755);
    const folder = join(parent, 'library');
    mkdirSync(folder);
    chmodSync(folder, 0o500);
    const asRoot = process.getuid?.() === 0;
    // Root ignores permission bits: drop to nobody's uid for the attempt, and own the folder as nobody.
    if (asRoot) chownSync(folder, 65534, 65534);
    if (asRoot) process.seteuid?.(65534);
    let error: LibraryError;
    try {
      error = openError(folder);
    } finally {
      if (asRoot) process.seteuid?.(0);
    }
    expectCode(error, 'library_unwritable');
    expect(error.message).toContain(folder);
    chmodSync(folder, 0o700);
  });

  it('refuses a file that is not a database, without touching it', () => {
    const folder = tempFolder();
    const garbage = Buffer.from(
      'this is not sqlite, just bytes that happen to be here\n'.repeat(200),
    );
    writeFileSync(join(folder, 'library.sqlite'), garbage);
    expectCode(openError(folder), 'library_corrupt');
    const db = openSync(join(folder, 'library.sqlite'), 'r');
    closeSync(db);
    expect(existsSync(join(folder, 'library.sqlite'))).toBe(true);
  });

  it('refuses a database whose jobs table is damaged', () => {
    const folder = tempFolder();
    const index = open(folder);
    for (let n = 1; n <= 50; n++)
      index.createJob({ uid: uidOf(n), kind: 'default', source: 'api' });
    index.close();
    damageTable(join(folder, 'library.sqlite'), 'jobs');
    const error = openError(folder);
    expectCode(error, 'library_corrupt');
    expect(error.message).toMatch(/damaged/);
  });

  it('finds a damaged catalogue with integrityCheck() and with fullCheck at open', () => {
    const folder = tempFolder();
    const index = open(folder);
    index.upsertCatalogue(Array.from({ length: 300 }, (_, i) => video(i + 1)));
    expect(index.integrityCheck()).toEqual({ ok: true, problems: [] });
    index.close();
    damageTable(join(folder, 'library.sqlite'), 'catalogue');

    expectCode(openError(folder, { fullCheck: true }), 'library_corrupt');
    // The default open checks only what cannot be fetched again; the catalogue is a cache.
    const damaged = open(folder);
    const result = damaged.integrityCheck();
    expect(result.ok).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(() => damaged.listCatalogue({ filter: 'all', sort: 'newest', limit: 500 })).toThrow(
      expect.objectContaining({ code: 'library_corrupt' }),
    );
  });
});
