import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { DownloadKind } from '../stream/ids';
import { libraryErrors } from './errors';
import type { StorageReader, StorageWriter } from './interface';
import type { DownloadMeasurement, MeasuredStep, SavedVideoUse } from './types';
import { unfinishedJobStates } from './types';

const unfinishedStates = JSON.stringify(unfinishedJobStates);

import { checkUid } from './validate';

const Amount = z.number().finite().nonnegative();
const Elapsed = z.number().int().nonnegative();

interface SavedRow {
  uid: string;
  name: string | null;
  disk_bytes: number;
  watched_at: number | null;
  finished_at: number | null;
}

/** What each saved video takes on disk, what was watched when, and how past downloads went. */
export function createStorage(db: Database.Database, clock: Clock) {
  const saved = db.prepare(`SELECT f.uid, c.name, sum(f.bytes) AS disk_bytes,
      p.updated_at AS watched_at, p.finished_at
    FROM files f LEFT JOIN catalogue c ON c.uid = f.uid
      LEFT JOIN playback_positions p ON p.uid = f.uid
    WHERE f.status = 'present'
    GROUP BY f.uid ORDER BY disk_bytes DESC, f.uid`);
  // Without a job to leave out, @uid matches none (uids are 32 hex).
  const heldByJobs = db.prepare(`SELECT coalesce(sum(bytes_done), 0) AS bytes FROM jobs
    WHERE state IN (SELECT value FROM json_each(@states))
      AND NOT (uid = @uid AND kind = @kind)`);
  const insertMeasurement = db.prepare(`INSERT INTO download_measurements (uid, kind, step,
    amount, elapsed_ms, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const recentMeasurements = db.prepare(`SELECT amount, elapsed_ms AS elapsedMs,
      recorded_at AS recordedAt FROM download_measurements
    WHERE step = ? ORDER BY recorded_at DESC, id DESC LIMIT ?`);

  return {
    listSavedVideos(): SavedVideoUse[] {
      return (saved.all() as SavedRow[]).map((row) => ({
        uid: row.uid,
        name: row.name ?? row.uid,
        diskBytes: row.disk_bytes,
        lastWatchedAt: row.watched_at,
        finishedAt: row.finished_at,
      }));
    },

    bytesHeldByOtherJobs(uid: string, kind: DownloadKind): number {
      const held = heldByJobs.get({ states: unfinishedStates, uid: checkUid(uid), kind });
      return (held as { bytes: number }).bytes;
    },

    bytesHeldByJobs(): number {
      const held = heldByJobs.get({ states: unfinishedStates, uid: '', kind: '' });
      return (held as { bytes: number }).bytes;
    },

    recordMeasurement(
      uid: string,
      kind: DownloadKind,
      step: MeasuredStep,
      amount: number,
      elapsedMs: number,
    ): void {
      if (!Amount.safeParse(amount).success || !Elapsed.safeParse(elapsedMs).success) {
        throw libraryErrors.invalid('download measurement');
      }
      insertMeasurement.run(checkUid(uid), kind, step, amount, elapsedMs, clock.now());
    },

    listMeasurements(step: MeasuredStep, limit: number): DownloadMeasurement[] {
      return recentMeasurements.all(step, Math.max(1, Math.floor(limit))) as DownloadMeasurement[];
    },
  } satisfies StorageReader & StorageWriter;
}
