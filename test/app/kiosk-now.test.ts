import { afterEach, describe, expect, it } from 'vitest';
import { channels } from '../../main/contract/index';
import { ManualClock } from '../../main/core/clock';
import { type AppFixture, appFixture } from './helpers';

const [lobby, morning, evening] = ['1', '2', '3'].map((n) => n.repeat(32)) as [
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

/**
 * The app on an injected clock in UTC, with the kiosk playlist and a schedule saved as the
 * Settings view saves them: through settings:set's own schema.
 */
async function kioskAt(iso: string) {
  const clock = new ManualClock(utc(iso));
  fixture = await appFixture({ clock, timeZone: 'UTC' });
  const patch = channels['settings:set'].args.parse({
    kioskPlaylist: [lobby],
    kioskSchedule: {
      windows: [
        { days: [...wednesday], from: '09:00', to: '12:00', playlist: [evening, morning] },
        { days: [...wednesday], from: '14:00', to: '17:00' },
      ],
      outside: { show: 'countdown' },
    },
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
