import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { AccountStatus, CatalogueCard, OffstreamBridge } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useJobFeed } from '../app/job-feed';
import { useCall } from '../app/use-call';
import { useT } from '../i18n/use-t';
import { ProblemNotice } from '../ui/ProblemNotice';
import { CardGrid } from './CardGrid';
import { EmptyCatalogue, OfflineBanner } from './CatalogueNotes';
import { CatalogueToolbar } from './CatalogueToolbar';
import { cardState } from './card-state';
import { useCardActions } from './use-card-actions';
import { type CatalogueFilter, type CatalogueSort, useCataloguePages } from './use-catalogue-pages';
import { useDebounced } from './use-debounced';
import { VideoCard } from './VideoCard';

export interface CatalogueViewProps {
  bridge: OffstreamBridge;
  account: AccountStatus;
  online: boolean;
  /** Ask Cloudflare for the current list once, when the app starts with an account. */
  autoRefresh: boolean;
  onAutoRefreshDone(): void;
  onPlay(uid: string, playlist: string[]): void;
}

export function CatalogueView(props: CatalogueViewProps) {
  const { bridge, onPlay } = props;
  const [text, setText] = useState('');
  const search = useDebounced(text, 120);
  const [filter, setFilter] = useState<CatalogueFilter>('all');
  const [sort, setSort] = useState<CatalogueSort>('newest');
  const pages = useCataloguePages(bridge, { search, filter, sort });
  const { live, samples } = useJobFeed();
  const announce = useAnnounce();
  const intl = useIntl();
  const t = useT();
  const { reload, items } = pages;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = bridge.on('catalogue:changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 200);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [bridge, reload]);

  const play = useCallback(
    (card: CatalogueCard) => {
      const playlist = items
        .filter((c) => cardState(c, live, samples, intl).playable)
        .map((c) => c.uid);
      onPlay(card.uid, playlist.includes(card.uid) ? playlist : [card.uid, ...playlist]);
    },
    [items, live, samples, onPlay, intl],
  );
  const actions = useCardActions(bridge, play, () => void reload());

  const refresher = useCall(bridge);
  const [refreshing, setRefreshing] = useState(false);
  const refresh = useCallback(async () => {
    setRefreshing(true);
    const result = await refresher.call('catalogue:refresh', {});
    setRefreshing(false);
    if (!result) return;
    announce(t('announce.refreshed', { count: result.count }));
    void reload();
  }, [refresher.call, announce, reload, t]);

  const { autoRefresh, onAutoRefreshDone } = props;
  useEffect(() => {
    if (!autoRefresh) return;
    onAutoRefreshDone();
    void refresh();
  }, [autoRefresh, onAutoRefreshDone, refresh]);

  const canRefresh = props.account.mode !== 'none';
  const setSize = pages.nextCursor ? -1 : items.length;

  return (
    <section className="view catalogue" aria-labelledby="library-title">
      <div className="toolbar">
        <div className="toolbar-title">
          <h1 id="library-title">{t('view.library')}</h1>
          {canRefresh ? (
            <button type="button" className="button" onClick={refresh} disabled={refreshing}>
              {refreshing ? t('catalogue.refreshing') : t('catalogue.refresh')}
            </button>
          ) : null}
        </div>
        <CatalogueToolbar
          text={text}
          onText={setText}
          filter={filter}
          onFilter={setFilter}
          sort={sort}
          onSort={setSort}
        />
      </div>
      {pages.loaded && (!pages.remote || !props.online) ? (
        <OfflineBanner account={props.account} online={props.online} />
      ) : null}
      <ProblemNotice problem={props.account.problem} />
      <ProblemNotice problem={refresher.problem} onDismiss={refresher.clearProblem} />
      <ProblemNotice problem={pages.problem} onDismiss={pages.clearProblem} />
      <ProblemNotice problem={actions.problem} onDismiss={actions.clearProblem} />
      {pages.loaded && items.length === 0 ? (
        <EmptyCatalogue search={search.trim()} filter={filter} account={props.account} />
      ) : (
        <CardGrid
          items={items}
          label={t('catalogue.videos')}
          keyOf={(card) => card.uid}
          onNearEnd={pages.loadMore}
          renderItem={(card, index) => (
            <VideoCard
              card={card}
              state={cardState(card, live, samples, intl)}
              thumbnailUrl={card.thumbnail ? bridge.mediaUrl(card.thumbnail) : null}
              position={index + 1}
              setSize={setSize}
              onAction={actions.run}
            />
          )}
          footer={
            pages.loading ? (
              <p className="grid-footer">
                {pages.loaded ? t('catalogue.loadingMore') : t('common.loading')}
              </p>
            ) : null
          }
        />
      )}
    </section>
  );
}
