// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { CatalogueCard, Settings } from '../../main/contract/index';
import { KioskView } from '../../renderer/src/kiosk/KioskView';
import { makeSettings } from './fake-bridge';
import {
  currentVideo,
  type FakeHandlers,
  fail,
  ok,
  playerFakeBridge,
  playingSrc,
  settle,
  source,
  withFakeTimersAndMedia,
} from './player-fake-bridge';
import { withLanguage } from './render';

const a = 'a'.repeat(32);
const b = 'b'.repeat(32);
const c = 'c'.repeat(32);
const pin = '2468';

function settings(kioskPlaylist: string[], kioskPinSet = true): Settings {
  return makeSettings({
    libraryLocation: '~/Offstream',
    theme: 'dark',
    kioskPlaylist,
    kioskPinSet,
  });
}

function card(uid: string, missing = false): CatalogueCard {
  return {
    uid,
    name: uid,
    created: '2024-01-01T00:00:00Z',
    duration: 10,
    size: 1000,
    ready: true,
    private: false,
    errored: false,
    offline: true,
    diskBytes: 1000,
    missing,
    thumbnail: null,
    jobs: [],
    upstream: 'unknown',
    expiresAt: null,
  };
}

function kioskBridge(overrides: FakeHandlers = {}) {
  return playerFakeBridge({
    'settings:get': () => ok(settings([a, b])),
    'playback:source': ({ uid }) => ok(source(uid)),
    'kiosk:unlock': (args) => ok({ ok: args.pin === pin }),
    ...overrides,
  });
}

async function start(bridge = kioskBridge()) {
  const onExit = vi.fn();
  const view = render(<KioskView bridge={bridge} onExit={onExit} />, withLanguage);
  await settle();
  return { bridge, onExit, view };
}

withFakeTimersAndMedia();

describe('KioskView playlist', () => {
  it('plays the kiosk playlist in a loop, moving on when a video ends', async () => {
    await start();
    expect(playingSrc()).toBe(`/media/${a}.default`);
    expect(currentVideo().paused).toBe(false);
    fireEvent(currentVideo(), new Event('ended'));
    await settle();
    expect(playingSrc()).toBe(`/media/${b}.default`);
    fireEvent(currentVideo(), new Event('ended'));
    await settle();
    expect(playingSrc()).toBe(`/media/${a}.default`);
  });

  it('shows no controls or other chrome', async () => {
    await start();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(currentVideo().hasAttribute('controls')).toBe(false);
  });

  it('falls back to every saved video when the kiosk playlist is empty', async () => {
    const { bridge } = await start(
      kioskBridge({
        'settings:get': () => ok(settings([])),
        'catalogue:list': () =>
          ok({ items: [card(c), card(b, true), card(a)], nextCursor: null, remote: false }),
      }),
    );
    expect(bridge.callsTo('catalogue:list')).toEqual([
      { filter: 'offline', limit: 500, cursor: undefined },
    ]);
    expect(playingSrc()).toBe(`/media/${c}.default`);
    fireEvent(currentVideo(), new Event('ended'));
    await settle();
    expect(playingSrc()).toBe(`/media/${a}.default`);
  });

  it('skips a missing file after a short delay', async () => {
    await start();
    fireEvent(currentVideo(), new Event('error'));
    await settle();
    expect(document.querySelector('video')).toBeNull();
    await settle(1_500);
    expect(playingSrc()).toBe(`/media/${b}.default`);
  });

  it('skips a video whose source cannot be found', async () => {
    await start(
      kioskBridge({
        'playback:source': ({ uid }) =>
          uid === a ? fail('not_found', 'Not in the library.') : ok(source(uid)),
      }),
    );
    await settle(1_500);
    expect(playingSrc()).toBe(`/media/${b}.default`);
  });

  it('shows "Nothing to play" when every video fails, and tries again every 30 s', async () => {
    let broken = true;
    const { bridge } = await start(
      kioskBridge({
        'playback:source': ({ uid }) => (broken ? fail('file_missing', 'Gone.') : ok(source(uid))),
      }),
    );
    await settle(1_500);
    expect(screen.getByText('Nothing to play')).toBeTruthy();
    expect(bridge.callsTo('settings:get')).toHaveLength(1);

    await settle(30_000);
    expect(bridge.callsTo('settings:get')).toHaveLength(2);
    expect(screen.getByText('Nothing to play')).toBeTruthy();

    broken = false;
    await settle(30_000);
    expect(playingSrc()).not.toBeNull();
    fireEvent(currentVideo(), new Event('playing'));
    expect(screen.queryByText('Nothing to play')).toBeNull();
  });

  it('shows "Nothing to play" for an empty library and checks again later', async () => {
    const items: CatalogueCard[] = [];
    await start(
      kioskBridge({
        'settings:get': () => ok(settings([])),
        'catalogue:list': () => ok({ items, nextCursor: null, remote: false }),
      }),
    );
    expect(screen.getByText('Nothing to play')).toBeTruthy();
    items.push(card(c));
    await settle(30_000);
    expect(playingSrc()).toBe(`/media/${c}.default`);
    fireEvent(currentVideo(), new Event('playing'));
    expect(screen.queryByText('Nothing to play')).toBeNull();
  });

  it('tries sound first and falls back to muted when autoplay is refused', async () => {
    const play = vi
      .spyOn(HTMLMediaElement.prototype, 'play')
      .mockRejectedValueOnce(new DOMException('needs a gesture', 'NotAllowedError'));
    await start();
    expect(play).toHaveBeenCalledTimes(2);
    expect(currentVideo().muted).toBe(true);
    fireEvent(currentVideo(), new Event('ended'));
    await settle();
    expect(currentVideo().muted).toBe(true);
    expect(play).toHaveBeenCalledTimes(3);
  });

  it('keeps sound on when autoplay is allowed', async () => {
    await start();
    expect(currentVideo().muted).toBe(false);
  });
});

