// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaybackSource } from '../../main/contract/index';
import { PlayerView } from '../../renderer/src/player/PlayerView';
import {
  fail,
  loadMetadata,
  ok,
  type PlayerFakeBridge,
  playerFakeBridge,
  stubMediaPlayback,
} from './player-fake-bridge';
import { withLanguage } from './render';

const first = 'a'.repeat(32);
const second = 'b'.repeat(32);
const third = 'c'.repeat(32);

function sourceFor(uid: string, overrides: Partial<PlaybackSource> = {}): PlaybackSource {
  return {
    video: `${uid}.default`,
    captions: [
      { language: 'en', label: 'English', track: `${uid}.caption.en` },
      { language: 'fr', label: 'Français', track: `${uid}.caption.fr` },
    ],
    position: null,
    name: `Video ${uid.slice(0, 1)}`,
    ...overrides,
  };
}

let restoreMedia: () => void;
beforeEach(() => {
  restoreMedia = stubMediaPlayback();
  window.localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  restoreMedia();
});

async function open(options: { uid?: string; source?: Partial<PlaybackSource> } = {}) {
  const uid = options.uid ?? second;
  const bridge = playerFakeBridge({
    'playback:source': ({ uid: asked }) => ok(sourceFor(asked, options.source)),
    'playback:save-position': () => ok({ done: true as const }),
  });
  const onNavigate = vi.fn();
  const onBack = vi.fn();
  const view = render(
    <PlayerView
      bridge={bridge}
      uid={uid}
      playlist={[first, second, third]}
      onNavigate={onNavigate}
      onBack={onBack}
    />,
    withLanguage,
  );
  await screen.findByRole('heading', { name: `Video ${uid.slice(0, 1)}` });
  const video = view.container.querySelector('video');
  if (!video) throw new Error('no <video> rendered');
  return { bridge, video, onNavigate, onBack, view };
}

const saves = (bridge: PlayerFakeBridge) => bridge.callsTo('playback:save-position');
const key = (name: string) => fireEvent.keyDown(document.body, { key: name });

