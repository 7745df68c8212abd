import { useEffect, useRef } from 'react';
import type { OffstreamBridge, PlaybackSource } from '../../../main/contract/index';
import { STALL_MS, StallWatch } from './stall-watch';

interface Props {
  bridge: OffstreamBridge;
  source: PlaybackSource;
  /** Already fell back to muted once: browsers will not allow sound again without a gesture. */
  muted: boolean;
  onMutedFallback(): void;
  onPlaying(): void;
  onEnded(): void;
  onFailed(): void;
  /** The video stood still for `stallMs` while it should have played, at `seconds`. */
  onStalled(seconds: number): void;
  stallMs?: number;
}

/**
 * One video of the loop. Starts with sound; if the autoplay policy refuses that, starts muted
 * (always allowed) and tells the loop so the next videos start muted straight away.
 */
export function KioskVideo({ bridge, source, muted, stallMs = STALL_MS, ...on }: Props) {
  const ref = useRef<HTMLVideoElement>(null);
  const watch = useRef<StallWatch | null>(null);
  const stalled = useRef(on.onStalled);
  stalled.current = on.onStalled;

  useEffect(() => {
    const stall = new StallWatch(stallMs, (seconds) => stalled.current(seconds));
    watch.current = stall;
    return () => stall.stop();
  }, [stallMs]);
  const startMuted = useRef(muted);
  const fallback = useRef(on.onMutedFallback);
  fallback.current = on.onMutedFallback;

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.muted = startMuted.current;
    video.play().catch((error: unknown) => {
      if (!(error instanceof DOMException) || error.name !== 'NotAllowedError' || video.muted) {
        return;
      }
      video.muted = true;
      fallback.current();
      video.play().catch(() => undefined);
    });
  }, []);

  return (
    // biome-ignore lint/a11y/useMediaCaption: the tracks are the video's own captions, mapped below; some videos have none
    <video
      ref={ref}
      className="kiosk-video"
      src={bridge.mediaUrl(source.video)}
      preload="auto"
      crossOrigin="anonymous"
      playsInline
      onPlaying={() => {
        watch.current?.resume();
        on.onPlaying();
      }}
      onTimeUpdate={(event) => watch.current?.progress(event.currentTarget.currentTime)}
      onPause={() => watch.current?.hold()}
      onEnded={() => {
        watch.current?.stop();
        on.onEnded();
      }}
      onError={(event) => {
        if (event.target === event.currentTarget) on.onFailed();
      }}
    >
      {source.captions.map((caption, index) => (
        <track
          key={caption.track}
          kind="subtitles"
          src={bridge.mediaUrl(caption.track)}
          srcLang={caption.language}
          label={caption.label}
          default={index === 0}
        />
      ))}
    </video>
  );
}
