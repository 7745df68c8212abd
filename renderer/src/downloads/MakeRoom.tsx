import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { OffstreamBridge, ResultOf } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import { type Translate, useT } from '../i18n/use-t';
import { formatBytes, formatDate } from '../ui/format';
import { ProblemNotice } from '../ui/ProblemNotice';

type Order = 'largest' | 'oldest-watched';

function watched(
  video: ResultOf<'storage:room'>['candidates'][number],
  locale: string,
  t: Translate,
): string {
  if (video.finishedAt !== null)
    return t('room.finished', {
      date: formatDate(new Date(video.finishedAt).toISOString(), locale),
    });
  if (video.lastWatchedAt !== null)
    return t('room.lastPlayed', {
      date: formatDate(new Date(video.lastWatchedAt).toISOString(), locale),
    });
  return t('room.notPlayed');
}

/**
 * "Make room": the library's storage lines, what waiting downloads need, and the saved videos
 * that may go with what each takes on disk. Kiosk playlist videos are never offered.
 */
export function MakeRoom(props: { bridge: OffstreamBridge; refreshKey: number }) {
  const { call, problem, clearProblem } = useCall(props.bridge);
  const announce = useAnnounce();
  const { locale } = useIntl();
  const t = useT();
  const [order, setOrder] = useState<Order>('largest');
  const [offer, setOffer] = useState<ResultOf<'storage:room'> | null>(null);

  const load = useCallback(async () => {
    const next = await call('storage:room', { order });
    if (next) setOffer(next);
  }, [call, order]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey asks for a reload
  useEffect(() => {
    void load();
  }, [load, props.refreshKey]);

  const remove = async (uid: string, name: string) => {
    const done = await call('library:remove', { uid });
    if (!done) return;
    announce(t('room.removed', { name }));
    await load();
  };

  if (!offer) return null;
  return (
    <section className="panel make-room" aria-labelledby="make-room-title">
      <h2 id="make-room-title">{t('room.title')}</h2>
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
      <p>
        {offer.libraryLimitBytes === null
          ? t('room.noLimit')
          : t('room.limit', { size: formatBytes(offer.libraryLimitBytes, locale) })}{' '}
        {t('room.floor', { size: formatBytes(offer.freeSpaceFloorBytes, locale) })}
      </p>
      {offer.neededBytes > 0 ? (
        <p role="status">{t('room.waiting', { size: formatBytes(offer.neededBytes, locale) })}</p>
      ) : null}
      <div className="field">
        <label htmlFor="make-room-order">{t('room.order')}</label>
        <select
          id="make-room-order"
          value={order}
          onChange={(e) => setOrder(e.target.value as Order)}
        >
          <option value="largest">{t('room.orderLargest')}</option>
          <option value="oldest-watched">{t('room.orderOldestWatched')}</option>
        </select>
      </div>
      {offer.candidates.length === 0 ? (
        <p className="muted">{t('room.none')}</p>
      ) : (
        <ul className="room-list" aria-label={t('room.list')}>
          {offer.candidates.map((video) => (
            <li key={video.uid} className="room-item">
              <span className="room-name" translate="no">
                {video.name}
              </span>
              <span className="room-size" translate="no">
                {formatBytes(video.diskBytes, locale)}
              </span>
              <span className="muted">{watched(video, locale, t)}</span>
              <button
                type="button"
                className="button button-small"
                onClick={() => void remove(video.uid, video.name)}
                aria-label={t('room.removeLabel', { name: video.name })}
              >
                {t('room.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
