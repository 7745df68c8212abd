import { useEffect, useId, useState } from 'react';
import type { CatalogueCard } from '../../../main/contract/index';
import { useNames } from '../app/names';
import { useCall } from '../app/use-call';
import { useDebounced } from '../catalogue/use-debounced';
import { ProblemNotice } from '../ui/ProblemNotice';
import type { SettingsSectionProps } from './section-props';

function moved(list: readonly string[], from: number, to: number): string[] {
  const next = [...list];
  const [uid] = next.splice(from, 1);
  if (uid !== undefined) next.splice(to, 0, uid);
  return next;
}

/** Which saved videos the kiosk loops, in order. Each change is saved at once. */
export function KioskPlaylist(props: SettingsSectionProps) {
  const id = useId();
  const names = useNames();
  const { call, problem, clearProblem } = useCall(props.bridge);
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 150);
  const [saved, setSaved] = useState<CatalogueCard[]>([]);
  const playlist = props.settings.kioskPlaylist;

  useEffect(() => {
    let current = true;
    void call('catalogue:list', {
      filter: 'offline',
      sort: 'name',
      limit: 200,
      ...(search ? { search } : {}),
    }).then((page) => {
      if (!current || !page) return;
      names.remember(page.items);
      setSaved(page.items);
    });
    return () => {
      current = false;
    };
  }, [call, names, search]);

  const update = (next: string[], sentence: string) =>
    void props.save({ kioskPlaylist: next }, sentence);
  const toggle = (uid: string, on: boolean) => {
    const name = names.nameOf(uid);
    if (on) update([...playlist, uid], `${name} added to the kiosk playlist.`);
    else
      update(
        playlist.filter((u) => u !== uid),
        `${name} removed from the kiosk playlist.`,
      );
  };

  return (
    <div className="kiosk-playlist">
      <h3 id={`${id}-order`}>Playlist ({playlist.length})</h3>
      {playlist.length === 0 ? (
        <p className="field-help">Empty: the kiosk plays every saved video.</p>
      ) : (
        <ol className="playlist" aria-labelledby={`${id}-order`}>
          {playlist.map((uid, index) => {
            const name = names.nameOf(uid);
            return (
              <li key={uid}>
                <span className="playlist-name">{name}</span>
                <span className="button-row">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Move ${name} up`}
                    disabled={index === 0}
                    onClick={() => update(moved(playlist, index, index - 1), `${name} moved up.`)}
                  >
                    Up
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Move ${name} down`}
                    disabled={index === playlist.length - 1}
                    onClick={() => update(moved(playlist, index, index + 1), `${name} moved down.`)}
                  >
                    Down
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Remove ${name} from the playlist`}
                    onClick={() => toggle(uid, false)}
                  >
                    Remove
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <fieldset className="choices saved-videos">
        <legend>Saved videos</legend>
        <input
          type="search"
          className="search"
          aria-label="Find saved videos"
          placeholder="Find saved videos"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {saved.length === 0 ? (
          <p className="field-help">
            {search ? 'No saved video matches.' : 'No videos are saved on this device yet.'}
          </p>
        ) : (
          <div className="choice-scroll">
            {saved.map((card) => (
              <label key={card.uid} className="choice">
                <input
                  type="checkbox"
                  checked={playlist.includes(card.uid)}
                  onChange={(e) => toggle(card.uid, e.target.checked)}
                />
                {card.name}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
    </div>
  );
}
