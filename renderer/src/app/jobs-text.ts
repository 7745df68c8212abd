import type { IntlShape } from 'react-intl';
import type { JobView } from '../../../main/contract/index';
import { localizeProblem } from '../i18n/problem-text';
import { translate } from '../i18n/use-t';
import { formatClock, formatPercent, formatSpeed, timeLeftParts } from '../ui/format';
import { type ProgressSample, percentOf } from './jobs';

function timeLeft(intl: IntlShape, seconds: number): string | undefined {
  const parts = timeLeftParts(seconds);
  if (!parts) return undefined;
  if ('seconds' in parts) return translate(intl, 'time.secondsLeft', parts);
  if (parts.hours === 0) return translate(intl, 'time.minutesLeft', parts);
  if (parts.minutes === 0) return translate(intl, 'time.hoursLeft', parts);
  return translate(intl, 'time.hoursMinutesLeft', parts);
}

/** The one sentence a badge or a row shows for a job, e.g. "Downloading 63% · 4.1 MB/s · 2 min left". */
export function describeJob(intl: IntlShape, job: JobView, sample?: ProgressSample): string {
  const t = (id: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) =>
    translate(intl, id, values);
  const percent = formatPercent(percentOf(job) ?? 0, intl.locale);
  switch (job.state) {
    case 'queued':
      return t('job.queued');
    case 'requesting':
      return t('job.requesting');
    case 'preparing':
      return t('job.preparing', { percent });
    case 'downloading': {
      const parts = [
        percentOf(job) === null ? t('job.downloading') : t('job.downloadingPercent', { percent }),
      ];
      if (sample && sample.bytesPerSecond > 0)
        parts.push(formatSpeed(sample.bytesPerSecond, intl.locale));
      const left = sample?.etaSeconds === undefined ? undefined : timeLeft(intl, sample.etaSeconds);
      if (left) parts.push(left);
      return parts.join(' · ');
    }
    case 'verifying':
      return t('job.verifying');
    case 'waiting':
      return job.nextAttemptAt
        ? t('job.waitingUntil', { time: formatClock(job.nextAttemptAt, intl.locale) })
        : t('job.waitingNetwork');
    case 'paused':
      return t('job.paused');
    case 'failed':
      return job.problem
        ? t('job.failedBecause', { reason: localizeProblem(intl, job.problem).message })
        : t('job.failed');
    case 'complete':
      return t('job.complete');
    case 'removed':
      return t('job.removed');
  }
}
