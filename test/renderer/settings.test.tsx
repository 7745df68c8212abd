// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AccountStatus, Settings } from '../../main/contract/index';
import { SettingsView } from '../../renderer/src/settings/SettingsView';
import { FakeBridge, makeCard, makeSettings, ok, uid } from './fake-bridge';
import { renderWithApp } from './render';

const account: AccountStatus = { mode: 'account', accountId: 'f'.repeat(32), problem: null };

function settingsBridge(initial: Settings): FakeBridge {
  let current = initial;
  return new FakeBridge()
    .answer('settings:set', (patch) => {
      const { kioskPin, proxy, ...rest } = patch;
      current = {
        ...current,
        ...rest,
        ...(kioskPin === undefined ? {} : { kioskPinSet: kioskPin !== null }),
        ...(proxy === undefined ? {} : { proxy: proxyAfter(current.proxy, proxy) }),
      };
      return ok(current);
    })
    .answer(
      'catalogue:list',
      ok({
        items: [
          makeCard(1, { name: 'Lobby loop', offline: true }),
          makeCard(2, { name: 'Safety talk', offline: true }),
        ],
        nextCursor: null,
        remote: true,
      }),
    );
}

/** What the main process keeps of a proxy patch: never the password, only that one is set. */
function proxyAfter(before: Settings['proxy'], p: ProxyPatchShape): Settings['proxy'] {
  return {
    mode: p.mode,
    url: p.url === undefined ? before.url : p.url,
    username: p.username === undefined ? before.username : p.username,
    passwordSet: p.password === null ? false : p.password ? true : before.passwordSet,
  };
}

type ProxyPatchShape = {
  mode: Settings['proxy']['mode'];
  url?: string | null;
  username?: string | null;
  password?: string | null;
};

interface Seen {
  settings: Settings[];
  accounts: AccountStatus[];
}

/** Stands in for App: keeps what SettingsView reported and hands it back on the next render. */
function Harness(props: {
  bridge: FakeBridge;
  initial: Settings;
  status: AccountStatus;
  seen: Seen;
}) {
  const { seen } = props;
  return (
    <SettingsView
      bridge={props.bridge}
      settings={seen.settings.at(-1) ?? props.initial}
      onSettings={(next) => seen.settings.push(next)}
      account={seen.accounts.at(-1) ?? props.status}
      onAccount={(next) => seen.accounts.push(next)}
    />
  );
}

function renderSettings(bridge: FakeBridge, initial: Settings, status: AccountStatus = account) {
  const seen: Seen = { settings: [], accounts: [] };
  const harness = () => <Harness bridge={bridge} initial={initial} status={status} seen={seen} />;
  const view = renderWithApp(bridge, harness());
  return { seen, rerender: () => view.rerenderView(harness()) };
}

