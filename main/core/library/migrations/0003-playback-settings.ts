import type { Migration } from './migration';

/** Playback positions, caption metadata and settings. */
export const migration: Migration = {
  version: 3,
  up(db) {
    db.exec(`
      CREATE TABLE playback_positions (
        uid TEXT PRIMARY KEY CHECK (length(uid) = 32),
        seconds REAL NOT NULL CHECK (seconds >= 0),
        -- Duration as the player saw it, so "watched to the end" needs no catalogue row.
        duration REAL NOT NULL CHECK (duration >= 0),
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE captions (
        uid TEXT NOT NULL CHECK (length(uid) = 32),
        language TEXT NOT NULL CHECK (language <> ''),
        label TEXT NOT NULL,
        PRIMARY KEY (uid, language)
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL
      );
    `);
  },
};
