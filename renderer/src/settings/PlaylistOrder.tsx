import { useNames } from '../app/names';
import { useT } from '../i18n/use-t';

/** `list` with the item at `from` taken out and put back at `to`. */
function moved(list: readonly string[], from: number, to: number): string[] {
  const next = [...list];
  const [uid] = next.splice(from, 1);
  if (uid !== undefined) next.splice(to, 0, uid);
  return next;
}

interface Props {
  playlist: readonly string[];
  /** The id of the heading that names the list. */
  labelledBy: string;
  /** The list in its new order, and the sentence that announces the move. */
  onMove(next: string[], sentence: string): void;
  onRemove(index: number): void;
  /** Whether a video of the list is no longer saved here; it is then marked as missing. */
  isMissing?(uid: string): boolean;
}

/** A playlist in play order, each video with Up, Down and Remove. */
export function PlaylistOrder({ playlist, labelledBy, onMove, onRemove, isMissing }: Props) {
  const names = useNames();
  const t = useT();
  // Keyed by video (and its repeat, should a list hold one twice) so focus follows a moved item.
  const seen = new Map<string, number>();
  return (
    <ol className="playlist" aria-labelledby={labelledBy}>
      {playlist.map((uid, index) => {
        const repeat = seen.get(uid) ?? 0;
        seen.set(uid, repeat + 1);
        const name = names.nameOf(uid, t);
        const missing = isMissing?.(uid) ?? false;
        return (
          <li key={`${uid}-${repeat}`} className={missing ? 'playlist-missing' : undefined}>
            <span className="playlist-name" translate="no">
              {name}
            </span>
            {missing ? <span className="badge badge-bad">{t('playlist.missing')}</span> : null}
            <span className="button-row">
              <button
                type="button"
                className="button button-small"
                aria-label={t('playlist.moveUpLabel', { name })}
                disabled={index === 0}
                onClick={() =>
                  onMove(moved(playlist, index, index - 1), t('playlist.movedUp', { name }))
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
                  onMove(moved(playlist, index, index + 1), t('playlist.movedDown', { name }))
                }
              >
                {t('playlist.down')}
              </button>
              <button
                type="button"
                className="button button-small"
                aria-label={t('playlist.removeLabel', { name })}
                onClick={() => onRemove(index)}
              >
                {t('playlist.remove')}
              </button>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
