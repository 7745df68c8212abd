import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Migration } from '../../main/core/library';
import {
  LibraryError,
  migrations,
  newestSchemaVersion,
  openLibrary,
  runMigrations,
  schemaVersion,
} from '../../main/core/library';
import { searchText } from '../../main/core/library/search-text';
import { open, tempFolder, uidOf } from './helpers';

function schemaOf(file: string) {
  const db = new Database(file, { readonly: true });
  const rows = db
    .prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name')
    .all();
  db.close();
  return rows;
}

/** Rows every schema version can hold, written with the SQL of that version. */
const seeds: Record<number, (db: Database.Database) => void> = {
  1: (db) => {
    db.prepare(`INSERT INTO catalogue (uid, name, created, created_ms, state, ready_to_stream,
      require_signed_urls, fetched_at, raw) VALUES (?, 'Alpine Lake', '2026-01-01T00:00:00Z',
      1767225600000, 'ready', 1, 0, 1, '{"note":"kept"}')`).run(uidOf(1));
    db.prepare(`INSERT INTO jobs (uid, kind, state, source, bytes_done, created_at, updated_at)
      VALUES (?, 'default', 'downloading', 'api', 42, 1, 1)`).run(uidOf(1));
    db.prepare(`INSERT INTO files (uid, role, path, bytes, sha256, verified_at)
      VALUES (?, 'thumbnail', ?, 3, ?, 1)`).run(
      uidOf(1),
      `media/${uidOf(1)}/thumbnail.jpg`,
      'a'.repeat(64),
    );
  },
  2: () => {},
  3: (db) => {
    db.prepare(`INSERT INTO playback_positions VALUES (?, 12.5, 60, 1)`).run(uidOf(1));
    db.prepare(`INSERT INTO settings VALUES ('saveAudio', 'true', 1)`).run();
  },
  4: (db) => {
    const { id } = db
      .prepare(`INSERT INTO catalogue (uid, name, created, created_ms, state, ready_to_stream,
        require_signed_urls, fetched_at) VALUES (?, 'Harbour', '2026-01-02T00:00:00Z',
        1767312000000, 'ready', 1, 0, 1) RETURNING id`)
      .get(uidOf(2)) as { id: number };
    db.prepare(`INSERT INTO catalogue_raw (id, raw) VALUES (?, '{"note":"v4"}')`).run(id);
  },
  5: (db) => {
    const { id } = db
      .prepare(`INSERT INTO catalogue (uid, name, search_text, created, created_ms, state,
        ready_to_stream, require_signed_urls, fetched_at) VALUES (?, 'Café Zürich', 'cafe zurich',
        '2026-01-03T00:00:00Z', 1767398400000, 'ready', 1, 0, 1) RETURNING id`)
      .get(uidOf(3)) as { id: number };
    db.prepare(`INSERT INTO catalogue_raw (id, raw) VALUES (?, '{"note":"v5"}')`).run(id);
  },
  6: (db) => {
    db.prepare(`INSERT INTO upstream (uid, status, checked_at, expires_at, hidden)
      VALUES (?, 'private', 1, 1893456000000, 0)`).run(uidOf(3));
  },
  7: (db) => {
    db.prepare(`UPDATE playback_positions SET finished_at = 5 WHERE uid = ?`).run(uidOf(1));
    db.prepare(`INSERT INTO download_measurements (uid, kind, step, amount, elapsed_ms,
      recorded_at) VALUES (?, 'default', 'transfer', 1000, 10, 1)`).run(uidOf(1));
  },
};

function libraryAtVersion(folder: string, version: number): void {
  const db = new Database(join(folder, 'library.sqlite'));
  // Each version's rows are written at that version, then carried by the later migrations.
  for (let v = 1; v <= version; v++) {
    runMigrations(db, migrations.slice(0, v));
    seeds[v]?.(db);
  }
  db.close();
}

