import { useRef, useState } from 'react';
import type { OffstreamBridge, PlaybackSource } from '../../../main/contract/index';
import type { MessageId } from '../i18n/catalogues';
import { useLocalizeProblem } from '../i18n/problem-text';
import { useT } from '../i18n/use-t';
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
const failureText: Record<'missing' | 'undecodable', { title: MessageId; detail: MessageId }> = {
  missing: { title: 'player.missingTitle', detail: 'player.missingDetail' },
  undecodable: { title: 'player.undecodableTitle', detail: 'player.undecodableDetail' },
};
const VOLUME_STEP = 0.1;

/** Offline playback of one saved video; a new uid starts a fresh session (state, saves). */
export function PlayerView(props: PlayerViewProps) {
  return <PlayerSession key={props.uid} {...props} />;
}

function PlayerSession({ bridge, uid, playlist, onNavigate, onBack }: PlayerViewProps) {
  const state = usePlaybackSource(bridge, uid);
  const t = useT();
  const localize = useLocalizeProblem();
  if (state.status === 'loading') {
    return (
      <div className="player player-message">
        <p role="status">{t('common.loading')}</p>
      </div>
    );
  }
  if (state.status === 'failed') {
    const problem = localize(state.problem);
    return <Unplayable title={problem.message} detail={problem.action} onBack={onBack} />;
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
  const t = useT();
  return (
    <div className="player player-message">
      <div role="alert">
        <h1>{props.title}</h1>
        {props.detail && <p>{props.detail}</p>}
      </div>
      <button type="button" className="player-text-button" onClick={props.onBack}>
        {t('player.back')}
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
  const t = useT();
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
    const text = failureText[failure];
    return <Unplayable title={t(text.title)} detail={t(text.detail)} onBack={onBack} />;
  }

  return (
    <div ref={container} className="player" data-idle={idle}>
      <header className="player-top">
        <button
          type="button"
          className="player-button"
          aria-label={t('player.back')}
          title={t('player.backTitle')}
          onClick={back}
        >
          <BackIcon />
        </button>
        <h1 className="player-title" translate="no">
          {source.name}
        </h1>
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
