import type { Migration } from './migration';

/**
 * What the account says of each saved video since Offstream last asked (issue #14): present,
 * deleted or private, the local expiry Cloudflare's scheduledDeletion gave it, and whether the
 * library hides it. A table of its own, keyed by uid, so hiding a video filters on uid alone and
 * the sort indexes stay covering; a video never checked has no row (shown as "unknown").
 */
export const migration: Migration = {
  version: 6,
  up(db) {
    db.exec(`
      CREATE TABLE upstream (
        uid TEXT PRIMARY KEY CHECK (length(uid) = 32),
        status TEXT NOT NULL CHECK (status IN ('present', 'deleted', 'private')),
        checked_at INTEGER NOT NULL,
        -- Epoch ms of Cloudflare's scheduledDeletion; NULL when none is set.
        expires_at INTEGER,
        -- 1 when the upstreamDeleted setting said "hide": the catalogue leaves it out.
        hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))
      ) WITHOUT ROWID;
      CREATE INDEX upstream_hidden ON upstream (uid) WHERE hidden = 1;
      CREATE INDEX upstream_by_expiry ON upstream (expires_at) WHERE expires_at IS NOT NULL;
    `);
  },
};
