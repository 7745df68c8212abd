import { useIntl } from 'react-intl';
import type { JobView } from '../../../main/contract/index';
import { isWorking, type ProgressSample, percentOf } from '../app/jobs';
import { describeJob } from '../app/jobs-text';
import type { MessageId } from '../i18n/catalogues';
import { useT } from '../i18n/use-t';
import { formatBytes } from '../ui/format';
import { ProblemNotice } from '../ui/ProblemNotice';
import { ProgressBar } from '../ui/ProgressBar';

export type JobAction = 'Pause' | 'Resume' | 'Cancel' | 'Retry';

const actionLabels: Record<JobAction, MessageId> = {
  Pause: 'action.pause',
  Resume: 'action.resume',
  Cancel: 'action.cancel',
  Retry: 'action.retry',
};

function actionsFor(job: JobView): JobAction[] {
  if (job.state === 'paused') return ['Resume', 'Cancel'];
  if (job.state === 'failed') return ['Retry', 'Cancel'];
  if (isWorking(job)) return ['Pause', 'Cancel'];
  return [];
}

/**
 * The parts of the file already held while it comes over several connections: a thin bar,
 * as download managers show. Decorative: the progress bar above says how far it is.
 */
function SegmentBar(props: { segments: [number, number][]; total: number }) {
  const percent = (bytes: number) => `${Math.min(100, (bytes / props.total) * 100)}%`;
  return (
    <div className="job-segments" aria-hidden="true" data-testid="job-segments">
      {props.segments.map(([start, end]) => (
        <span
          key={start}
          className="job-segment"
          style={{ insetInlineStart: percent(start), width: percent(end - start) }}
        />
      ))}
    </div>
  );
}

export function JobRow(props: {
  job: JobView;
  name: string;
  sample: ProgressSample | undefined;
  onAction(action: JobAction, job: JobView): void;
}) {
  const { job, name } = props;
  const t = useT();
  const intl = useIntl();
  const { locale } = intl;
  const base = `job-${job.uid}-${job.kind}`;
  const percent = job.state === 'failed' ? null : percentOf(job);
  const bytes =
    job.bytesTotal && job.state !== 'complete'
      ? t('job.bytesOf', {
          done: formatBytes(job.bytesDone, locale),
          total: formatBytes(job.bytesTotal, locale),
        })
      : job.bytesTotal
        ? formatBytes(job.bytesTotal, locale)
        : '';
  return (
    <li className={`job job-${job.state}`} aria-labelledby={`${base}-name ${base}-state`}>
      <div className="job-head">
        <h3 id={`${base}-name`} className="job-name">
          <span translate="no">{name}</span>
          {job.kind === 'audio' ? <span className="tag">{t('job.audioOnly')}</span> : null}
        </h3>
        <div className="job-actions">
          {actionsFor(job).map((action) => (
            <button
              key={action}
              type="button"
              className={
                action === 'Cancel' ? 'button button-small' : 'button-primary button-small'
              }
              onClick={() => props.onAction(action, job)}
            >
              {t(actionLabels[action])}
            </button>
          ))}
        </div>
      </div>
      <p id={`${base}-state`} className="job-state">
        {job.state === 'failed' ? t('job.failed') : describeJob(intl, job, props.sample)}
        {bytes ? (
          <span className="job-bytes" translate={job.state === 'complete' ? 'no' : undefined}>
            {' · '}
            {bytes}
          </span>
        ) : null}
      </p>
      {percent !== null && job.state !== 'complete' ? (
        <ProgressBar value={percent} label={t('progress.of', { name })} />
      ) : null}
      {job.state === 'downloading' && job.bytesTotal && props.sample?.segments ? (
        <SegmentBar segments={props.sample.segments} total={job.bytesTotal} />
      ) : null}
      {job.problem && job.state !== 'complete' ? <ProblemNotice problem={job.problem} /> : null}
    </li>
  );
}
