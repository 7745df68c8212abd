// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { type CatalogueCard, type Settings, SettingsPatch } from '../../main/contract/index';
import { FakeBridge, makeCard, makeSettings, ok, uid } from './fake-bridge';
import { renderFollowingSettingsView, renderSettingsView } from './render';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const nineToFive = { days: [...weekdays], from: '09:00', to: '17:00' };
const saved = [
  makeCard(1, { name: 'Lobby loop', offline: true }),
  makeCard(2, { name: 'Morning news', offline: true }),
  makeCard(3, { name: 'Evening news', offline: true }),
];

/** A bridge whose settings:set answers a fresh copy of the settings, as IPC does. */
function bridgeFor(initial: Settings, cards: CatalogueCard[] = saved) {
  let current = initial;
  return new FakeBridge()
    .answer('settings:set', (patch) => {
      current = structuredClone({ ...current, ...(patch as Partial<Settings>) });
      return ok(current);
    })
    .answer('catalogue:list', ok({ items: cards, nextCursor: null, remote: false }));
}

const group = (name: string) => within(screen.getByRole('group', { name }));
const window1 = () => group('Kiosk window 1');
const scheduleForm = () =>
  within(screen.getByRole('button', { name: 'Save schedule' }).closest('form') as HTMLElement);

async function addToWindow1(user: ReturnType<typeof userEvent.setup>, video: string) {
  await user.selectOptions(window1().getByLabelText('Add a saved video'), video);
  await user.click(window1().getByRole('button', { name: 'Add to the list of Kiosk window 1' }));
}

describe('a kiosk window’s own list', () => {
  it('is chosen, filled, reordered from the keyboard and saved with the schedule', async () => {
    const bridge = bridgeFor(makeSettings({ kioskPlaylist: [uid(1)] }));
    renderSettingsView(bridge, makeSettings({ kioskPlaylist: [uid(1)] }));
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Play only at scheduled times' }));
    const plays = group('What plays in Kiosk window 1');
    expect(plays.getByRole('radio', { name: 'The kiosk playlist' })).toHaveProperty(
      'checked',
      true,
    );
    await user.click(plays.getByRole('radio', { name: 'Its own list' }));
    expect(window1().getByText('Nothing in this list yet: add saved videos below.')).toBeTruthy();
    for (const video of ['Morning news', 'Lobby loop', 'Evening news']) {
      await addToWindow1(user, video);
    }
    // Evening news up, by keyboard: focus stays on its button, which moved with it.
    const up = window1().getByRole('button', { name: 'Move Evening news up' });
    up.focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Move Evening news up');
    await user.click(window1().getByRole('button', { name: 'Move Morning news down' }));
    const order = window1().getByRole('list', { name: 'Plays in this order (3)' });
    const names = within(order)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.playlist-name')?.textContent);
    expect(names).toEqual(['Evening news', 'Morning news', 'Lobby loop']);
    expect(window1().getByText('Every saved video is in this list.')).toBeTruthy();
    // A second window keeps the kiosk playlist.
    await user.click(scheduleForm().getByRole('button', { name: 'Add a window' }));
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    const patch = {
      kioskSchedule: {
        windows: [{ ...nineToFive, playlist: [uid(3), uid(2), uid(1)] }, nineToFive],
        outside: { show: 'black' },
      },
    };
    await waitFor(() => expect(bridge.argsOf('settings:set')).toEqual([patch]));
    expect(SettingsPatch.safeParse(patch).success).toBe(true);
  });

  it('will not save a window that plays an empty list of its own', async () => {
    const bridge = bridgeFor(makeSettings());
    renderSettingsView(bridge, makeSettings());
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Play only at scheduled times' }));
    await user.click(window1().getByRole('radio', { name: 'Its own list' }));
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    expect(
      await screen.findByText('Add at least one video to each window that plays its own list.'),
    ).toBeTruthy();
    expect(bridge.argsOf('settings:set')).toEqual([]);
  });

  it('shows a video no longer saved as missing, and lets it be removed', async () => {
    // uid(2) lost its files; uid(9) was removed from the library and is in no page.
    const cards = [saved[0] as CatalogueCard, makeCard(2, { name: 'Morning news', missing: true })];
    const settings = makeSettings({
      kioskSchedule: {
        windows: [{ ...nineToFive, playlist: [uid(1), uid(2), uid(9)] }],
        outside: { show: 'black' },
      },
    });
    const bridge = bridgeFor(settings, cards);
    renderSettingsView(bridge, settings);
    const list = await waitFor(() =>
      window1().getByRole('list', { name: 'Plays in this order (3)' }),
    );
    await waitFor(() => expect(within(list).getAllByText('No longer saved here')).toHaveLength(2));
    const [lobby, morning, gone] = within(list).getAllByRole('listitem') as HTMLElement[];
    expect(lobby?.textContent).not.toContain('No longer saved here');
    expect(morning?.textContent).toContain('Morning news');
    expect(morning?.textContent).toContain('No longer saved here');
    expect(gone?.textContent).toContain(`Video ${uid(9).slice(0, 8)}`);
    expect(
      window1().getByText(
        'The kiosk skips a video that is no longer saved here: remove it, or download it again.',
      ),
    ).toBeTruthy();
    const user = userEvent.setup();
    await user.click(
      within(gone as HTMLElement).getByRole('button', { name: /^Remove .* from the playlist$/ }),
    );
    await user.click(
      window1().getByRole('button', { name: 'Remove Morning news from the playlist' }),
    );
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    await waitFor(() =>
      expect(bridge.argsOf('settings:set')).toEqual([
        {
          kioskSchedule: {
            windows: [{ ...nineToFive, playlist: [uid(1)] }],
            outside: { show: 'black' },
          },
        },
      ]),
    );
  });

  it('keeps edits not saved yet when another setting is saved meanwhile', async () => {
    const settings = makeSettings({
      kioskSchedule: { windows: [nineToFive], outside: { show: 'black' } },
    });
    const bridge = bridgeFor(settings);
    renderFollowingSettingsView(bridge, settings);
    const user = userEvent.setup();
    await user.click(window1().getByRole('radio', { name: 'Its own list' }));
    await addToWindow1(user, 'Evening news');
    // Saved at once: Settings comes back as a new copy, the schedule in it unchanged.
    await user.click(group('Saved videos').getByRole('checkbox', { name: 'Lobby loop' }));
    await waitFor(() => expect(bridge.argsOf('settings:set')).toHaveLength(1));
    await screen.findByRole('list', { name: 'Playlist (1)' });
    expect(window1().getByRole('radio', { name: 'Its own list' })).toHaveProperty('checked', true);
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    await waitFor(() =>
      expect(bridge.argsOf('settings:set')[1]).toEqual({
        kioskSchedule: {
          windows: [{ ...nineToFive, playlist: [uid(3)] }],
          outside: { show: 'black' },
        },
      }),
    );
  });

  it('cannot be changed when the organisation’s policy sets the schedule', async () => {
    const settings = makeSettings({
      locked: ['kioskSchedule'],
      kioskSchedule: {
        windows: [{ ...nineToFive, playlist: [uid(1)] }],
        outside: { show: 'black' },
      },
    });
    renderSettingsView(bridgeFor(settings), settings);
    expect(scheduleForm().getByText('Set by your organisation')).toBeTruthy();
    expect(window1().getByRole('radio', { name: 'Its own list' }).matches(':disabled')).toBe(true);
    const remove = await window1().findByRole('button', {
      name: 'Remove Lobby loop from the playlist',
    });
    expect(remove.matches(':disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Save schedule' }).matches(':disabled')).toBe(true);
  });
});
