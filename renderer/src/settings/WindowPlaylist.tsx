import { useId, useState } from 'react';
import type { KioskSchedule } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useNames } from '../app/names';
import type { SavedVideos } from '../app/saved-videos';
import { useT } from '../i18n/use-t';
import { PlaylistOrder } from './PlaylistOrder';

export type KioskWindow = KioskSchedule['windows'][number];

interface Props {
  window: KioskWindow;
  /** "Kiosk window 1": names the window in labels and announcements. */
  name: string;
  /** Every saved video, or null while they are read. */
  saved: SavedVideos | null;
  onChange(next: KioskWindow): void;
}

/** The window with its own list, or with none (it then plays the kiosk playlist). */
function withPlaylist(window: KioskWindow, playlist: string[] | undefined): KioskWindow {
  const { playlist: _old, ...times } = window;
  return playlist === undefined ? times : { ...times, playlist };
}

/** What a kiosk window plays: the kiosk playlist, or its own list of saved videos in order. */
export function WindowPlaylist({ window, name, saved, onChange }: Props) {
  const id = useId();
  const t = useT();
  const own = window.playlist;
  return (
    <fieldset className="choices window-playlist">
      <legend>{t('windowList.plays', { name })}</legend>
      <label className="choice">
        <input
          type="radio"
          name={`${id}-plays`}
          checked={own === undefined}
          onChange={() => onChange(withPlaylist(window, undefined))}
        />
        {t('windowList.kiosk')}
      </label>
      <label className="choice">
        <input
          type="radio"
          name={`${id}-plays`}
          checked={own !== undefined}
          onChange={() => onChange(withPlaylist(window, []))}
        />
        {t('windowList.own')}
      </label>
      {own !== undefined && (
        <OwnList
          name={name}
          playlist={own}
          saved={saved}
          onChange={(next) => onChange(withPlaylist(window, next))}
        />
      )}
    </fieldset>
  );
}

interface OwnListProps {
  name: string;
  playlist: string[];
  saved: SavedVideos | null;
  onChange(next: string[]): void;
}

/** A window's own list in play order, and the saved videos that can join it. */
function OwnList({ name, playlist, saved, onChange }: OwnListProps) {
  const id = useId();
  const t = useT();
  const names = useNames();
  const announce = useAnnounce();
  // Only the whole list of saved videos can tell that one is gone.
  const present = saved?.complete ? new Set(saved.videos.map((video) => video.uid)) : null;
  const isMissing = (uid: string) => present !== null && !present.has(uid);
  const remove = (index: number) => {
    const video = names.nameOf(playlist[index] ?? '', t);
    onChange(playlist.filter((_, i) => i !== index));
    announce(t('windowList.removed', { video, name }));
  };
  return (
    <div className="window-list">
      <h4 id={`${id}-order`}>{t('windowList.order', { count: playlist.length })}</h4>
      {playlist.length === 0 ? (
        <p className="field-help">{t('windowList.empty')}</p>
      ) : (
        <PlaylistOrder
          playlist={playlist}
          labelledBy={`${id}-order`}
          onMove={(next, sentence) => {
            onChange(next);
            announce(sentence);
          }}
          onRemove={remove}
          isMissing={isMissing}
        />
      )}
      {playlist.some(isMissing) && <p className="field-help">{t('windowList.missingHelp')}</p>}
      <AddSaved
        name={name}
        saved={saved}
        playlist={playlist}
        onAdd={(uid) => onChange([...playlist, uid])}
      />
    </div>
  );
}

interface AddSavedProps {
  name: string;
  saved: SavedVideos | null;
  playlist: string[];
  onAdd(uid: string): void;
}

/** A choice of the saved videos not in the list yet, and Add. */
function AddSaved({ name, saved, playlist, onAdd }: AddSavedProps) {
  const id = useId();
  const t = useT();
  const announce = useAnnounce();
  const [choice, setChoice] = useState('');
  if (saved === null) return null;
  // None read because the catalogue failed: its problem is shown above the schedule.
  if (saved.videos.length === 0) {
    return saved.complete ? <p className="field-help">{t('playlist.noneSaved')}</p> : null;
  }
  const addable = saved.videos.filter((video) => !playlist.includes(video.uid));
  if (addable.length === 0) return <p className="field-help">{t('windowList.allAdded')}</p>;
  const add = () => {
    const video = addable.find((v) => v.uid === choice);
    if (!video) return;
    onAdd(video.uid);
    setChoice('');
    announce(t('windowList.added', { video: video.name, name }));
  };
  return (
    <div className="input-row">
      <label htmlFor={`${id}-add`}>{t('windowList.addVideo')}</label>
      <select id={`${id}-add`} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">{t('windowList.choose')}</option>
        {addable.map((video) => (
          <option key={video.uid} value={video.uid} translate="no">
            {video.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        aria-label={t('windowList.addLabel', { name })}
        disabled={!choice}
        onClick={add}
      >
        {t('windowList.add')}
      </button>
    </div>
  );
}
