import { useCallback, useEffect, useState } from 'react';
import type { PlaybackSource } from '../../../main/contract/index';

type Caption = PlaybackSource['captions'][number];
const preferenceKey = 'offstream.captions';

function preferredLanguage(): string | null {
  try {
    return window.localStorage.getItem(preferenceKey);
  } catch {
    return null;
  }
}

function rememberLanguage(language: string | null) {
  try {
    if (language === null) window.localStorage.removeItem(preferenceKey);
    else window.localStorage.setItem(preferenceKey, language);
  } catch {
    // Storage may be unavailable (private mode, policy); the choice then lasts for this video.
  }
}

/** Index of the caption to start with: the language chosen last time, if this video has it. */
function initialChoice(captions: readonly Caption[]): number | null {
  const language = preferredLanguage();
  if (language === null) return null;
  const index = captions.findIndex((caption) => caption.language === language);
  return index >= 0 ? index : null;
}

/**
 * Which caption track shows (index into `captions`, or null for off). The <track> elements are
 * rendered in the same order, so the element's TextTrackList lines up index for index.
 */
export function useCaptions(video: HTMLVideoElement | null, captions: readonly Caption[]) {
  const [chosen, setChosen] = useState<number | null>(() => initialChoice(captions));

  useEffect(() => {
    if (!video) return;
    const apply = () => {
      const tracks = video.textTracks;
      for (let i = 0; i < tracks.length; i++) {
        const track = tracks[i];
        if (track) track.mode = i === chosen ? 'showing' : 'disabled';
      }
    };
    apply();
    // Tracks can appear after the first render; keep them in line with the choice.
    video.textTracks.addEventListener?.('addtrack', apply);
    return () => video.textTracks.removeEventListener?.('addtrack', apply);
  }, [video, chosen]);

  const choose = useCallback(
    (index: number | null) => {
      setChosen(index);
      rememberLanguage(index === null ? null : (captions[index]?.language ?? null));
    },
    [captions],
  );

  const cycle = useCallback(() => {
    if (captions.length === 0) return;
    const next = chosen === null ? 0 : chosen + 1;
    choose(next < captions.length ? next : null);
  }, [captions.length, chosen, choose]);

  return { chosen, choose, cycle };
}