describe('PlayerView', () => {
  it('plays the saved file through the bridge with a title and one track per caption', async () => {
    const { video } = await open();
    expect(video.getAttribute('src')).toBe(`/media/${second}.default`);
    expect(video.getAttribute('preload')).toBe('metadata');
    expect(video.getAttribute('crossorigin')).toBe('anonymous');
    const tracks = [...video.querySelectorAll('track')];
    expect(tracks.map((t) => [t.kind, t.srclang, t.label, t.getAttribute('src')])).toEqual([
      ['subtitles', 'en', 'English', `/media/${second}.caption.en`],
      ['subtitles', 'fr', 'Français', `/media/${second}.caption.fr`],
    ]);
  });

  it('restores the saved position once the duration is known', async () => {
    const { video } = await open({ source: { position: 42 } });
    act(() => loadMetadata(video, 600));
    expect(video.currentTime).toBe(42);
  });

  it('starts from the top when the saved position is within the last 5 s', async () => {
    const { video } = await open({ source: { position: 597 } });
    act(() => loadMetadata(video, 600));
    expect(video.currentTime).toBe(0);
  });

  it('saves the position every 5 s while playing, on pause, on seek and on leaving', async () => {
    const { bridge, video, view } = await open();
    act(() => loadMetadata(video, 600));
    vi.useFakeTimers();
    await act(() => video.play());
    video.currentTime = 12;
    act(() => vi.advanceTimersByTime(5_000));
    expect(saves(bridge)).toEqual([{ uid: second, seconds: 12, duration: 600 }]);

    video.currentTime = 17;
    act(() => vi.advanceTimersByTime(5_000));
    expect(saves(bridge)).toHaveLength(2);

    video.currentTime = 20;
    act(() => video.pause());
    expect(saves(bridge).at(-1)).toEqual({ uid: second, seconds: 20, duration: 600 });
    act(() => vi.advanceTimersByTime(20_000));
    expect(saves(bridge)).toHaveLength(3);

    video.currentTime = 300;
    fireEvent(video, new Event('seeked'));
    expect(saves(bridge).at(-1)).toEqual({ uid: second, seconds: 300, duration: 600 });

    video.currentTime = 310;
    view.unmount();
    expect(saves(bridge).at(-1)).toEqual({ uid: second, seconds: 310, duration: 600 });
  });

  it('saves nothing for a file whose metadata never arrived', async () => {
    const { bridge, view } = await open({ source: { position: 42 } });
    view.unmount();
    expect(saves(bridge)).toEqual([]);
  });

  it('toggles playback with space and the Play/Pause button', async () => {
    const { video } = await open();
    key(' ');
    expect(video.paused).toBe(false);
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
    key(' ');
    expect(video.paused).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(video.paused).toBe(false);
  });

  it('seeks 5 s with the arrows and changes the volume with up and down', async () => {
    const { video } = await open();
    act(() => loadMetadata(video, 600));
    video.currentTime = 100;
    key('ArrowRight');
    expect(video.currentTime).toBe(105);
    key('ArrowLeft');
    key('ArrowLeft');
    expect(video.currentTime).toBe(95);
    video.currentTime = 2;
    key('ArrowLeft');
    expect(video.currentTime).toBe(0);

    key('ArrowDown');
    key('ArrowDown');
    expect(video.volume).toBeCloseTo(0.8);
    key('ArrowUp');
    expect(video.volume).toBeCloseTo(0.9);
    expect(screen.getByRole('slider', { name: 'Volume' }).getAttribute('aria-valuetext')).toBe(
      '90%',
    );
  });

  it('shows the position on the seek slider and seeks from it', async () => {
    const { video } = await open();
    act(() => loadMetadata(video, 600));
    const seek = screen.getByRole('slider', { name: 'Seek' });
    fireEvent.change(seek, { target: { value: '125' } });
    expect(video.currentTime).toBe(125);
    act(() => {
      video.dispatchEvent(new Event('timeupdate'));
    });
    expect(seek.getAttribute('aria-valuenow')).toBe('125');
    expect(seek.getAttribute('aria-valuetext')).toBe('2:05 of 10:00');
  });

  it('cycles captions with c and applies the choice to the text tracks', async () => {
    const { video } = await open();
    const tracks = [{ mode: 'disabled' }, { mode: 'disabled' }];
    Object.defineProperty(video, 'textTracks', { configurable: true, value: tracks });
    key('c');
    expect(tracks.map((t) => t.mode)).toEqual(['showing', 'disabled']);
    key('c');
    expect(tracks.map((t) => t.mode)).toEqual(['disabled', 'showing']);
    key('c');
    expect(tracks.map((t) => t.mode)).toEqual(['disabled', 'disabled']);
  });

  it('chooses captions from the Captions menu', async () => {
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Captions' }));
    expect(screen.getByRole('menuitemradio', { name: 'Off' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    fireEvent.click(screen.getByRole('menuitemradio', { name: 'Français' }));
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Captions' }));
    expect(
      screen.getByRole('menuitemradio', { name: 'Français' }).getAttribute('aria-checked'),
    ).toBe('true');
  });

  it('closes the captions menu on Esc without leaving the player', async () => {
    const { onBack } = await open();
    fireEvent.click(screen.getByRole('button', { name: 'Captions' }));
    fireEvent.keyDown(screen.getByRole('menuitemradio', { name: 'Off' }), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(onBack).not.toHaveBeenCalled();
  });

  it('changes the playback speed', async () => {
    const { video } = await open();
    fireEvent.change(screen.getByRole('combobox', { name: 'Playback speed' }), {
      target: { value: '1.5' },
    });
    expect(video.playbackRate).toBe(1.5);
  });

  it('goes back on Esc', async () => {
    const { onBack } = await open();
    key('Escape');
    expect(onBack).toHaveBeenCalledOnce();
  });

  it('toggles full screen on the player with f, and Esc leaves full screen before going back', async () => {
    const { onBack, view } = await open();
    const player = view.container.querySelector('.player');
    if (!(player instanceof HTMLElement)) throw new Error('no player container');
    let inFullscreen: Element | null = null;
    player.requestFullscreen = vi.fn(async () => {
      inFullscreen = player;
    });
    const exitFullscreen = vi.fn(async () => {
      inFullscreen = null;
    });
    Object.defineProperty(document, 'fullscreenElement', {
      configurable: true,
      get: () => inFullscreen,
    });
    Object.defineProperty(document, 'exitFullscreen', {
      configurable: true,
      value: exitFullscreen,
    });
    try {
      key('f');
      await act(async () => undefined);
      expect(player.requestFullscreen).toHaveBeenCalledOnce();
      key('Escape');
      expect(exitFullscreen).toHaveBeenCalledOnce();
      expect(onBack).not.toHaveBeenCalled();
      key('Escape');
      expect(onBack).toHaveBeenCalledOnce();
    } finally {
      Reflect.deleteProperty(document, 'fullscreenElement');
      Reflect.deleteProperty(document, 'exitFullscreen');
    }
  });

  it('leaves keys alone while focus is in a text field', async () => {
    const { video, onBack } = await open();
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    fireEvent.keyDown(field, { key: ' ' });
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(video.paused).toBe(true);
    expect(onBack).not.toHaveBeenCalled();
    field.remove();
  });

  it('navigates to the previous and next video of the playlist', async () => {
    const { onNavigate } = await open();
    fireEvent.click(screen.getByRole('button', { name: 'Next video' }));
    expect(onNavigate).toHaveBeenLastCalledWith(third);
    fireEvent.click(screen.getByRole('button', { name: 'Previous video' }));
    expect(onNavigate).toHaveBeenLastCalledWith(first);
  });

  it('disables previous at the start and next at the end of the playlist', async () => {
    await open({ uid: first });
    expect(screen.getByRole('button', { name: 'Previous video' })).toHaveProperty('disabled', true);
    cleanup();
    await open({ uid: third });
    expect(screen.getByRole('button', { name: 'Next video' })).toHaveProperty('disabled', true);
  });

  it('moves on to the next video when one ends', async () => {
    const { video, onNavigate } = await open();
    fireEvent(video, new Event('ended'));
    expect(onNavigate).toHaveBeenCalledWith(third);
  });

  it('says so when the file is gone, with a way back', async () => {
    const { video, onBack } = await open();
    fireEvent(video, new Event('error'));
    expect(screen.getByText('This video is not on this device any more')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(onBack).toHaveBeenCalledOnce();
    key('Escape');
    expect(onBack).toHaveBeenCalledTimes(2);
  });

  it('shows the problem when the source cannot be found', async () => {
    const bridge = playerFakeBridge({
      'playback:source': () => fail('not_found', 'This video is not in the library.'),
    });
    const onBack = vi.fn();
    render(
      <PlayerView bridge={bridge} uid={first} playlist={[]} onNavigate={vi.fn()} onBack={onBack} />,
      withLanguage,
    );
    expect(await screen.findByText('This video is not in the library.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(onBack).toHaveBeenCalledOnce();
  });
});
