import { useEffect, useId, useState } from 'react';
import type { CatalogueCard } from '../../../main/contract/index';
import { useNames } from '../app/names';
import { useCall } from '../app/use-call';
import { useDebounced } from '../catalogue/use-debounced';
import { useT } from '../i18n/use-t';
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
  const t = useT();
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
    const name = names.nameOf(uid, t);
    if (on) update([...playlist, uid], t('playlist.added', { name }));
    else
      update(
        playlist.filter((u) => u !== uid),
        t('playlist.removed', { name }),
      );
  };

  return (
    <div className="kiosk-playlist">
      <h3 id={`${id}-order`}>{t('playlist.title', { count: playlist.length })}</h3>
      {playlist.length === 0 ? (
        <p className="field-help">{t('playlist.empty')}</p>
      ) : (
        <ol className="playlist" aria-labelledby={`${id}-order`}>
          {playlist.map((uid, index) => {
            const name = names.nameOf(uid, t);
            return (
              <li key={uid}>
                <span className="playlist-name" translate="no">
                  {name}
                </span>
                <span className="button-row">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={t('playlist.moveUpLabel', { name })}
                    disabled={index === 0}
                    onClick={() =>
                      update(moved(playlist, index, index - 1), t('playlist.movedUp', { name }))
                    }
                  >
                    {t('playlist.up')}
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={t('playlist.moveDownLabel', { name })}
                    disabled={index === playlist.length - 1}
                    onClick={() =>
                      update(moved(playlist, index, index + 1), t('playlist.movedDown', { name }))
                    }
                  >
                    {t('playlist.down')}
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={t('playlist.removeLabel', { name })}
                    onClick={() => toggle(uid, false)}
                  >
                    {t('playlist.remove')}
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <fieldset className="choices saved-videos">
        <legend>{t('playlist.saved')}</legend>
        <input
          type="search"
          className="search"
          aria-label={t('playlist.find')}
          placeholder={t('playlist.find')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {saved.length === 0 ? (
          <p className="field-help">{search ? t('playlist.noMatch') : t('playlist.noneSaved')}</p>
        ) : (
          <div className="choice-scroll">
            {saved.map((card) => (
              <label key={card.uid} className="choice">
                <input
                  type="checkbox"
                  checked={playlist.includes(card.uid)}
                  onChange={(e) => toggle(card.uid, e.target.checked)}
                />
                <span translate="no">{card.name}</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
    </div>
  );
}
