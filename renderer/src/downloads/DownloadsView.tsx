import { useCallback, useEffect, useMemo, useState } from 'react';
import type { JobView, OffstreamBridge, ResultOf } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { cancelledSentence, useJobFeed } from '../app/job-feed';
import { isUnfinished, isWorking, jobKey } from '../app/jobs';
import { useNames } from '../app/names';
import { useCall } from '../app/use-call';
import { ProblemNotice } from '../ui/ProblemNotice';
import { ProgressBar } from '../ui/ProgressBar';
import { type JobAction, JobRow } from './JobRow';
import { MakeRoom } from './MakeRoom';
import { mergeJobList, overallPercent } from './merge-jobs';
import { StorageBar } from './StorageBar';
import { TripPlanner } from './TripPlanner';

const channelOf = {
  Pause: 'download:pause',
  Resume: 'download:resume',
  Cancel: 'download:cancel',
  Retry: 'download:retry',
} as const;

function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}

/** Every job with its progress and controls, the whole queue's progress, and disk usage. */
export function DownloadsView(props: { bridge: OffstreamBridge }) {
  const { bridge } = props;
  const { call, problem, clearProblem } = useCall(bridge);
  const { live, samples, report } = useJobFeed();
  const names = useNames();
  const announce = useAnnounce();
  const [listed, setListed] = useState<JobView[] | null>(null);
  const [storage, setStorage] = useState<ResultOf<'library:storage'> | null>(null);
  const [, setNamesSeen] = useState(0);
  const [roomKey, setRoomKey] = useState(0);

  const load = useCallback(async () => {
    const [jobs, usage] = await Promise.all([
      call('downloads:list', {}),
      call('library:storage', {}),
    ]);
    if (jobs) setListed(jobs);
    if (usage) setStorage(usage);
    if (jobs?.some((job) => !names.has(job.uid))) {
      const page = await call('catalogue:list', { filter: 'downloading', limit: 500 });
      if (page) names.remember(page.items);
      setNamesSeen((n) => n + 1);
    }
  }, [call, names]);

  useEffect(() => {
    void load();
    return bridge.on('catalogue:changed', () => {
      void call('library:storage', {}).then((usage) => usage && setStorage(usage));
      setRoomKey((n) => n + 1);
    });
  }, [bridge, call, load]);

  const jobs = useMemo(() => mergeJobList(listed ?? [], live), [listed, live]);
  const overall = overallPercent(jobs);
  const running = jobs.filter(isWorking).length;
  const paused = jobs.filter((job) => job.state === 'paused').length;

  const act = async (action: JobAction, job: JobView) => {
    const next = await call(channelOf[action], { uid: job.uid, kind: job.kind });
    if (!next) return;
    report(next);
    if (action === 'Cancel') announce(cancelledSentence(job, names.nameOf(job.uid)));
  };

  const all = async (channel: 'download:pause-all' | 'download:resume-all') => {
    const result = await call(channel, {});
    if (!result) return;
    const verb = channel === 'download:pause-all' ? 'Paused' : 'Resumed';
    announce(`${verb} ${plural(result.count, 'download')}.`);
    const fresh = await call('downloads:list', {});
    if (fresh) setListed(fresh);
  };

  return (
    <section className="view downloads" aria-labelledby="downloads-title">
      <div className="toolbar">
        <div className="toolbar-title">
          <h1 id="downloads-title">Downloads</h1>
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => all('download:pause-all')}
              disabled={running === 0}
            >
              Pause all
            </button>
            <button
              type="button"
              className="button"
              onClick={() => all('download:resume-all')}
              disabled={paused === 0}
            >
              Resume all
            </button>
          </div>
        </div>
      </div>
      <div className="view-body">
        <ProblemNotice problem={problem} onDismiss={clearProblem} />
        <section className="panel overall" aria-labelledby="overall-title">
          <h2 id="overall-title">Overall</h2>
          <p>
            {jobs.some(isUnfinished)
              ? `${plural(running, 'download')} running, ${paused} paused, ${jobs.filter((j) => j.state === 'failed').length} failed`
              : 'Nothing to download right now.'}
          </p>
          {overall !== null ? <ProgressBar value={overall} label="Overall progress" /> : null}
        </section>
        {storage ? <StorageBar usage={storage} /> : null}
        <MakeRoom bridge={bridge} refreshKey={roomKey} />
        <TripPlanner bridge={bridge} onStarted={() => void load()} />
        {listed === null ? (
          <p className="muted">Loading downloads…</p>
        ) : jobs.length === 0 ? (
          <div className="empty">
            <h2>No downloads yet</h2>
            <p>Choose Download on a video in the library to save it to this device.</p>
          </div>
        ) : (
          <ul className="job-list" aria-label="Downloads">
            {jobs.map((job) => (
              <JobRow
                key={jobKey(job)}
                job={job}
                name={names.nameOf(job.uid)}
                sample={samples.get(jobKey(job))}
                onAction={act}
              />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
