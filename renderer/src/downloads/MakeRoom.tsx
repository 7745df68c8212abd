import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { OffstreamBridge, ResultOf } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import { formatBytes, formatDate } from '../ui/format';
import { ProblemNotice } from '../ui/ProblemNotice';

type Order = 'largest' | 'oldest-watched';

function watched(video: ResultOf<'storage:room'>['candidates'][number], locale: string): string {
  if (video.finishedAt !== null)
    return `Watched to the end ${formatDate(new Date(video.finishedAt).toISOString(), locale)}`;
  if (video.lastWatchedAt !== null)
    return `Last played ${formatDate(new Date(video.lastWatchedAt).toISOString(), locale)}`;
  return 'Not played yet';
}

/**
 * "Make room": the library's storage lines, what waiting downloads need, and the saved videos
 * that may go with what each takes on disk. Kiosk playlist videos are never offered.
 */
export function MakeRoom(props: { bridge: OffstreamBridge; refreshKey: number }) {
  const { call, problem, clearProblem } = useCall(props.bridge);
  const announce = useAnnounce();
  const { locale } = useIntl();
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
    announce(`Removed ${name} from this device.`);
    await load();
  };

  if (!offer) return null;
  return (
    <section className="panel make-room" aria-labelledby="make-room-title">
      <h2 id="make-room-title">Make room</h2>
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
      <p>
        {offer.libraryLimitBytes === null
          ? 'The library has no size limit. '
          : `The library may take ${formatBytes(offer.libraryLimitBytes, locale)}. `}
        Downloads keep {formatBytes(offer.freeSpaceFloorBytes, locale)} free on the disk.
      </p>
      {offer.neededBytes > 0 ? (
        <p role="status">
          Downloads are waiting for room: remove {formatBytes(offer.neededBytes, locale)} or more
          and they continue by themselves.
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="make-room-order">Show first</label>
        <select
          id="make-room-order"
          value={order}
          onChange={(e) => setOrder(e.target.value as Order)}
        >
          <option value="largest">Largest</option>
          <option value="oldest-watched">Watched longest ago</option>
        </select>
      </div>
      {offer.candidates.length === 0 ? (
        <p className="muted">No saved video can be removed.</p>
      ) : (
        <ul className="room-list" aria-label="Saved videos">
          {offer.candidates.map((video) => (
            <li key={video.uid} className="room-item">
              <span className="room-name">{video.name}</span>
              <span className="room-size">{formatBytes(video.diskBytes, locale)}</span>
              <span className="muted">{watched(video, locale)}</span>
              <button
                type="button"
                className="button button-small"
                onClick={() => void remove(video.uid, video.name)}
                aria-label={`Remove ${video.name}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
