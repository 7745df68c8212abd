import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { CatalogueCard, DownloadKind, OffstreamBridge } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { cancelledSentence, useJobFeed } from '../app/job-feed';
import { useCall } from '../app/use-call';
import { useT } from '../i18n/use-t';
import type { CardAction, CardState } from './card-state';

const jobChannels = {
  Pause: 'download:pause',
  Resume: 'download:resume',
  Cancel: 'download:cancel',
  Retry: 'download:retry',
} as const;

/** What each card button does; Play is the caller's, since it navigates. */
export function useCardActions(
  bridge: OffstreamBridge,
  onPlay: (card: CatalogueCard) => void,
  onRemoved: () => void,
) {
  const { call, problem, clearProblem } = useCall(bridge);
  const { report } = useJobFeed();
  const announce = useAnnounce();
  const intl = useIntl();
  const t = useT();

  const start = useCallback(
    async (card: CatalogueCard, kind: DownloadKind) => {
      const job = await call('download:start', { uid: card.uid, kind });
      if (!job) return;
      report(job);
      announce(t('announce.jobAdded', { name: card.name, kind }));
    },
    [call, report, announce, t],
  );

  const run = useCallback(
    async (action: CardAction, card: CatalogueCard, state: CardState) => {
      if (action === 'Play') return onPlay(card);
      if (action === 'Download') return start(card, 'default');
      if (action === 'Download audio only') return start(card, 'audio');
      if (action === 'Remove from device') {
        const done = await call('library:remove', { uid: card.uid });
        if (done) {
          announce(t('announce.removed', { name: card.name }));
          onRemoved();
        }
        return;
      }
      const kind = state.job?.kind ?? 'default';
      const job = await call(jobChannels[action], { uid: card.uid, kind });
      if (!job) return;
      report(job);
      if (action === 'Cancel') announce(cancelledSentence(intl, job, card.name));
    },
    [call, onPlay, start, report, announce, onRemoved, intl, t],
  );

  return { run, problem, clearProblem };
}
