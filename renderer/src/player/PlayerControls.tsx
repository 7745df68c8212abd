import type { PlaybackSource } from '../../../main/contract/index';
import { CaptionsMenu } from './CaptionsMenu';
import { FullscreenIcon, NextIcon, PauseIcon, PlayIcon, PreviousIcon } from './icons';
import { formatTime } from './time';
import type { MediaState } from './use-media-state';

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;

interface Props {
  media: MediaState;
  captions: PlaybackSource['captions'];
  chosenCaption: number | null;
  fullscreen: boolean;
  hasPrevious: boolean;
  hasNext: boolean;
  onTogglePlay(): void;
  onSeek(seconds: number): void;
  onVolume(volume: number): void;
  onSpeed(rate: number): void;
  onChooseCaption(index: number | null): void;
  onPrevious(): void;
  onNext(): void;
  onFullscreen(): void;
}

/** The control bar: plain buttons, range inputs and a select, each with an accessible name. */
export function PlayerControls(props: Props) {
  const { media } = props;
  const position = `${formatTime(media.currentTime)} of ${formatTime(media.duration)}`;
  return (
    <div className="player-controls">
      <input
        type="range"
        className="player-seek"
        aria-label="Seek"
        min={0}
        max={media.duration || 0}
        step="any"
        value={Math.min(media.currentTime, media.duration || media.currentTime)}
        aria-valuenow={Math.floor(media.currentTime)}
        aria-valuetext={position}
        disabled={media.duration === 0}
        onChange={(event) => props.onSeek(Number(event.currentTarget.value))}
      />
      <div className="player-row">
        <button
          type="button"
          className="player-button"
          aria-label="Previous video"
          title="Previous video"
          disabled={!props.hasPrevious}
          onClick={props.onPrevious}
        >
          <PreviousIcon />
        </button>
        <button
          type="button"
          className="player-button player-play"
          aria-label={media.paused ? 'Play' : 'Pause'}
          title={media.paused ? 'Play (space)' : 'Pause (space)'}
          onClick={props.onTogglePlay}
        >
          {media.paused ? <PlayIcon /> : <PauseIcon />}
        </button>
        <button
          type="button"
          className="player-button"
          aria-label="Next video"
          title="Next video"
          disabled={!props.hasNext}
          onClick={props.onNext}
        >
          <NextIcon />
        </button>
        <span className="player-time" aria-hidden="true">
          {formatTime(media.currentTime)} / {formatTime(media.duration)}
        </span>
        <span className="player-spacer" />
        <input
          type="range"
          className="player-volume"
          aria-label="Volume"
          min={0}
          max={1}
          step={0.05}
          value={media.muted ? 0 : media.volume}
          aria-valuetext={`${Math.round((media.muted ? 0 : media.volume) * 100)}%`}
          onChange={(event) => props.onVolume(Number(event.currentTarget.value))}
        />
        <select
          className="player-speed"
          aria-label="Playback speed"
          value={String(media.rate)}
          onChange={(event) => props.onSpeed(Number(event.currentTarget.value))}
        >
          {SPEEDS.map((speed) => (
            <option key={speed} value={String(speed)}>
              {speed}×
            </option>
          ))}
        </select>
        <CaptionsMenu
          captions={props.captions}
          chosen={props.chosenCaption}
          onChoose={props.onChooseCaption}
        />
        <button
          type="button"
          className="player-button"
          aria-label="Full screen"
          title="Full screen (f)"
          aria-pressed={props.fullscreen}
          onClick={props.onFullscreen}
        >
          <FullscreenIcon />
        </button>
      </div>
    </div>
  );
}
