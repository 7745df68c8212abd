import { useEffect } from 'react';
import type { OffstreamBridge } from '../../../main/contract/index';
import { knownDuration } from './time';

export const SAVE_EVERY_MS = 5_000;
/** A saved position this close to the end means "finished": start again from the top. */
export const FINISHED_WITHIN_SECONDS = 5;

/** Where to start: the saved position, unless there is none or the video was all but finished. */
export function resumeAt(position: number | null, duration: number): number | null {
  if (position === null || position <= 0) return null;
  if (duration > 0 && position >= duration - FINISHED_WITHIN_SECONDS) return null;
  return position;
}

/** Seeks to the saved position once the file's duration is known. */
export function useRestorePosition(video: HTMLVideoElement | null, position: number | null) {
  useEffect(() => {
    if (!video) return;
    const restore = () => {
      const start = resumeAt(position, knownDuration(video));
      if (start !== null) video.currentTime = start;
    };
    if (video.readyState >= HTMLMediaElement.HAVE_METADATA) {
      restore();
      return;
    }
    video.addEventListener('loadedmetadata', restore, { once: true });
    return () => video.removeEventListener('loadedmetadata', restore);
  }, [video, position]);
}

/**
 * Stores the position every few seconds while playing, on pause, seek and end, when the page
 * goes away and when the player closes. Nothing is stored before the file's metadata arrived,
 * so a file that never loaded cannot overwrite a good saved position with 0.
 */
export function useSavePosition(
  bridge: OffstreamBridge,
  uid: string,
  video: HTMLVideoElement | null,
) {
  useEffect(() => {
    if (!video) return;
    let loaded = video.readyState >= HTMLMediaElement.HAVE_METADATA;
    let lastSaved = -1;
    let timer: ReturnType<typeof setInterval> | undefined;

    const save = () => {
      if (!loaded) return;
      const duration = knownDuration(video);
      const seconds = duration > 0 ? Math.min(video.currentTime, duration) : video.currentTime;
      if (seconds === lastSaved) return;
      lastSaved = seconds;
      void bridge.invoke('playback:save-position', { uid, seconds, duration });
    };
    const stopTimer = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const onLoaded = () => {
      loaded = true;
    };
    const onPlay = () => {
      stopTimer();
      timer = setInterval(save, SAVE_EVERY_MS);
    };
    const onStop = () => {
      stopTimer();
      save();
    };

    video.addEventListener('loadedmetadata', onLoaded);
    video.addEventListener('play', onPlay);
    video.addEventListener('pause', onStop);
    video.addEventListener('ended', onStop);
    video.addEventListener('seeked', save);
    window.addEventListener('pagehide', save);
    return () => {
      video.removeEventListener('loadedmetadata', onLoaded);
      video.removeEventListener('play', onPlay);
      video.removeEventListener('pause', onStop);
      video.removeEventListener('ended', onStop);
      video.removeEventListener('seeked', save);
      window.removeEventListener('pagehide', save);
      stopTimer();
      save();
    };
  }, [bridge, uid, video]);
}
