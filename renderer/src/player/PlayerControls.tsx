import { useIntl } from 'react-intl';
import type { PlaybackSource } from '../../../main/contract/index';
import { useT } from '../i18n/use-t';
import { formatPercent } from '../ui/format';
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
  const t = useT();
  const { locale } = useIntl();
  const position = t('player.position', {
    current: formatTime(media.currentTime),
    total: formatTime(media.duration),
  });
  // Media controls stay left-to-right in every language, as in YouTube and Material's
  // bidirectionality guidance: the timeline is a tape, not reading order (README: Languages).
  return (
    <div className="player-controls" dir="ltr">
      <input
        type="range"
        className="player-seek"
        aria-label={t('player.seek')}
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
          aria-label={t('player.previous')}
          title={t('player.previous')}
          disabled={!props.hasPrevious}
          onClick={props.onPrevious}
        >
          <PreviousIcon />
        </button>
        <button
          type="button"
          className="player-button player-play"
          aria-label={media.paused ? t('action.play') : t('action.pause')}
          title={media.paused ? t('player.playTitle') : t('player.pauseTitle')}
          onClick={props.onTogglePlay}
        >
          {media.paused ? <PlayIcon /> : <PauseIcon />}
        </button>
        <button
          type="button"
          className="player-button"
          aria-label={t('player.next')}
          title={t('player.next')}
          disabled={!props.hasNext}
          onClick={props.onNext}
        >
          <NextIcon />
        </button>
        <span className="player-time" aria-hidden="true" translate="no">
          {formatTime(media.currentTime)} / {formatTime(media.duration)}
        </span>
        <span className="player-spacer" />
        <input
          type="range"
          className="player-volume"
          aria-label={t('player.volume')}
          min={0}
          max={1}
          step={0.05}
          value={media.muted ? 0 : media.volume}
          aria-valuetext={formatPercent((media.muted ? 0 : media.volume) * 100, locale)}
          onChange={(event) => props.onVolume(Number(event.currentTarget.value))}
        />
        <select
          className="player-speed"
          aria-label={t('player.speed')}
          value={String(media.rate)}
          onChange={(event) => props.onSpeed(Number(event.currentTarget.value))}
        >
          {SPEEDS.map((speed) => (
            <option key={speed} value={String(speed)}>
              {t('player.speedValue', { speed })}
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
          aria-label={t('player.fullscreen')}
          title={t('player.fullscreenTitle')}
          aria-pressed={props.fullscreen}
          onClick={props.onFullscreen}
        >
          <FullscreenIcon />
        </button>
      </div>
    </div>
  );
}
