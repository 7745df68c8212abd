import { useEffect, useState } from 'react';
import { knownDuration } from './time';

export interface MediaState {
  paused: boolean;
  currentTime: number;
  duration: number;
  volume: number;
  muted: boolean;
  rate: number;
}

const initial: MediaState = {
  paused: true,
  currentTime: 0,
  duration: 0,
  volume: 1,
  muted: false,
  rate: 1,
};

const watched = [
  'play',
  'pause',
  'ended',
  'timeupdate',
  'seeking',
  'seeked',
  'durationchange',
  'loadedmetadata',
  'volumechange',
  'ratechange',
] as const;

function read(video: HTMLVideoElement): MediaState {
  return {
    paused: video.paused,
    currentTime: video.currentTime,
    duration: knownDuration(video),
    volume: video.volume,
    muted: video.muted,
    rate: video.playbackRate,
  };
}

/** What the controls show, read from the element itself whenever it reports a change. */
export function useMediaState(video: HTMLVideoElement | null): MediaState {
  const [state, setState] = useState(initial);
  useEffect(() => {
    if (!video) return;
    const update = () => setState(read(video));
    update();
    for (const name of watched) video.addEventListener(name, update);
    return () => {
      for (const name of watched) video.removeEventListener(name, update);
    };
  }, [video]);
  return state;
}
