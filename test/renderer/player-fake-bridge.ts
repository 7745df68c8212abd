import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import type {
  ArgsOf,
  Channel,
  OffstreamBridge,
  Outcome,
  PlaybackSource,
  ResultOf,
} from '../../main/contract/index';

export type FakeHandlers = { [C in Channel]?: (args: ArgsOf<C>) => Outcome<ResultOf<C>> };

export interface FakeCall {
  channel: Channel;
  args: unknown;
}

export interface PlayerFakeBridge extends OffstreamBridge {
  calls: FakeCall[];
  callsTo(channel: Channel): unknown[];
}

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = (code: string, message: string): Outcome<never> => ({
  ok: false,
  error: { code, message },
});

/** A bridge that answers from the given handlers and records every call it was asked. */
export function playerFakeBridge(handlers: FakeHandlers): PlayerFakeBridge {
  const calls: FakeCall[] = [];
  return {
    transport: 'http',
    calls,
    callsTo: (channel) => calls.filter((call) => call.channel === channel).map((c) => c.args),
    async invoke<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<Outcome<ResultOf<C>>> {
      calls.push({ channel, args });
      const handler = handlers[channel] as ((a: ArgsOf<C>) => Outcome<ResultOf<C>>) | undefined;
      return handler ? handler(args) : fail('not_faked', `${channel} is not faked`);
    },
    on: () => () => undefined,
    mediaUrl: (id) => `/media/${id}`,
  };
}

/** jsdom has no media playback: play/pause flip `paused` and fire the events a browser would. */
export function stubMediaPlayback() {
  const paused = new WeakMap<HTMLMediaElement, boolean>();
  const proto = HTMLMediaElement.prototype;
  const saved = {
    play: Object.getOwnPropertyDescriptor(proto, 'play'),
    pause: Object.getOwnPropertyDescriptor(proto, 'pause'),
    paused: Object.getOwnPropertyDescriptor(proto, 'paused'),
    load: Object.getOwnPropertyDescriptor(proto, 'load'),
  };
  const play = async function (this: HTMLMediaElement) {
    paused.set(this, false);
    this.dispatchEvent(new Event('play'));
  };
  Object.defineProperty(proto, 'play', { configurable: true, writable: true, value: play });
  Object.defineProperty(proto, 'pause', {
    configurable: true,
    writable: true,
    value(this: HTMLMediaElement) {
      paused.set(this, true);
      this.dispatchEvent(new Event('pause'));
    },
  });
  Object.defineProperty(proto, 'paused', {
    configurable: true,
    get(this: HTMLMediaElement) {
      return paused.get(this) ?? true;
    },
  });
  Object.defineProperty(proto, 'load', { configurable: true, writable: true, value() {} });
  return () => {
    for (const [name, descriptor] of Object.entries(saved)) {
      if (descriptor) Object.defineProperty(proto, name, descriptor);
    }
  };
}

/** Gives a jsdom video the metadata a real file would report, then announces it. */
export function loadMetadata(video: HTMLVideoElement, duration: number) {
  Object.defineProperty(video, 'duration', { configurable: true, value: duration });
  video.dispatchEvent(new Event('durationchange'));
  video.dispatchEvent(new Event('loadedmetadata'));
}

/** What playback:source answers for `uid`: its default rendition, no captions, no position. */
export function source(uid: string): PlaybackSource {
  return { video: `${uid}.default`, captions: [], position: null, name: uid };
}

/** Lets the fake bridge's promises resolve and React commit what they caused. */
export async function settle(ms = 0) {
  let left = ms;
  do {
    const step = Math.min(left, 500);
    left -= step;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(step);
      for (let i = 0; i < 20; i++) await Promise.resolve();
    });
  } while (left > 0);
}

/** The src of the video on screen, or null when there is none. */
export const playingSrc = () => document.querySelector('video')?.getAttribute('src') ?? null;

/** The video on screen; a test that needs one fails plainly without it. */
export function currentVideo(): HTMLVideoElement {
  const video = document.querySelector('video');
  if (!video) throw new Error('no video on screen');
  return video;
}

/** For a suite of the kiosk: fake timers and stubbed media playback around every test. */
export function withFakeTimersAndMedia(): void {
  let restoreMedia: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    restoreMedia = stubMediaPlayback();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    restoreMedia();
  });
}
