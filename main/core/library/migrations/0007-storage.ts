import type { Migration } from './migration';

/**
 * Storage limits and the trip planner (issue #14, items 2 and 4). Adds only its own column and
 * table, so it applies whatever version 6 did: when a video was first watched to the end (the
 * automatic clean-up counts days from it), and how long past downloads took (the planner's rates).
 */
export const migration: Migration = {
  version: 7,
  up(db) {
    db.exec(`
      ALTER TABLE playback_positions ADD COLUMN finished_at INTEGER;
      CREATE INDEX playback_by_finished ON playback_positions (finished_at)
        WHERE finished_at IS NOT NULL;

      -- One row per measured step of a finished job: 'prepare' = Cloudflare's preparing → ready
      -- (amount = the video's seconds), 'transfer' = bytes received over the elapsed time.
      CREATE TABLE download_measurements (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL CHECK (length(uid) = 32),
        kind TEXT NOT NULL CHECK (kind IN ('default', 'audio')),
        step TEXT NOT NULL CHECK (step IN ('prepare', 'transfer')),
        amount REAL NOT NULL CHECK (amount >= 0),
        elapsed_ms INTEGER NOT NULL CHECK (elapsed_ms >= 0),
        recorded_at INTEGER NOT NULL
      );
      CREATE INDEX download_measurements_by_step ON download_measurements (step, recorded_at);

      -- Positions already at the end were watched to the end when last saved (the rule of
      -- playback.ts at version 7, frozen here: within 2 s of the end, or 98 % of it).
      UPDATE playback_positions SET finished_at = updated_at
        WHERE duration > 0 AND (seconds >= duration - 2 OR seconds >= duration * 0.98);
    `);
  },
};
