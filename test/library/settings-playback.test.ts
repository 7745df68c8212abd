import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import type { LogRecord } from '../../main/core/log';
import { createLogger } from '../../main/core/log';
import { open, tempFolder, uidOf } from './helpers';

const uid = uidOf(3);

describe('settings', () => {
  it('returns defaults, stores validated values and keeps them across opens', () => {
    const folder = tempFolder();
    const index = open(folder);
    expect(index.getSetting('downloadConcurrency')).toBe(2);
    expect(index.getSetting('kioskPlaylist')).toEqual([]);
    expect(index.getSetting('accountId')).toBeNull();
    index.setSetting('downloadConcurrency', 4);
    index.setSetting('kioskPlaylist', [uidOf(1), uidOf(2)]);
    index.setSetting('accountId', 'f'.repeat(32));
    index.close();
    const reopened = open(folder);
    expect(reopened.getSetting('downloadConcurrency')).toBe(4);
    expect(reopened.getSetting('kioskPlaylist')).toEqual([uidOf(1), uidOf(2)]);
    expect(reopened.getSetting('accountId')).toBe('f'.repeat(32));
  });

  it('refuses values of the wrong shape and unknown keys', () => {
    const index = open(tempFolder());
    expect(() => index.setSetting('downloadConcurrency', 0)).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    expect(() => index.setSetting('kioskPlaylist', ['../etc'])).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    // @ts-expect-error wrong type on purpose
    expect(() => index.setSetting('saveAudio', 'yes')).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    // @ts-expect-error unknown key on purpose
    expect(() => index.getSetting('apiToken')).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    expect(index.getSetting('downloadConcurrency')).toBe(2);
  });

  it('falls back to the default, with a warning, for a stored value it cannot read', () => {
    const folder = tempFolder();
    open(folder).close();
    const db = new Database(join(folder, 'library.sqlite'));
    db.prepare(`INSERT INTO settings VALUES ('downloadConcurrency', '"many"', 1)`).run();
    db.close();
    const records: LogRecord[] = [];
    const index = open(folder, {
      logger: createLogger({ sink: (r) => records.push(r), level: 'debug' }),
    });
    expect(index.getSetting('downloadConcurrency')).toBe(2);
    expect(records.some((r) => r.level === 'warn' && r.key === 'downloadConcurrency')).toBe(true);
  });
});

describe('a kiosk schedule stored before own lists needed a video', () => {
  const window = { days: ['mon'], from: '08:00', to: '18:00' };

  it('is refused with an empty own list now, and says what to do instead', () => {
    const index = open(tempFolder());
    const schedule = { windows: [{ ...window, playlist: [] }], outside: { show: 'black' } };
    // @ts-expect-error a stored shape the types no longer allow
    expect(() => index.setSetting('kioskSchedule', schedule)).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });

  it('reads a window stored with an empty own list as one without, keeping the schedule', () => {
    const folder = tempFolder();
    open(folder).close();
    const stored = {
      windows: [
        { ...window, playlist: [] },
        { ...window, days: ['tue'], playlist: [uidOf(1)] },
      ],
      outside: { show: 'countdown' },
    };
    const db = new Database(join(folder, 'library.sqlite'));
    db.prepare(`INSERT INTO settings VALUES ('kioskSchedule', ?, 1)`).run(JSON.stringify(stored));
    db.close();
    expect(open(folder).getSetting('kioskSchedule')).toEqual({
      windows: [window, { ...window, days: ['tue'], playlist: [uidOf(1)] }],
      outside: { show: 'countdown' },
    });
  });
});

describe('playback positions and captions', () => {
  it('saves and reads the position where a video was left', () => {
    const clock = new ManualClock();
    const index = open(tempFolder(), { clock });
    expect(index.getPosition(uid)).toBeUndefined();
    index.savePosition(uid, 12.5, 60);
    clock.advance(10);
    index.savePosition(uid, 30, 60);
    expect(index.getPosition(uid)).toEqual({
      seconds: 30,
      duration: 60,
      updatedAt: clock.now(),
      finishedAt: null,
    });
    // Watched to the end (within 2 s): the first time is kept, watching again does not reset it.
    clock.advance(10);
    index.savePosition(uid, 58.5, 60);
    const finishedAt = clock.now();
    expect(index.getPosition(uid)?.finishedAt).toBe(finishedAt);
    clock.advance(10);
    index.savePosition(uid, 5, 60);
    index.savePosition(uid, 60, 60);
    expect(index.getPosition(uid)).toMatchObject({ seconds: 60, finishedAt });
    for (const [s, d] of [
      [-1, 60],
      [Number.NaN, 60],
      [1, Number.POSITIVE_INFINITY],
    ]) {
      expect(() => index.savePosition(uid, s as number, d as number)).toThrow(
        expect.objectContaining({ code: 'invalid_argument' }),
      );
    }
    expect(() => index.savePosition('bad', 1, 1)).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });

  it('replaces a video’s caption list as a whole', () => {
    const index = open(tempFolder());
    index.setCaptions(uid, [
      { language: 'en', label: 'English' },
      { language: 'de', label: 'Deutsch' },
    ]);
    index.setCaptions(uid, [
      { language: 'pt-BR', label: 'Português' },
      { language: 'en', label: 'English' },
    ]);
    expect(index.getCaptions(uid)).toEqual([
      { language: 'en', label: 'English' },
      { language: 'pt-BR', label: 'Português' },
    ]);
    expect(() => index.setCaptions(uid, [{ language: '../x', label: 'x' }])).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    expect(() =>
      index.setCaptions(uid, [
        { language: 'en', label: 'a' },
        { language: 'en', label: 'b' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(index.getCaptions(uid)).toHaveLength(2);
    index.setCaptions(uid, []);
    expect(index.getCaptions(uid)).toEqual([]);
  });
});
