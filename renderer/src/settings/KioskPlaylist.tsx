import { useEffect, useId, useState } from 'react';
import type { CatalogueCard } from '../../../main/contract/index';
import { useNames } from '../app/names';
import { useCall } from '../app/use-call';
import { useDebounced } from '../catalogue/use-debounced';
import { useT } from '../i18n/use-t';
import { ProblemNotice } from '../ui/ProblemNotice';
import { isManaged, ManagedNote } from './Managed';
import { PlaylistOrder } from './PlaylistOrder';
import type { SettingsSectionProps } from './section-props';

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
      <ManagedNote settings={props.settings} name="kioskPlaylist" />
      {/* A playlist IT's policy sets is shown in its order and cannot be changed here. */}
      <fieldset className="plain" disabled={isManaged(props.settings, 'kioskPlaylist')}>
        {playlist.length === 0 ? (
          <p className="field-help">{t('playlist.empty')}</p>
        ) : (
          <PlaylistOrder
            playlist={playlist}
            labelledBy={`${id}-order`}
            onMove={update}
            onRemove={(index) => toggle(playlist[index] ?? '', false)}
          />
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
      </fieldset>
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
    </div>
  );
}
