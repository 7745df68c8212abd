// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KioskNow, Settings } from '../../main/contract/index';
import { KioskView } from '../../renderer/src/kiosk/KioskView';
import { formatLeft } from '../../renderer/src/kiosk/OutsideSchedule';
import { STALL_MS } from '../../renderer/src/kiosk/stall-watch';
import { makeSettings } from './fake-bridge';
import {
  currentVideo,
  type FakeHandlers,
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

function bridgeWith(nowAnswers: KioskNow[], overrides: FakeHandlers = {}) {
  let answered = 0;
  return playerFakeBridge({
    'settings:get': () => ok<Settings>(makeSettings({ kioskPlaylist: [a, b], kioskPinSet: true })),
    'kiosk:now': () => {
      const answer = nowAnswers[Math.min(answered, nowAnswers.length - 1)] as KioskNow;
      answered += 1;
      return ok(answer);
    },
    'playback:source': ({ uid }) => ok(source(uid)),
    'kiosk:video-stalled': () => ok({ done: true as const }),
    ...overrides,
  });
}

const play = (playlist: string[], changeInMs: number | null = null): KioskNow => ({
  show: 'play',
  playlist,
  now: 0,
  changeInMs,
});

/** Moves the video on screen to `seconds`, as a playing browser would. */
function advanceVideo(seconds: number) {
  const video = currentVideo();
  Object.defineProperty(video, 'currentTime', { configurable: true, value: seconds });
  fireEvent(video, new Event('timeupdate'));
}

withFakeTimersAndMedia();

describe('the kiosk skips a video that stands still', () => {
  it('records why and moves to the next item after STALL_MS without progress', async () => {
    const bridge = bridgeWith([play([a, b])]);
    render(<KioskView bridge={bridge} onExit={() => {}} />, withLanguage);
    await settle();
    expect(playingSrc()).toBe(`/media/${a}.default`);
    advanceVideo(1.5);
    await settle(STALL_MS - 100);
    expect(bridge.callsTo('kiosk:video-stalled')).toEqual([]);
    await settle(200);
    expect(bridge.callsTo('kiosk:video-stalled')).toEqual([{ uid: a, seconds: 1.5 }]);
    await settle(2_000);
    expect(playingSrc()).toBe(`/media/${b}.default`);
  });

  it('leaves a video that keeps advancing alone (the check can fail)', async () => {
    const bridge = bridgeWith([play([a, b])]);
    render(<KioskView bridge={bridge} onExit={() => {}} />, withLanguage);
    await settle();
    for (let second = 1; second <= 5; second += 1) {
      advanceVideo(second * 4);
      await settle(STALL_MS / 2);
    }
    expect(bridge.callsTo('kiosk:video-stalled')).toEqual([]);
    expect(playingSrc()).toBe(`/media/${a}.default`);
  });

  it('does not count a paused video as stalled', async () => {
    const bridge = bridgeWith([play([a, b])]);
    render(<KioskView bridge={bridge} onExit={() => {}} />, withLanguage);
    await settle();
    fireEvent(document.querySelector('video') as HTMLVideoElement, new Event('pause'));
    await settle(STALL_MS * 3);
    expect(bridge.callsTo('kiosk:video-stalled')).toEqual([]);
  });
});

describe('the kiosk follows its schedule', () => {
  it('counts down outside a window and plays the window’s list when it opens, asking only at the edge', async () => {
    const bridge = bridgeWith([
      { show: 'countdown', still: null, nextStart: 65_000, now: 0, changeInMs: 65_000 },
      play([b], 3_600_000),
    ]);
    render(<KioskView bridge={bridge} onExit={() => {}} />, withLanguage);
    await settle();
    expect(screen.getByRole('timer').textContent).toBe('Next showing in 1:05');
    expect(document.querySelector('video')).toBeNull();
    await settle(5_000);
    expect(screen.getByRole('timer').textContent).toBe('Next showing in 1:00');
    // Not polled: one question until the window's edge.
    await settle(59_000);
    expect(bridge.callsTo('kiosk:now')).toHaveLength(1);
    await settle(1_500);
    expect(bridge.callsTo('kiosk:now')).toHaveLength(2);
    expect(playingSrc()).toBe(`/media/${b}.default`);
    expect(screen.queryByRole('timer')).toBeNull();
  });

  it('plays on when it is asked again and the list is the same', async () => {
    // Asked again sooner than the stall watch would move on by itself.
    const bridge = bridgeWith([play([a, b], STALL_MS / 2)]);
    render(<KioskView bridge={bridge} onExit={() => {}} />, withLanguage);
    await settle();
    expect(playingSrc()).toBe(`/media/${a}.default`);
    fireEvent(currentVideo(), new Event('ended'));
    await settle();
    expect(playingSrc()).toBe(`/media/${b}.default`);
    await settle(STALL_MS / 2 + 500);
    expect(bridge.callsTo('kiosk:now')).toHaveLength(2);
    expect(playingSrc()).toBe(`/media/${b}.default`);
  });

  it('shows a still of a saved video, and black when none is chosen', async () => {
    render(
      <KioskView
        bridge={bridgeWith([
          { show: 'still', still: a, nextStart: null, now: 0, changeInMs: null },
        ])}
        onExit={() => {}}
      />,
      withLanguage,
    );
    await settle();
    expect(document.querySelector('.kiosk-still')?.getAttribute('src')).toBe(
      `/media/${a}.thumbnail`,
    );
    cleanup();
    render(
      <KioskView
        bridge={bridgeWith([{ show: 'black', still: null, nextStart: 10, now: 0, changeInMs: 10 }])}
        onExit={() => {}}
      />,
      withLanguage,
    );
    await settle();
    expect(document.querySelector('[data-show="black"]')).not.toBeNull();
    expect(screen.queryByText('Nothing to play')).toBeNull();
  });

  it('formats the time left', () => {
    expect(formatLeft(5_000)).toBe('0:05');
    expect(formatLeft(3_723_000)).toBe('1:02:03');
    expect(formatLeft(90_000_000)).toBe('1 d 1:00:00');
  });
});