describe('settings view', () => {
  it('changing the concurrency calls settings:set', async () => {
    const bridge = settingsBridge(makeSettings());
    const { seen } = renderSettings(bridge, makeSettings());
    await userEvent.setup().selectOptions(screen.getByLabelText('Downloads at the same time'), '4');
    await waitFor(() => expect(bridge.argsOf('settings:set')).toEqual([{ concurrency: 4 }]));
    await waitFor(() => expect(seen.settings.at(-1)?.concurrency).toBe(4));
    expect(screen.getByRole('status').textContent).toContain('Up to 4 downloads at the same time.');
  });

  it('chooses what an upstream deletion does, and turns the Cloudflare clean-up on with its warning', async () => {
    const bridge = settingsBridge(makeSettings());
    const { seen } = renderSettings(bridge, makeSettings());
    const user = userEvent.setup();
    await user.selectOptions(
      screen.getByLabelText('When a saved video is deleted from your account'),
      'hide',
    );
    await waitFor(() => expect(seen.settings.at(-1)?.upstreamDeleted).toBe('hide'));
    const cleanUp = screen.getByRole('checkbox', {
      name: 'Delete the download on Cloudflare once it is saved here',
    });
    expect((cleanUp as HTMLInputElement).checked).toBe(false);
    expect(cleanUp.getAttribute('aria-describedby')).toBeTruthy();
    const warning = document.getElementById(cleanUp.getAttribute('aria-describedby') ?? '');
    expect(warning?.textContent).toContain('Other devices will then have to ask');
    expect(warning?.textContent).toContain('public video can be fetched by anyone');
    await user.click(cleanUp);
    await waitFor(() =>
      expect(bridge.argsOf('settings:set')).toEqual([
        { upstreamDeleted: 'hide' },
        { deleteRemoteDownloads: true },
      ]),
    );
  });

  it('sets the bandwidth cap in MB/s and rejects nonsense', async () => {
    const bridge = settingsBridge(makeSettings());
    renderSettings(bridge, makeSettings());
    const user = userEvent.setup();
    const cap = screen.getByLabelText('Bandwidth limit (MB/s, 0 = no limit)');
    await user.clear(cap);
    await user.type(cap, 'fast');
    await user.click(screen.getByRole('button', { name: 'Apply limit' }));
    expect(await screen.findByText('Enter a number of MB/s, or 0 for no limit.')).toBeTruthy();
    expect(bridge.argsOf('settings:set')).toHaveLength(0);
    await user.clear(cap);
    await user.type(cap, '2.5');
    await user.click(screen.getByRole('button', { name: 'Apply limit' }));
    await waitFor(() =>
      expect(bridge.argsOf('settings:set')).toEqual([{ bandwidthCap: 2_500_000 }]),
    );
  });

  it('sets a manual proxy with a password it never shows again, then goes back to the system proxy', async () => {
    const bridge = settingsBridge(makeSettings());
    const { seen, rerender } = renderSettings(bridge, makeSettings());
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Proxy'), 'manual');
    await user.type(screen.getByLabelText('Proxy address'), 'http://proxy.corp:8080');
    await user.type(screen.getByLabelText('User name (optional)'), 'traveller');
    await user.type(screen.getByLabelText('Password (optional)'), 'hotel-wifi');
    await user.click(screen.getByRole('button', { name: 'Apply proxy' }));
    await waitFor(() =>
      expect(bridge.argsOf('settings:set')).toEqual([
        {
          proxy: {
            mode: 'manual',
            url: 'http://proxy.corp:8080',
            username: 'traveller',
            password: 'hotel-wifi',
          },
        },
      ]),
    );
    await waitFor(() => expect(seen.settings.at(-1)?.proxy.passwordSet).toBe(true));
    rerender();
    const password = screen.getByLabelText('Password (optional)') as HTMLInputElement;
    expect(password.value).toBe('');
    expect(password.placeholder).toMatch(/Saved/);
    await user.selectOptions(screen.getByLabelText('Proxy'), 'system');
    await user.click(screen.getByRole('button', { name: 'Apply proxy' }));
    await waitFor(() =>
      // The credentials stay: a system proxy may ask for them too.
      expect(bridge.argsOf('settings:set').at(-1)).toEqual({
        proxy: { mode: 'system', username: 'traveller' },
      }),
    );
  });

  it('picks the theme', async () => {
    const bridge = settingsBridge(makeSettings());
    renderSettings(bridge, makeSettings());
    await userEvent.setup().click(screen.getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(bridge.argsOf('settings:set')).toEqual([{ theme: 'dark' }]));
  });

  it('sets and clears the kiosk PIN and builds the playlist', async () => {
    const bridge = settingsBridge(makeSettings());
    const { seen, rerender } = renderSettings(bridge, makeSettings());
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Kiosk PIN'), '12');
    await user.click(screen.getByRole('button', { name: 'Set PIN' }));
    expect(await screen.findByText('A PIN is 4 to 8 digits.')).toBeTruthy();
    await user.type(screen.getByLabelText('Kiosk PIN'), '34');
    await user.click(screen.getByRole('button', { name: 'Set PIN' }));
    await waitFor(() => expect(bridge.argsOf('settings:set')).toEqual([{ kioskPin: '1234' }]));
    rerender();
    // Clearing a PIN that is set takes the current one: main refuses it otherwise.
    await user.type(screen.getByLabelText('Current PIN'), '1234');
    await user.click(screen.getByRole('button', { name: 'Clear PIN' }));
    await waitFor(() =>
      expect(bridge.argsOf('settings:set').at(-1)).toEqual({ kioskPin: null, currentPin: '1234' }),
    );

    await user.click(await screen.findByRole('checkbox', { name: 'Safety talk' }));
    await waitFor(() =>
      expect(bridge.argsOf('settings:set').at(-1)).toEqual({ kioskPlaylist: [uid(2)] }),
    );
    rerender();
    await user.click(screen.getByRole('checkbox', { name: 'Lobby loop' }));
    await waitFor(() =>
      expect(bridge.argsOf('settings:set').at(-1)).toEqual({ kioskPlaylist: [uid(2), uid(1)] }),
    );
    rerender();
    await user.click(screen.getByRole('button', { name: 'Move Lobby loop up' }));
    await waitFor(() =>
      expect(bridge.argsOf('settings:set').at(-1)).toEqual({ kioskPlaylist: [uid(1), uid(2)] }),
    );
    expect(seen.settings.at(-1)?.kioskPlaylist).toEqual([uid(1), uid(2)]);
  });

  it('turns "start in kiosk mode" on and off, warning while no PIN is set', async () => {
    const bridge = settingsBridge(makeSettings());
    const { seen, rerender } = renderSettings(bridge, makeSettings());
    const user = userEvent.setup();
    const box = screen.getByRole('checkbox', { name: 'Start in kiosk mode' });
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    const hint = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toContain('next time Offstream starts');
    expect(hint?.textContent).toContain('No PIN is set');
    await user.click(box);
    await waitFor(() => expect(bridge.argsOf('settings:set')).toEqual([{ kioskOnStart: true }]));
    await waitFor(() => expect(seen.settings.at(-1)?.kioskOnStart).toBe(true));
    expect(screen.getByRole('status').textContent).toContain('Offstream will start in kiosk mode.');
    rerender();
    expect((box as HTMLInputElement).checked).toBe(true);
    await user.click(box);
    await waitFor(() =>
      expect(bridge.argsOf('settings:set').at(-1)).toEqual({ kioskOnStart: false }),
    );
  });

  it('says leaving a kiosk started at launch needs the PIN once one is set', () => {
    renderSettings(new FakeBridge(), makeSettings({ kioskOnStart: true, kioskPinSet: true }));
    const box = screen.getByRole('checkbox', { name: 'Start in kiosk mode' });
    expect((box as HTMLInputElement).checked).toBe(true);
    const hint = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toContain('leaving kiosk mode needs the PIN');
    expect(hint?.textContent).not.toContain('No PIN');
  });

  it('moves the library with progress from library:move-progress', async () => {
    let finish: (() => void) | undefined;
    const bridge = settingsBridge(makeSettings()).answer(
      'settings:move-library',
      () =>
        new Promise((resolve) => {
          finish = () => resolve(ok(makeSettings({ libraryLocation: '…/usb/Offstream' })));
        }),
    );
    const { seen } = renderSettings(bridge, makeSettings());
    expect(screen.getByText('~/Videos/Offstream')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Move…' }));
    act(() => bridge.emit('library:move-progress', { bytesDone: 25, bytesTotal: 100 }));
    expect(
      screen.getByRole('progressbar', { name: 'Moving the library' }).getAttribute('aria-valuenow'),
    ).toBe('25');
    await act(async () => finish?.());
    await waitFor(() => expect(seen.settings.at(-1)?.libraryLocation).toBe('…/usb/Offstream'));
    expect(screen.getByRole('status').textContent).toContain(
      'The library is now in …/usb/Offstream.',
    );
    expect(screen.queryByRole('progressbar', { name: 'Moving the library' })).toBeNull();
  });

  it('verifies, exports and imports with results, and shows problems', async () => {
    const bridge = settingsBridge(makeSettings())
      .answer(
        'library:verify',
        ok({ checked: 12, missing: [{ uid: uid(1), name: 'Lobby loop' }], corrupt: [] }),
      )
      .answer('library:export', ok({ videos: 3, bytes: 1_500_000_000 }))
      .answer('library:import', {
        ok: false,
        error: { code: 'cancelled', message: 'Nothing was done: no folder was chosen.' },
      });
    renderSettings(bridge, makeSettings());
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Verify library' }));
    expect(
      await screen.findByText('Checked 12 files: 1 missing, 0 damaged.', { selector: 'p' }),
    ).toBeTruthy();
    expect(screen.getByText('Lobby loop: missing')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    expect(await screen.findByText('Exported 3 videos (1.5 GB).', { selector: 'p' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Import…' }));
    expect(
      await screen.findByText('Nothing was done: no folder was chosen.', { selector: 'p' }),
    ).toBeTruthy();
  });

  it('shows the account and disconnects', async () => {
    const bridge = settingsBridge(makeSettings()).answer(
      'account:disconnect',
      ok({ mode: 'none', accountId: null, problem: null }),
    );
    const { seen } = renderSettings(bridge, makeSettings());
    expect(screen.getByText(`Connected to Cloudflare account ${'f'.repeat(32)}.`)).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(seen.accounts.at(-1)?.mode).toBe('none'));
  });
});
