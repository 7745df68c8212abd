import type { Migration } from './migration';

/**
 * The raw Video JSON moves out of the catalogue into its own table: searching and sorting read
 * thousands of catalogue rows, and with the JSON inline each row took most of a page. The
 * catalogue is rebuilt rather than altered because DROP COLUMN leaves every page as sparse as
 * before. Ids are kept, so the search index stays valid; the triggers are those of version 2.
 */
export const migration: Migration = {
  version: 4,
  up(db) {
    db.exec(`
      CREATE TABLE catalogue_raw (
        -- The catalogue row's id; its delete trigger removes this row with it.
        id INTEGER PRIMARY KEY,
        -- The whole Video object as received, for fields the columns do not carry.
        raw TEXT NOT NULL CHECK (json_valid(raw))
      );
      INSERT INTO catalogue_raw (id, raw) SELECT id, raw FROM catalogue ORDER BY id;

      ALTER TABLE catalogue RENAME TO catalogue_wide;
      CREATE TABLE catalogue (
        -- Explicit integer key: the FTS index refers to it, and VACUUM keeps it stable.
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE CHECK (length(uid) = 32),
        -- Display name (meta.name); NOCASE so the name sort and its index agree.
        name TEXT NOT NULL COLLATE NOCASE,
        created TEXT NOT NULL,
        -- created as epoch ms: RFC 3339 strings with varying fraction digits do not sort as text.
        created_ms INTEGER NOT NULL,
        duration REAL NOT NULL DEFAULT -1,
        -- -1 = unknown, never NULL, so keyset paging compares plain values.
        size INTEGER NOT NULL DEFAULT -1,
        width INTEGER NOT NULL DEFAULT -1,
        height INTEGER NOT NULL DEFAULT -1,
        state TEXT NOT NULL,
        ready_to_stream INTEGER NOT NULL CHECK (ready_to_stream IN (0, 1)),
        require_signed_urls INTEGER NOT NULL CHECK (require_signed_urls IN (0, 1)),
        thumbnail_url TEXT,
        -- When the API last described this video; stale rows can be pruned after a full sync.
        fetched_at INTEGER NOT NULL
      );
      INSERT INTO catalogue (id, uid, name, created, created_ms, duration, size, width,
        height, state, ready_to_stream, require_signed_urls, thumbnail_url, fetched_at)
      SELECT id, uid, name, created, created_ms, duration, size, width, height, state,
        ready_to_stream, require_signed_urls, thumbnail_url, fetched_at
      FROM catalogue_wide ORDER BY id;
      DROP TABLE catalogue_wide;

      CREATE INDEX catalogue_by_created ON catalogue (created_ms, uid);
      CREATE INDEX catalogue_by_name ON catalogue (name, uid);
      CREATE INDEX catalogue_by_size ON catalogue (size, uid);
      CREATE TRIGGER catalogue_raw_delete AFTER DELETE ON catalogue BEGIN
        DELETE FROM catalogue_raw WHERE id = old.id;
      END;
      CREATE TRIGGER catalogue_fts_insert AFTER INSERT ON catalogue BEGIN
        INSERT INTO catalogue_fts (rowid, name) VALUES (new.id, new.name);
      END;
      CREATE TRIGGER catalogue_fts_delete AFTER DELETE ON catalogue BEGIN
        INSERT INTO catalogue_fts (catalogue_fts, rowid, name) VALUES ('delete', old.id, old.name);
      END;
      -- Only a changed name touches the index, so re-syncing an unchanged catalogue stays cheap.
      CREATE TRIGGER catalogue_fts_rename AFTER UPDATE OF name ON catalogue
        WHEN old.name IS NOT new.name BEGIN
        INSERT INTO catalogue_fts (catalogue_fts, rowid, name) VALUES ('delete', old.id, old.name);
        INSERT INTO catalogue_fts (rowid, name) VALUES (new.id, new.name);
      END;
    `);
  },
};
