import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { channels } from '../../main/contract/index';
import type { OffstreamApp } from '../../main/core/app/index';
import { fallbackRecheckMs } from '../../main/core/app/use-cases/kiosk-now';
import { ManualClock } from '../../main/core/clock';
import { type AppFixture, appFixture } from './helpers';

const [lobby, morning, evening, other] = ['1', '2', '3', '4'].map((n) => n.repeat(32)) as [
  string,
  string,
  string,
  string,
];
const wednesday = ['wed'] as const;
const utc = (iso: string) => Date.parse(`${iso}Z`);
const hour = 3_600_000;

let fixture: AppFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** Puts a video's MP4 in the library, as a finished download leaves it. */
function save(f: AppFixture, uid: string): void {
  const library = f.app.session().library;
  mkdirSync(join(library.folder, 'media', uid), { recursive: true });
  writeFileSync(join(library.folder, 'media', uid, 'default.mp4'), 'mp4');
  library.addFile({
    uid,
    role: 'default',
    path: `media/${uid}/default.mp4`,
    bytes: 3,
    sha256: 'a'.repeat(64),
  });
}

async function removeAll(app: OffstreamApp, uids: string[]): Promise<void> {
  for (const uid of uids) await app.removeVideo(uid);
}

/**
 * The app on an injected clock in UTC, every video of the test saved, with the kiosk playlist
 * and a schedule saved as the Settings view saves them: through settings:set's own schema.
 */
async function kioskAt(iso: string, schedule = true) {
  const clock = new ManualClock(utc(iso));
  fixture = await appFixture({ clock, timeZone: 'UTC' });
  for (const uid of [lobby, morning, evening, other]) save(fixture, uid);
  const patch = channels['settings:set'].args.parse({
    kioskPlaylist: [lobby],
    kioskSchedule: schedule
      ? {
          windows: [
            { days: [...wednesday], from: '09:00', to: '12:00', playlist: [evening, morning] },
            { days: [...wednesday], from: '14:00', to: '17:00' },
          ],
          outside: { show: 'countdown' },
        }
      : null,
  });
  await fixture.app.setSettings(patch);
  return { clock, app: fixture.app };
}

describe('kiosk:now under a schedule whose windows have their own lists', () => {
  it('plays a window’s own list, in its order, while that window is open', async () => {
    const { app } = await kioskAt('2026-01-14T10:00');
    expect(app.kioskNow()).toEqual({
      show: 'play',
      playlist: [evening, morning],
      now: utc('2026-01-14T10:00'),
      changeInMs: 2 * hour,
    });
  });

  it('plays the kiosk playlist in a window without a list, and counts down between them', async () => {
    const { clock, app } = await kioskAt('2026-01-14T12:30');
    expect(app.kioskNow()).toMatchObject({
      show: 'countdown',
      nextStart: utc('2026-01-14T14:00'),
      changeInMs: 1.5 * hour,
    });
    clock.advance(3 * hour); // 15:30, in the afternoon window
    expect(app.kioskNow()).toMatchObject({ show: 'play', playlist: [lobby] });
  });
});

describe('kiosk:now when the videos of a list are no longer saved', () => {
  it('keeps a window’s own list while one of its videos is still saved (the kiosk skips the rest)', async () => {
    const { app } = await kioskAt('2026-01-14T10:00');
    await removeAll(app, [evening]);
    expect(app.kioskNow()).toMatchObject({ show: 'play', playlist: [evening, morning] });
  });

  it('plays the kiosk playlist in a window whose own videos were all removed', async () => {
    const { app } = await kioskAt('2026-01-14T10:00');
    await removeAll(app, [evening, morning]);
    expect(app.kioskNow()).toEqual({
      show: 'play',
      playlist: [lobby],
      now: utc('2026-01-14T10:00'),
      changeInMs: fallbackRecheckMs,
    });
  });

  it('goes back to the window’s own list within a minute of one of its videos being saved again', async () => {
    const { clock, app } = await kioskAt('2026-01-14T10:00');
    await removeAll(app, [evening, morning]);
    const standIn = app.kioskNow();
    expect(standIn).toMatchObject({ playlist: [lobby], changeInMs: fallbackRecheckMs });
    save(fixture as AppFixture, morning);
    clock.advance(standIn.changeInMs ?? 0);
    expect(app.kioskNow()).toMatchObject({ playlist: [evening, morning] });
    expect(app.kioskNow().changeInMs).toBe(2 * hour - fallbackRecheckMs);
  });

  it('plays every saved video (an empty list) when the kiosk playlist’s are gone too', async () => {
    const { app } = await kioskAt('2026-01-14T10:00');
    await removeAll(app, [evening, morning, lobby]);
    expect(app.kioskNow()).toMatchObject({ show: 'play', playlist: [] });
  });

  it('plays every saved video without a schedule when the kiosk playlist’s are gone', async () => {
    const { app } = await kioskAt('2026-01-14T10:00', false);
    expect(app.kioskNow()).toMatchObject({ show: 'play', playlist: [lobby] });
    await removeAll(app, [lobby]);
    expect(app.kioskNow()).toMatchObject({
      show: 'play',
      playlist: [],
      changeInMs: fallbackRecheckMs,
    });
  });
});
