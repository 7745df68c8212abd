// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kioskChannels } from '../../main/handlers/kiosk-gate';
import { App } from '../../renderer/src/App';
import { KioskSettings } from '../../renderer/src/settings/KioskSettings';
import { FakeBridge, makeAppInfo, makeCard, makeSettings, ok } from './fake-bridge';
import { giveElementsSize, renderWithApp } from './render';

beforeEach(() => {
  giveElementsSize(1000, 800);
  // jsdom plays nothing; the kiosk only needs play() to settle.
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
});
// Unmount first: a kiosk still mounted would call the real play() once the stub is gone.
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the kiosk and the main-process lock', () => {
  it('boots and plays a kiosk launch with only the channels a locked kiosk is served', async () => {
    const bridge = new FakeBridge()
      .answer('account:status', ok({ mode: 'account', accountId: 'c'.repeat(32), problem: null }))
      .answer('settings:get', ok(makeSettings({ kioskPinSet: true, kioskOnStart: true })))
      .answer('app:info', ok(makeAppInfo({ kiosk: true })))
      .answer(
        'catalogue:list',
        ok({ items: [makeCard(1, { offline: true })], nextCursor: null, remote: false }),
      )
      .answer('playback:source', (args) =>
        ok({ video: `${args.uid}.default`, captions: [], position: null, name: 'Video 1' }),
      );
    render(<App bridge={bridge} />);
    await waitFor(() => expect(bridge.argsOf('playback:source').length).toBeGreaterThan(0));
    const called = [...new Set(bridge.calls.map((call) => call.channel))];
    expect(called.filter((channel) => !kioskChannels.has(channel))).toEqual([]);
  });

  it('sends the current PIN to clear the PIN and to stop starting in kiosk mode', async () => {
    const settings = makeSettings({ kioskPinSet: true, kioskOnStart: true });
    const bridge = new FakeBridge()
      .answer('settings:set', () => ok(settings))
      .answer('catalogue:list', ok({ items: [], nextCursor: null, remote: false }));
    const saved: unknown[] = [];
    const save = async (patch: unknown) => {
      saved.push(patch);
      return settings;
    };
    renderWithApp(bridge, <KioskSettings bridge={bridge} settings={settings} save={save} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Current PIN'), '2468');
    await user.click(screen.getByRole('checkbox', { name: 'Start in kiosk mode' }));
    expect(saved.at(-1)).toEqual({ kioskOnStart: false, currentPin: '2468' });
    expect((screen.getByLabelText('Current PIN') as HTMLInputElement).value).toBe('');
    await user.type(screen.getByLabelText('Current PIN'), '2468');
    await user.click(screen.getByRole('button', { name: 'Clear PIN' }));
    expect(saved.at(-1)).toEqual({ kioskPin: null, currentPin: '2468' });
  });
});