describe('migrations', () => {
  it('numbers the migrations 1..n and seeds every version in this test', () => {
    expect(migrations.map((m) => m.version)).toEqual(
      Array.from({ length: newestSchemaVersion }, (_, i) => i + 1),
    );
    expect(newestSchemaVersion).toBeGreaterThanOrEqual(2);
    for (const m of migrations) expect(seeds[m.version]).toBeDefined();
  });

  it('creates a fresh library at the newest version', () => {
    const folder = tempFolder();
    open(folder).close();
    const db = new Database(join(folder, 'library.sqlite'));
    expect(schemaVersion(db)).toBe(newestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  for (let k = 1; k < newestSchemaVersion; k++) {
    it(`upgrades a library written at version ${k}, keeping its data`, () => {
      const fresh = tempFolder();
      open(fresh).close();
      const folder = tempFolder();
      libraryAtVersion(folder, k);

      const library = open(folder);
      expect(library.getVideo(uidOf(1))).toMatchObject({
        name: 'Alpine Lake',
        raw: { note: 'kept' },
      });
      expect(
        library.listCatalogue({ search: 'alp', filter: 'all', sort: 'name', limit: 10 }).items,
      ).toHaveLength(1);
      expect(library.getJob(uidOf(1), 'default')).toMatchObject({
        state: 'downloading',
        bytesDone: 42,
      });
      expect(library.getFiles(uidOf(1))).toHaveLength(1);
      if (k >= 3) expect(library.getPosition(uidOf(1))?.seconds).toBe(12.5);
      library.close();

      expect(schemaOf(join(folder, 'library.sqlite'))).toEqual(
        schemaOf(join(fresh, 'library.sqlite')),
      );
    });
  }

  it('carries the names of a version 4 library into search, folded as the app folds them', () => {
    const folder = tempFolder();
    libraryAtVersion(folder, 4);
    const spellings = [
      'Zürich Übersicht',
      'Москва-река',
      'IMG_0042.mp4',
      'ﬁlm ＦＩＮＡＬ',
      '  --  ',
    ];
    const db = new Database(join(folder, 'library.sqlite'));
    spellings.forEach((name, i) => {
      db.prepare(`INSERT INTO catalogue (uid, name, created, created_ms, state, ready_to_stream,
        require_signed_urls, fetched_at) VALUES (?, ?, '2026-01-05T00:00:00Z', 1767571200000,
        'ready', 1, 0, 1)`).run(uidOf(10 + i), name);
    });
    db.close();

    const library = open(folder);
    const search = (text: string) =>
      library
        .listCatalogue({ search: text, filter: 'all', sort: 'name', limit: 10 })
        .items.map((item) => item.name);
    expect(search('zur ueb')).toEqual([]);
    expect(search('zur ub')).toEqual(['Zürich Übersicht']);
    expect(search('РЕКА')).toEqual(['Москва-река']);
    expect(search('0042')).toEqual(['IMG_0042.mp4']);
    expect(search('final fi')).toEqual(['ﬁlm ＦＩＮＡＬ']);
    expect(search('harb')).toEqual(['Harbour']);
    expect(library.integrityCheck()).toEqual({ ok: true, problems: [] });
    library.close();

    const upgraded = new Database(join(folder, 'library.sqlite'), { readonly: true });
    const rows = upgraded.prepare('SELECT name, search_text FROM catalogue').all() as {
      name: string;
      search_text: string;
    }[];
    upgraded.close();
    expect(rows).toHaveLength(2 + spellings.length);
    for (const row of rows) expect(row.search_text, row.name).toBe(searchText(row.name));
  });

  it('brings a version 5 library to version 6 with every video unchecked upstream', () => {
    const folder = tempFolder();
    libraryAtVersion(folder, 5);
    const library = open(folder);
    const items = library.listCatalogue({ filter: 'all', sort: 'name', limit: 10 }).items;
    expect(items.map((i) => [i.name, i.upstream, i.expiresAt])).toEqual([
      ['Alpine Lake', 'unknown', null],
      ['Café Zürich', 'unknown', null],
      ['Harbour', 'unknown', null],
    ]);
    library.recordUpstream(uidOf(3), 'deleted', 1_893_456_000_000);
    library.setUpstreamHidden(uidOf(3), true);
    const search = library.listCatalogue({ search: 'cafe', filter: 'all', sort: 'name', limit: 9 });
    expect(search.items).toEqual([]);
    expect(library.getUpstream(uidOf(3))).toMatchObject({ status: 'deleted', hidden: true });
    expect(library.integrityCheck()).toEqual({ ok: true, problems: [] });
    library.close();
  });

  it('marks the positions of a version 5 library that were at the end as watched then', () => {
    const folder = tempFolder();
    libraryAtVersion(folder, 5);
    const db = new Database(join(folder, 'library.sqlite'));
    db.prepare(`INSERT INTO playback_positions VALUES (?, 59.5, 60, 777)`).run(uidOf(2));
    db.close();

    const library = open(folder);
    expect(library.getPosition(uidOf(1))).toMatchObject({ seconds: 12.5, finishedAt: null });
    expect(library.getPosition(uidOf(2))).toMatchObject({ seconds: 59.5, finishedAt: 777 });
    library.close();
  });

  it('refuses a library written by a newer app', () => {
    const folder = tempFolder();
    const db = new Database(join(folder, 'library.sqlite'));
    db.pragma(`user_version = ${newestSchemaVersion + 1}`);
    db.close();
    const error = (() => {
      try {
        openLibrary(folder);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LibraryError);
    expect((error as LibraryError).code).toBe('library_too_new');
    expect((error as LibraryError).message).toMatch(/newer Offstream.*update the app/);
  });

  it('rolls a failed migration back, leaving the previous version', () => {
    const folder = tempFolder();
    const db = new Database(join(folder, 'library.sqlite'));
    const broken: Migration = {
      version: 2,
      up(d) {
        d.exec('CREATE TABLE half_done (a)');
        throw new Error('boom');
      },
    };
    expect(() => runMigrations(db, [migrations[0] as Migration, broken])).toThrow(
      expect.objectContaining({ code: 'library_migration_failed' }),
    );
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'half_done'`).all();
    expect(tables).toEqual([]);
    db.close();
    // The library still opens and finishes the upgrade with the real migrations.
    expect(open(folder).integrityCheck().ok).toBe(true);
  });

  it('refuses a list whose versions are out of order', () => {
    const db = new Database(':memory:');
    const [first, second] = migrations as [Migration, Migration];
    expect(() => runMigrations(db, [second, first])).toThrow(/numbered/);
    db.close();
  });
});
