import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { EventPayload, JobView, OffstreamBridge } from '../../../main/contract/index';
import { localizeProblem } from '../i18n/problem-text';
import { translate, useT } from '../i18n/use-t';
import { useAnnounce } from './announcer';
import { type JobKey, jobKey, type ProgressSample } from './jobs';
import { useNames } from './names';

export interface JobFeed {
  /** The newest view of every job an event has told about since start. */
  live: ReadonlyMap<JobKey, JobView>;
  samples: ReadonlyMap<JobKey, ProgressSample>;
  /** A JobView a call answered with: shown at once, before its event arrives. */
  report(job: JobView): void;
}

const empty: JobFeed = { live: new Map(), samples: new Map(), report: () => {} };
const JobFeedContext = createContext<JobFeed>(empty);

function withProgress(job: JobView | undefined, event: EventPayload<'job:progress'>): JobView {
  const preparing = event.percentPrepared !== undefined && event.percentPrepared < 100;
  return {
    uid: event.uid,
    kind: event.kind,
    state: job?.state === 'paused' ? 'paused' : preparing ? 'preparing' : 'downloading',
    bytesDone: event.bytesDone,
    bytesTotal: event.total ?? job?.bytesTotal ?? null,
    percentPrepared: event.percentPrepared ?? job?.percentPrepared ?? null,
    nextAttemptAt: null,
    problem: null,
  };
}

/**
 * What a state event says. A removal is not announced here: the same event follows a cancel and
 * the retiring of a finished job when its video is removed, so the view that acted says which.
 */
function sentenceFor(intl: IntlShape, job: JobView, name: string): string | undefined {
  const values = { name, kind: job.kind };
  if (job.state === 'complete') return translate(intl, 'announce.jobComplete', values);
  if (job.state === 'paused') return translate(intl, 'announce.jobPaused', values);
  if (job.state === 'failed') {
    const reason = job.problem ? localizeProblem(intl, job.problem).message : '';
    return translate(intl, 'announce.jobFailed', { ...values, reason });
  }
  return undefined;
}

/** Said by a view whose Cancel button the person pressed. */
export function cancelledSentence(intl: IntlShape, job: Pick<JobView, 'kind'>, name: string) {
  return translate(intl, 'announce.jobCancelled', { name, kind: job.kind });
}

/** Listens to job:state and job:progress once for the whole app and announces what finished. */
export function JobFeedProvider(props: { bridge: OffstreamBridge; children: ReactNode }) {
  const { bridge } = props;
  const [feed, setFeed] = useState<Omit<JobFeed, 'report'>>(empty);
  const announce = useAnnounce();
  const names = useNames();
  const intl = useIntl();
  const t = useT();

  useEffect(() => {
    const offState = bridge.on('job:state', (job) => {
      setFeed((previous) => {
        return { ...previous, live: new Map(previous.live).set(jobKey(job), job) };
      });
      const sentence = sentenceFor(intl, job, names.nameOf(job.uid, t));
      if (sentence) announce(sentence);
    });
    const offProgress = bridge.on('job:progress', (event) => {
      setFeed((previous) => {
        const key = jobKey(event);
        const live = new Map(previous.live);
        live.set(key, withProgress(previous.live.get(key), event));
        const samples = new Map(previous.samples);
        const sample: ProgressSample = { bytesPerSecond: event.bytesPerSecond };
        if (event.etaSeconds !== undefined) sample.etaSeconds = event.etaSeconds;
        if (event.segments) sample.segments = event.segments;
        samples.set(key, sample);
        return { live, samples };
      });
    });
    return () => {
      offState();
      offProgress();
    };
  }, [bridge, announce, names, intl, t]);

  const report = useCallback((job: JobView) => {
    setFeed((previous) => ({ ...previous, live: new Map(previous.live).set(jobKey(job), job) }));
  }, []);
  const value = useMemo(() => ({ ...feed, report }), [feed, report]);
  return <JobFeedContext.Provider value={value}>{props.children}</JobFeedContext.Provider>;
}

export function useJobFeed(): JobFeed {
  return useContext(JobFeedContext);
}
