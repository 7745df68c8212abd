import type Database from 'better-sqlite3';
import type { Migration } from './migration';

// Migrations are frozen, so this is searchText as version 5 defines it, copied rather than
// imported: a later change to search-text.ts brings its own migration to refold the column.
function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .split(/[^\p{L}\p{N}\p{M}\p{Co}]+/u)
    .filter((word) => word.length > 0)
    .join(' ');
}

function fillSearchText(db: Database.Database): void {
  db.function('offstream_fold_name_v5', { deterministic: true }, (name: unknown) =>
    typeof name === 'string' ? foldName(name) : '',
  );
  db.exec('UPDATE catalogue SET search_text = offstream_fold_name_v5(name)');
}

/**
 * Search reads a folded copy of each name, search_text (see search-text.ts). FTS5's ascii
 * tokenizer cuts folded text into exactly the words the app's matcher tests, so looking words
 * up in the index and walking a sort's index with the matcher find the same rows.
 */
export const migration: Migration = {
  version: 5,
  up(db) {
    db.exec(`
      DROP TRIGGER catalogue_fts_insert;
      DROP TRIGGER catalogue_fts_delete;
      DROP TRIGGER catalogue_fts_rename;
      DROP TABLE catalogue_fts;
      DROP INDEX catalogue_by_created;
      DROP INDEX catalogue_by_name;
      DROP INDEX catalogue_by_size;
      ALTER TABLE catalogue ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
    `);
    fillSearchText(db);
    db.exec(`
      -- The sort indexes carry search_text, so a walk tests each row without reading it from
      -- the table (a lookup per row there costs several times the walk and the test together).
      CREATE INDEX catalogue_by_created ON catalogue (created_ms, uid, search_text);
      CREATE INDEX catalogue_by_name ON catalogue (name, uid, search_text);
      CREATE INDEX catalogue_by_size ON catalogue (size, uid, search_text);
      -- prefix indexes make one- to three-letter prefixes (typing "a", "al", "alp") cheap.
      CREATE VIRTUAL TABLE catalogue_search USING fts5 (
        search_text,
        content = 'catalogue',
        content_rowid = 'id',
        tokenize = 'ascii',
        prefix = '1 2 3'
      );
      CREATE TRIGGER catalogue_search_insert AFTER INSERT ON catalogue BEGIN
        INSERT INTO catalogue_search (rowid, search_text) VALUES (new.id, new.search_text);
      END;
      CREATE TRIGGER catalogue_search_delete AFTER DELETE ON catalogue BEGIN
        INSERT INTO catalogue_search (catalogue_search, rowid, search_text)
          VALUES ('delete', old.id, old.search_text);
      END;
      -- Only a changed search text touches the index, so re-syncing a catalogue stays cheap.
      CREATE TRIGGER catalogue_search_update AFTER UPDATE OF search_text ON catalogue
        WHEN old.search_text IS NOT new.search_text BEGIN
        INSERT INTO catalogue_search (catalogue_search, rowid, search_text)
          VALUES ('delete', old.id, old.search_text);
        INSERT INTO catalogue_search (rowid, search_text) VALUES (new.id, new.search_text);
      END;
      INSERT INTO catalogue_search (catalogue_search) VALUES ('rebuild');
    `);
  },
};
