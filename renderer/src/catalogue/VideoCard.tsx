import { memo } from 'react';
import { useIntl } from 'react-intl';
import type { CatalogueCard } from '../../../main/contract/index';
import { useT } from '../i18n/use-t';
import { formatBytes, formatDate, formatDuration } from '../ui/format';
import { ProgressBar } from '../ui/ProgressBar';
import { type CardAction, type CardState, cardActionLabels } from './card-state';
import { Thumbnail } from './Thumbnail';

const primary: ReadonlySet<CardAction> = new Set(['Play', 'Download', 'Resume', 'Retry']);

/** One video: named by its title then its state, with the buttons its state allows. */
export const VideoCard = memo(function VideoCard(props: {
  card: CatalogueCard;
  state: CardState;
  thumbnailUrl: string | null;
  position: number;
  setSize: number;
  onAction(action: CardAction, card: CatalogueCard, state: CardState): void;
}) {
  const { card, state } = props;
  const t = useT();
  const { locale } = useIntl();
  const base = `card-${card.uid}`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: the item sits in a virtual row, not directly in a ul
    <div
      role="listitem"
      className="card"
      aria-labelledby={`${base}-name ${base}-state`}
      aria-posinset={props.position}
      aria-setsize={props.setSize}
    >
      <Thumbnail
        src={props.thumbnailUrl}
        uid={card.uid}
        duration={formatDuration(card.duration, locale)}
      />
      <div className="card-body">
        <h2 id={`${base}-name`} className="card-name" title={card.name} translate="no">
          {card.name}
        </h2>
        <p className="card-meta">
          {/* First, so the size and date are what the card's width clips. */}
          {card.upstream === 'deleted' ? (
            <span className="tag tag-warning">{t('card.upstreamDeleted')}</span>
          ) : card.expiresAt !== null ? (
            <span className="tag tag-warning">
              {t('card.expires', { date: formatDate(card.expiresAt, locale) })}
            </span>
          ) : null}
          <span translate="no">
            {[card.size > 0 ? formatBytes(card.size, locale) : '', formatDate(card.created, locale)]
              .filter(Boolean)
              .join(' · ')}
          </span>
          {card.private ? <span className="tag">{t('card.private')}</span> : null}
        </p>
        {card.diskBytes > 0 ? (
          <p className="card-meta">
            {t('card.onDevice', { size: formatBytes(card.diskBytes, locale) })}
          </p>
        ) : null}
        <div className="card-status">
          <span id={`${base}-state`} className={`badge badge-${state.tone}`}>
            {state.label}
          </span>
          {state.percent !== null ? (
            <ProgressBar value={state.percent} label={t('progress.of', { name: card.name })} />
          ) : null}
        </div>
        <div className="card-actions">
          {state.actions.map((action) => (
            <button
              key={action}
              type="button"
              className={
                primary.has(action) ? 'button-primary button-small' : 'button button-small'
              }
              onClick={() => props.onAction(action, card, state)}
            >
              {t(cardActionLabels[action])}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
});
