import type { Migration } from './migration';

/** Full-text search on video names: an external-content FTS5 index kept in step by triggers. */
export const migration: Migration = {
  version: 2,
  up(db) {
    db.exec(`
      -- prefix indexes make one- to three-letter prefixes (typing "a", "al", "alp") cheap.
      CREATE VIRTUAL TABLE catalogue_fts USING fts5 (
        name,
        content = 'catalogue',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );
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
      INSERT INTO catalogue_fts (catalogue_fts) VALUES ('rebuild');
    `);
  },
};