describe('KioskView exit', () => {
  async function enter(digits: string) {
    fireEvent.change(screen.getByLabelText('PIN'), { target: { value: digits } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await settle();
  }

  it('opens the PIN pad on Escape and leaves with the right PIN', async () => {
    const { onExit, bridge } = await start();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.getByRole('dialog', { name: 'Enter the PIN to leave' })).toBeTruthy();
    await enter(pin);
    expect(bridge.callsTo('kiosk:unlock')).toEqual([{ pin }]);
    expect(onExit).toHaveBeenCalledOnce();
  });

  it('says "Wrong PIN" and stays for a wrong one', async () => {
    const { onExit } = await start();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await enter('1111');
    expect(screen.getByRole('alert').textContent).toBe('Wrong PIN');
    expect(onExit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('PIN')).toHaveProperty('value', '');
  });

  it('accepts the PIN from the on-screen digits', async () => {
    const { onExit } = await start();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    for (const digit of pin) fireEvent.click(screen.getByRole('button', { name: digit }));
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await settle();
    expect(onExit).toHaveBeenCalledOnce();
  });

  it('waits 30 s after five wrong PINs, even if the pad is closed and reopened', async () => {
    const { bridge, onExit } = await start();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    for (let i = 0; i < 5; i++) await enter('0000');
    expect(screen.getByRole('alert').textContent).toMatch(/Try again in 30 s/);
    expect(screen.getByLabelText('PIN')).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.getByLabelText('PIN')).toHaveProperty('disabled', true);

    await settle(29_000);
    expect(screen.getByRole('alert').textContent).toMatch(/Try again in 1 s/);
    await settle(1_000);
    expect(screen.getByLabelText('PIN')).toHaveProperty('disabled', false);
    await enter(pin);
    expect(bridge.callsTo('kiosk:unlock')).toHaveLength(6);
    expect(onExit).toHaveBeenCalledOnce();
  });

  it('opens the PIN pad after five taps in the top-left corner', async () => {
    const { view } = await start();
    const corner = view.container.querySelector('.kiosk-corner');
    if (!corner) throw new Error('no corner');
    for (let i = 0; i < 4; i++) fireEvent.pointerDown(corner);
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.pointerDown(corner);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('closes the pad on Escape and keeps playing', async () => {
    await start();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    fireEvent.keyDown(screen.getByLabelText('PIN'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(playingSrc()).toBe(`/media/${a}.default`);
  });

  it('leaves straight away when no PIN is set', async () => {
    const { onExit } = await start(
      kioskBridge({
        'settings:get': () => ok(settings([a], false)),
        'kiosk:unlock': () => ok({ ok: true }),
      }),
    );
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await settle();
    expect(onExit).toHaveBeenCalledOnce();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
