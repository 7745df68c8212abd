import { useCallback, useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import type { JobView, OffstreamBridge, ResultOf } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { cancelledSentence, useJobFeed } from '../app/job-feed';
import { isUnfinished, isWorking, jobKey } from '../app/jobs';
import { useNames } from '../app/names';
import { useCall } from '../app/use-call';
import { useT } from '../i18n/use-t';
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

/** Every job with its progress and controls, the whole queue's progress, and disk usage. */
export function DownloadsView(props: { bridge: OffstreamBridge }) {
  const { bridge } = props;
  const { call, problem, clearProblem } = useCall(bridge);
  const { live, samples, report } = useJobFeed();
  const names = useNames();
  const announce = useAnnounce();
  const intl = useIntl();
  const t = useT();
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
    // Unfinished jobs are named by the downloading page; finished ones by the saved videos.
    for (const filter of ['downloading', 'offline'] as const) {
      if (!jobs?.some((job) => !names.has(job.uid))) break;
      const page = await call('catalogue:list', { filter, limit: 500 });
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
    if (action === 'Cancel') announce(cancelledSentence(intl, job, names.nameOf(job.uid, t)));
  };

  const all = async (channel: 'download:pause-all' | 'download:resume-all') => {
    const result = await call(channel, {});
    if (!result) return;
    const paused = channel === 'download:pause-all';
    announce(t(paused ? 'announce.pausedAll' : 'announce.resumedAll', { count: result.count }));
    const fresh = await call('downloads:list', {});
    if (fresh) setListed(fresh);
  };

  return (
    <section className="view downloads" aria-labelledby="downloads-title">
      <div className="toolbar">
        <div className="toolbar-title">
          <h1 id="downloads-title">{t('view.downloads')}</h1>
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => all('download:pause-all')}
              disabled={running === 0}
            >
              {t('downloads.pauseAll')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => all('download:resume-all')}
              disabled={paused === 0}
            >
              {t('downloads.resumeAll')}
            </button>
          </div>
        </div>
      </div>
      <div className="view-body">
        <ProblemNotice problem={problem} onDismiss={clearProblem} />
        <section className="panel overall" aria-labelledby="overall-title">
          <h2 id="overall-title">{t('downloads.overall')}</h2>
          <p>
            {jobs.some(isUnfinished)
              ? t('downloads.summary', {
                  running,
                  paused,
                  failed: jobs.filter((j) => j.state === 'failed').length,
                })
              : t('downloads.nothing')}
          </p>
          {overall !== null ? (
            <ProgressBar value={overall} label={t('downloads.overallProgress')} />
          ) : null}
        </section>
        {storage ? <StorageBar usage={storage} /> : null}
        <MakeRoom bridge={bridge} refreshKey={roomKey} />
        <TripPlanner bridge={bridge} onStarted={() => void load()} />
        {listed === null ? (
          <p className="muted">{t('downloads.loading')}</p>
        ) : jobs.length === 0 ? (
          <div className="empty">
            <h2>{t('downloads.emptyTitle')}</h2>
            <p>{t('downloads.emptyHint')}</p>
          </div>
        ) : (
          <ul className="job-list" aria-label={t('view.downloads')}>
            {jobs.map((job) => (
              <JobRow
                key={jobKey(job)}
                job={job}
                name={names.nameOf(job.uid, t)}
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
