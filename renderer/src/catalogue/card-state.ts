import type { IntlShape } from 'react-intl';
import type { CatalogueCard, JobView } from '../../../main/contract/index';
import { currentJob, type JobKey, mergeJobs, type ProgressSample, percentOf } from '../app/jobs';
import { describeJob } from '../app/jobs-text';
import type { MessageId } from '../i18n/catalogues';
import { translate } from '../i18n/use-t';

export type CardAction =
  | 'Play'
  | 'Download'
  | 'Download audio only'
  | 'Pause'
  | 'Resume'
  | 'Cancel'
  | 'Retry'
  | 'Remove from device';

/** The words on each button; the actions themselves stay stable names for code. */
export const cardActionLabels: Record<CardAction, MessageId> = {
  Play: 'action.play',
  Download: 'action.download',
  'Download audio only': 'action.downloadAudio',
  Pause: 'action.pause',
  Resume: 'action.resume',
  Cancel: 'action.cancel',
  Retry: 'action.retry',
  'Remove from device': 'action.remove',
};

export type CardTone = 'ok' | 'busy' | 'paused' | 'bad' | 'plain';

export interface CardState {
  label: string;
  tone: CardTone;
  /** The job the Pause/Resume/Cancel/Retry buttons act on. */
  job: JobView | undefined;
  percent: number | null;
  actions: CardAction[];
  playable: boolean;
}

function jobActions(job: JobView): CardAction[] {
  if (job.state === 'paused') return ['Resume', 'Cancel'];
  if (job.state === 'failed') return ['Retry', 'Cancel'];
  return ['Pause', 'Cancel'];
}

function toneOf(job: JobView): CardTone {
  if (job.state === 'failed') return 'bad';
  if (job.state === 'paused') return 'paused';
  return 'busy';
}

/** What a card shows and offers, from its row and the live job events seen since. */
export function cardState(
  card: CatalogueCard,
  live: ReadonlyMap<JobKey, JobView>,
  samples: ReadonlyMap<JobKey, ProgressSample>,
  intl: IntlShape,
): CardState {
  const { jobs, offline } = mergeJobs(card, live);
  const job = currentJob(jobs);
  const saved = new Set(jobs.filter((j) => j.state === 'complete').map((j) => j.kind));
  if (job) {
    const label = describeJob(intl, job, samples.get(`${job.uid}:${job.kind}`));
    const percent = job.state === 'failed' || job.state === 'paused' ? null : percentOf(job);
    const extra: CardAction[] = offline && !card.missing ? ['Play'] : [];
    return {
      label,
      tone: toneOf(job),
      job,
      percent,
      actions: [...extra, ...jobActions(job)],
      playable: extra.length > 0,
    };
  }
  // An imported or older library can list a saved video with no job behind it: that is the video.
  const hasVideo = saved.has('default') || (offline && !saved.has('audio'));
  const download: CardAction[] = [];
  if (card.ready && (!hasVideo || card.missing)) download.push('Download');
  if (card.ready && !offline) download.push('Download audio only');
  if (card.missing) {
    return {
      label: translate(intl, 'card.missing'),
      tone: 'bad',
      job,
      percent: null,
      actions: [...download, 'Remove from device'],
      playable: false,
    };
  }
  if (offline) {
    const label = translate(intl, hasVideo ? 'job.complete' : 'card.audioOffline');
    return {
      label,
      tone: 'ok',
      job,
      percent: null,
      actions: ['Play', ...download, 'Remove from device'],
      playable: true,
    };
  }
  if (card.errored) {
    const label = translate(intl, 'card.processingFailed');
    return { label, tone: 'plain', job, percent: null, actions: [], playable: false };
  }
  const label = translate(intl, card.ready ? 'card.notDownloaded' : 'card.processing');
  return { label, tone: 'plain', job, percent: null, actions: download, playable: false };
}
