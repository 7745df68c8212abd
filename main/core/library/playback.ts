import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Clock } from '../clock';
import { CaptionLanguage } from '../stream/ids';
import { libraryErrors } from './errors';
import type { PlaybackReader, PlaybackWriter } from './interface';
import type { CaptionTrack, PlaybackPosition } from './types';
import { checkUid } from './validate';

const Seconds = z.number().finite().nonnegative();
const Captions = z.array(z.object({ language: CaptionLanguage, label: z.string().max(200) }));

/** Within 2 s of the end, or 98 % of it: players stop a hair before the last frame. */
export function watchedToTheEnd(seconds: number, duration: number): boolean {
  return duration > 0 && (seconds >= duration - 2 || seconds >= duration * 0.98);
}

/** Where each video was left off, and which caption tracks it has. */
export function createPlayback(db: Database.Database, clock: Clock) {
  // finished_at keeps the first time the end was reached: watching again does not reset it.
  const savePosition = db.prepare(`INSERT INTO playback_positions (uid, seconds, duration,
      updated_at, finished_at) VALUES (@uid, @seconds, @duration, @now, @finished)
    ON CONFLICT (uid) DO UPDATE SET seconds = excluded.seconds, duration = excluded.duration,
      updated_at = excluded.updated_at,
      finished_at = COALESCE(playback_positions.finished_at, excluded.finished_at)`);
  const getPosition = db.prepare(`SELECT seconds, duration, updated_at AS updatedAt,
    finished_at AS finishedAt FROM playback_positions WHERE uid = ?`);
  const clearCaptions = db.prepare('DELETE FROM captions WHERE uid = ?');
  const addCaption = db.prepare('INSERT INTO captions (uid, language, label) VALUES (?, ?, ?)');
  const getCaptions = db.prepare(
    'SELECT language, label FROM captions WHERE uid = ? ORDER BY language',
  );

  return {
    savePosition(uid: string, seconds: number, duration: number): void {
      if (!Seconds.safeParse(seconds).success || !Seconds.safeParse(duration).success) {
        throw libraryErrors.invalid('playback position');
      }
      const now = clock.now();
      const finished = watchedToTheEnd(seconds, duration) ? now : null;
      savePosition.run({ uid: checkUid(uid), seconds, duration, now, finished });
    },

    getPosition(uid: string): PlaybackPosition | undefined {
      return getPosition.get(checkUid(uid)) as PlaybackPosition | undefined;
    },

    setCaptions(uid: string, captions: readonly CaptionTrack[]): void {
      checkUid(uid);
      const parsed = Captions.safeParse(captions);
      const languages = new Set(captions.map((c) => c.language));
      if (!parsed.success || languages.size !== captions.length) {
        throw libraryErrors.invalid('caption list');
      }
      db.transaction(() => {
        clearCaptions.run(uid);
        for (const c of parsed.data) addCaption.run(uid, c.language, c.label);
      })();
    },

    getCaptions(uid: string): CaptionTrack[] {
      return getCaptions.all(checkUid(uid)) as CaptionTrack[];
    },
  } satisfies PlaybackReader & PlaybackWriter;
}
