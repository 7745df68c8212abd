import type { JobView } from '../../../main/contract/index';
import { describeJob, isWorking, type ProgressSample, percentOf } from '../app/jobs';
import { formatBytes } from '../ui/format';
import { ProblemNotice } from '../ui/ProblemNotice';
import { ProgressBar } from '../ui/ProgressBar';

export type JobAction = 'Pause' | 'Resume' | 'Cancel' | 'Retry';

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
          style={{ left: percent(start), width: percent(end - start) }}
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
  const base = `job-${job.uid}-${job.kind}`;
  const percent = job.state === 'failed' ? null : percentOf(job);
  const bytes =
    job.bytesTotal && job.state !== 'complete'
      ? `${formatBytes(job.bytesDone)} of ${formatBytes(job.bytesTotal)}`
      : job.bytesTotal
        ? formatBytes(job.bytesTotal)
        : '';
  return (
    <li className={`job job-${job.state}`} aria-labelledby={`${base}-name ${base}-state`}>
      <div className="job-head">
        <h3 id={`${base}-name`} className="job-name">
          {name}
          {job.kind === 'audio' ? <span className="tag">Audio only</span> : null}
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
              {action}
            </button>
          ))}
        </div>
      </div>
      <p id={`${base}-state`} className="job-state">
        {job.state === 'failed' ? 'Failed' : describeJob(job, props.sample)}
        {bytes ? <span className="job-bytes"> · {bytes}</span> : null}
      </p>
      {percent !== null && job.state !== 'complete' ? (
        <ProgressBar value={percent} label={`Progress of ${name}`} />
      ) : null}
      {job.state === 'downloading' && job.bytesTotal && props.sample?.segments ? (
        <SegmentBar segments={props.sample.segments} total={job.bytesTotal} />
      ) : null}
      {job.problem && job.state !== 'complete' ? <ProblemNotice problem={job.problem} /> : null}
    </li>
  );
}
