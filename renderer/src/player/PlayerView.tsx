import { useRef, useState } from 'react';
import type { OffstreamBridge, PlaybackSource } from '../../../main/contract/index';
import { BackIcon } from './icons';
import { PlayerControls } from './PlayerControls';
import { useCaptions } from './use-captions';
import { useFullscreen } from './use-fullscreen';
import { useIdle } from './use-idle';
import { useMediaState } from './use-media-state';
import { usePlaybackSource } from './use-playback-source';
import { useRestorePosition, useSavePosition } from './use-position';
import { useShortcuts } from './use-shortcuts';
import './player.css';

export interface PlayerViewProps {
  bridge: OffstreamBridge;
  uid: string;
  playlist: string[];
  onNavigate(uid: string): void;
  onBack(): void;
}

const SEEK_STEP = 5;
/** MediaError.MEDIA_ERR_DECODE, spelled out: not every environment defines MediaError. */
const MEDIA_ERR_DECODE = 3;
const failureText = {
  missing: {
    title: 'This video is not on this device any more',
    detail: 'Download it again from the catalogue to watch it.',
  },
  undecodable: {
    title: 'This video file could not be played',
    detail: 'The file may be damaged. Download it again from the catalogue.',
  },
};
const VOLUME_STEP = 0.1;

/** Offline playback of one saved video; a new uid starts a fresh session (state, saves). */
export function PlayerView(props: PlayerViewProps) {
  return <PlayerSession key={props.uid} {...props} />;
}

function PlayerSession({ bridge, uid, playlist, onNavigate, onBack }: PlayerViewProps) {
  const state = usePlaybackSource(bridge, uid);
  if (state.status === 'loading') {
    return (
      <div className="player player-message">
        <p role="status">Loading…</p>
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <Unplayable title={state.problem.message} detail={state.problem.action} onBack={onBack} />
    );
  }
  const index = playlist.indexOf(uid);
  const previous = index > 0 ? playlist[index - 1] : undefined;
  const next = index >= 0 ? playlist[index + 1] : undefined;
  return (
    <Player
      bridge={bridge}
      uid={uid}
      source={state.source}
      onPrevious={previous === undefined ? undefined : () => onNavigate(previous)}
      onNext={next === undefined ? undefined : () => onNavigate(next)}
      onBack={onBack}
    />
  );
}

function Unplayable(props: { title: string; detail?: string | undefined; onBack(): void }) {
  useShortcuts({ Escape: props.onBack });
  return (
    <div className="player player-message">
      <div role="alert">
        <h1>{props.title}</h1>
        {props.detail && <p>{props.detail}</p>}
      </div>
      <button type="button" className="player-text-button" onClick={props.onBack}>
        Back
      </button>
    </div>
  );
}

interface PlayerProps {
  bridge: OffstreamBridge;
  uid: string;
  source: PlaybackSource;
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
  onBack(): void;
}

function Player({ bridge, uid, source, onPrevious, onNext, onBack }: PlayerProps) {
  const container = useRef<HTMLDivElement>(null);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [failure, setFailure] = useState<'missing' | 'undecodable' | null>(null);
  const media = useMediaState(video);
  const captions = useCaptions(video, source.captions);
  const fullscreen = useFullscreen(container);
  const idle = useIdle(container, !media.paused);
  useRestorePosition(video, source.position);
  useSavePosition(bridge, uid, video);

  const togglePlay = () => {
    if (!video) return;
    if (video.paused) video.play().catch(() => undefined);
    else video.pause();
  };
  const seekTo = (seconds: number) => {
    if (!video) return;
    const end = media.duration || Number.POSITIVE_INFINITY;
    video.currentTime = Math.max(0, Math.min(seconds, end));
  };
  const setVolume = (volume: number) => {
    if (!video) return;
    video.volume = Math.max(0, Math.min(1, Math.round(volume * 100) / 100));
    video.muted = video.volume === 0;
  };
  const setSpeed = (rate: number) => {
    if (video) video.playbackRate = rate;
  };
  const back = () => {
    if (!fullscreen.exit()) onBack();
  };
  const seekBack = () => seekTo((video?.currentTime ?? 0) - SEEK_STEP);
  const seekAhead = () => seekTo((video?.currentTime ?? 0) + SEEK_STEP);
  const louder = () => setVolume((video?.volume ?? 1) + VOLUME_STEP);
  const quieter = () => setVolume((video?.volume ?? 1) - VOLUME_STEP);

  // The failure screen brings its own Esc; nothing else applies to a video that cannot play.
  useShortcuts(
    failure
      ? {}
      : {
          ' ': togglePlay,
          k: togglePlay,
          ArrowLeft: seekBack,
          ArrowRight: seekAhead,
          ArrowUp: louder,
          ArrowDown: quieter,
          f: fullscreen.toggle,
          c: captions.cycle,
          N: onNext,
          P: onPrevious,
          Escape: back,
        },
  );

  if (failure) {
    return <Unplayable {...failureText[failure]} onBack={onBack} />;
  }

  return (
    <div ref={container} className="player" data-idle={idle}>
      <header className="player-top">
        <button
          type="button"
          className="player-button"
          aria-label="Back"
          title="Back (Esc)"
          onClick={back}
        >
          <BackIcon />
        </button>
        <h1 className="player-title">{source.name}</h1>
      </header>
      {/* biome-ignore lint/a11y/useMediaCaption: the tracks are the video's own captions, mapped below; some videos have none */}
      <video
        ref={setVideo}
        className="player-video"
        src={bridge.mediaUrl(source.video)}
        preload="metadata"
        crossOrigin="anonymous"
        playsInline
        autoPlay
        onClick={togglePlay}
        onDoubleClick={fullscreen.toggle}
        onError={(event) => {
          // Only the video's own failure counts; a broken caption file leaves playback alone.
          if (event.target !== event.currentTarget) return;
          const decode = event.currentTarget.error?.code === MEDIA_ERR_DECODE;
          setFailure(decode ? 'undecodable' : 'missing');
        }}
        onEnded={onNext}
      >
        {source.captions.map((caption) => (
          <track
            key={caption.track}
            kind="subtitles"
            src={bridge.mediaUrl(caption.track)}
            srcLang={caption.language}
            label={caption.label}
          />
        ))}
      </video>
      <PlayerControls
        media={media}
        captions={source.captions}
        chosenCaption={captions.chosen}
        fullscreen={fullscreen.active}
        hasPrevious={onPrevious !== undefined}
        hasNext={onNext !== undefined}
        onTogglePlay={togglePlay}
        onSeek={seekTo}
        onVolume={setVolume}
        onSpeed={setSpeed}
        onChooseCaption={captions.choose}
        onPrevious={() => onPrevious?.()}
        onNext={() => onNext?.()}
        onFullscreen={fullscreen.toggle}
      />
    </div>
  );
}
