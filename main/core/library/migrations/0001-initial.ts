import type { Migration } from './migration';

/** Core tables: the catalogue cache, download jobs and the files the library holds. */
export const migration: Migration = {
  version: 1,
  up(db) {
    db.exec(`
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
        fetched_at INTEGER NOT NULL,
        -- The whole Video object as received, for fields the columns do not carry.
        raw TEXT NOT NULL CHECK (json_valid(raw))
      );
      CREATE INDEX catalogue_by_created ON catalogue (created_ms, uid);
      CREATE INDEX catalogue_by_name ON catalogue (name, uid);
      CREATE INDEX catalogue_by_size ON catalogue (size, uid);

      CREATE TABLE jobs (
        uid TEXT NOT NULL CHECK (length(uid) = 32),
        kind TEXT NOT NULL CHECK (kind IN ('default', 'audio')),
        state TEXT NOT NULL CHECK (state IN ('queued', 'requesting', 'preparing', 'downloading',
          'verifying', 'complete', 'waiting', 'paused', 'failed', 'removed')),
        -- Where a waiting or paused job goes back to; set exactly while it waits or is paused.
        resume_state TEXT CHECK (resume_state IN ('queued', 'requesting', 'preparing',
          'downloading', 'verifying')),
        source TEXT NOT NULL CHECK (source IN ('api', 'signed_url')),
        -- The signed download URL for source = signed_url; NULL for api (derived from the uid).
        source_url TEXT,
        bytes_done INTEGER NOT NULL DEFAULT 0 CHECK (bytes_done >= 0),
        -- NULL until the server states the length.
        bytes_total INTEGER CHECK (bytes_total >= 0),
        -- Validators sent back in If-Range so a changed file restarts from zero.
        etag TEXT,
        last_modified TEXT,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        -- Epoch ms of the next retry of a waiting job; NULL = when back online.
        next_attempt_at INTEGER,
        percent_prepared REAL CHECK (percent_prepared BETWEEN 0 AND 100),
        error_code TEXT,
        error_message TEXT,
        -- What a person should do about the error (the "what to do" half of the sentence).
        error_action TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (uid, kind),
        CHECK ((state IN ('waiting', 'paused')) = (resume_state IS NOT NULL)),
        CHECK (state <> 'failed' OR (error_code IS NOT NULL AND error_message IS NOT NULL
          AND error_action IS NOT NULL)),
        CHECK (source = 'api' OR source_url IS NOT NULL)
      );
      CREATE INDEX jobs_by_state ON jobs (state);

      CREATE TABLE files (
        uid TEXT NOT NULL CHECK (length(uid) = 32),
        role TEXT NOT NULL CHECK (role IN ('default', 'audio', 'thumbnail', 'caption')),
        -- '' for everything but captions, so the primary key stays unique (NULLs never clash).
        language TEXT NOT NULL DEFAULT '',
        -- Relative to the library folder (media/<uid>/...), so the folder can move or be exported.
        path TEXT NOT NULL UNIQUE,
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        verified_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'present' CHECK (status IN ('present', 'missing')),
        PRIMARY KEY (uid, role, language),
        CHECK ((role = 'caption') = (language <> ''))
      );
    `);
  },
};
