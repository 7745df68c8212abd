// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../main/contract/index';
import { FakeBridge, makeCard, makeSettings, ok, uid } from './fake-bridge';
import { renderSettingsView } from './render';

function renderSettings(initial: Settings) {
  let current = initial;
  const bridge = new FakeBridge()
    .answer('settings:set', (patch) => {
      current = { ...current, ...(patch as Partial<Settings>) };
      return ok(current);
    })
    .answer(
      'catalogue:list',
      ok({
        items: [makeCard(1, { name: 'Lobby loop', offline: true })],
        nextCursor: null,
        remote: false,
      }),
    );
  renderSettingsView(bridge, initial);
  return bridge;
}

/** The fieldset of one window, by its legend. */
const windowGroup = (name: string) => within(screen.getByRole('group', { name }));

describe('start at login', () => {
  it('is a checkbox, off by default, saved at once', async () => {
    const bridge = renderSettings(makeSettings());
    const box = screen.getByRole('checkbox', { name: 'Open Offstream when I log in' });
    expect((box as HTMLInputElement).checked).toBe(false);
    await userEvent.setup().click(box);
    await waitFor(() => expect(bridge.argsOf('settings:set')).toEqual([{ startAtLogin: true }]));
  });
});

describe('the kiosk schedule', () => {
  it('saves windows (one past midnight) and a countdown outside them', async () => {
    const bridge = renderSettings(makeSettings({ kioskPlaylist: [uid(1)] }));
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Play only at scheduled times' }));
    const first = windowGroup('Kiosk window 1');
    fireEvent.change(first.getByLabelText('From'), { target: { value: '08:30' } });
    fireEvent.change(first.getByLabelText('to'), { target: { value: '12:00' } });
    await user.click(screen.getAllByRole('button', { name: 'Add a window' })[0] as HTMLElement);
    const second = windowGroup('Kiosk window 2');
    await user.click(second.getByRole('checkbox', { name: 'Mon' }));
    await user.click(second.getByRole('checkbox', { name: 'Sat' }));
    fireEvent.change(second.getByLabelText('From'), { target: { value: '22:00' } });
    fireEvent.change(second.getByLabelText('to'), { target: { value: '02:00' } });
    await user.selectOptions(screen.getByLabelText('Outside these times, show'), 'countdown');
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    await waitFor(() =>
      expect(bridge.argsOf('settings:set')).toEqual([
        {
          kioskSchedule: {
            windows: [
              { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:30', to: '12:00' },
              { days: ['tue', 'wed', 'thu', 'fri', 'sat'], from: '22:00', to: '02:00' },
            ],
            outside: { show: 'countdown' },
          },
        },
      ]),
    );
  });

  it('refuses a window without days, and turning it off saves null', async () => {
    const bridge = renderSettings(
      makeSettings({
        kioskSchedule: {
          windows: [{ days: ['sun'], from: '10:00', to: '11:00' }],
          outside: { show: 'black' },
        },
      }),
    );
    const user = userEvent.setup();
    await user.click(windowGroup('Kiosk window 1').getByRole('checkbox', { name: 'Sun' }));
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    expect(await screen.findByText('Every window needs at least one day.')).toBeTruthy();
    expect(bridge.argsOf('settings:set')).toEqual([]);
    await user.click(screen.getByRole('checkbox', { name: 'Play only at scheduled times' }));
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    await waitFor(() => expect(bridge.argsOf('settings:set')).toEqual([{ kioskSchedule: null }]));
  });
});

describe('the download window', () => {
  it('saves 01:00–05:00 every night with caps inside and outside', async () => {
    const bridge = renderSettings(makeSettings());
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Download only at set times' }));
    const inside = screen.getByLabelText('Limit within these times (MB/s, 0 = no limit)');
    await user.clear(inside);
    await user.type(inside, '4');
    await user.selectOptions(screen.getByLabelText('Outside these times'), 'capped');
    const outside = screen.getByLabelText('Limit outside (MB/s, 0 = no limit)');
    await user.clear(outside);
    await user.type(outside, '0.5');
    await user.click(screen.getByRole('button', { name: 'Save download times' }));
    await waitFor(() =>
      expect(bridge.argsOf('settings:set')).toEqual([
        {
          downloadWindow: {
            windows: [
              {
                days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
                from: '01:00',
                to: '05:00',
              },
            ],
            capInside: 4_000_000,
            outside: { mode: 'capped', cap: 500_000 },
          },
        },
      ]),
    );
  });

  it('refuses a limit that is not a number', async () => {
    const bridge = renderSettings(makeSettings());
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Download only at set times' }));
    const inside = screen.getByLabelText('Limit within these times (MB/s, 0 = no limit)');
    await user.clear(inside);
    await user.type(inside, 'lots');
    await user.click(screen.getByRole('button', { name: 'Save download times' }));
    expect(
      await screen.findByText('Enter each limit as a number of MB/s, or 0 for no limit.'),
    ).toBeTruthy();
    expect(bridge.argsOf('settings:set')).toEqual([]);
  });
});
