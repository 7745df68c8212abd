import { type FormEvent, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { CatalogueCard, OffstreamBridge, TripPlan } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import { formatBytes, formatClock, formatSpeed } from '../ui/format';
import { ProblemNotice } from '../ui/ProblemNotice';
import { nextTimeOfDay } from './ready-by';

const verdicts: Record<TripPlan['items'][number]['verdict'], string> = {
  ready: 'Ready in time',
  at_risk: 'Ready in time, just',
  audio_instead: 'Audio only: the video would not be ready in time',
  late: 'Not ready in time',
  no_room: 'No room on the disk',
  saved: 'Already saved',
};

/**
 * The trip planner: pick videos and a "ready by" time; the estimate says what will be ready,
 * offers audio only for what will not, and can start them in the order most likely to finish.
 */
export function TripPlanner(props: { bridge: OffstreamBridge; onStarted(): void }) {
  const { call, problem, clearProblem } = useCall(props.bridge);
  const announce = useAnnounce();
  const { locale } = useIntl();
  const [videos, setVideos] = useState<CatalogueCard[]>([]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [time, setTime] = useState('07:00');
  const [plan, setPlan] = useState<TripPlan | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('catalogue:list', { filter: 'all', sort: 'name', limit: 200 }).then((page) =>
      setVideos((page?.items ?? []).filter((card) => card.ready && !card.offline)),
    );
  }, [call]);

  const toggle = (uid: string) =>
    setChosen((was) => {
      const next = new Set(was);
      if (!next.delete(uid)) next.add(uid);
      return next;
    });

  const ask = async (start: boolean) => {
    const readyBy = nextTimeOfDay(time, Date.now());
    if (readyBy === undefined) return setError('Enter a time of day, like 07:00.');
    if (chosen.size === 0) return setError('Choose at least one video.');
    setError(null);
    const next = await call('plan:trip', { uids: [...chosen], readyBy, start });
    if (!next) return;
    setPlan(next);
    const inTime = next.items.filter((i) => i.finishAt !== null && i.finishAt <= readyBy).length;
    announce(
      start
        ? `Started ${next.items.filter((i) => i.kind).length} downloads in the planned order.`
        : `${inTime} of ${next.items.length} will be ready by ${formatClock(readyBy, locale)}.`,
    );
    if (start) props.onStarted();
  };

  const estimate = (event: FormEvent) => {
    event.preventDefault();
    void ask(false);
  };

  return (
    <section className="panel trip-planner" aria-labelledby="trip-title">
      <h2 id="trip-title">Plan a trip</h2>
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
      <form onSubmit={estimate} noValidate>
        <fieldset className="trip-videos">
          <legend>Videos to take along</legend>
          {videos.length === 0 ? <p className="muted">No video left to save.</p> : null}
          {videos.map((card) => (
            <label key={card.uid} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.has(card.uid)}
                onChange={() => toggle(card.uid)}
              />
              {card.name}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="trip-ready-by">Ready by</label>
          <input
            id="trip-ready-by"
            type="time"
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
        </div>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button">
            Estimate
          </button>
          <button type="button" className="button-primary" onClick={() => void ask(true)}>
            Start in this order
          </button>
        </div>
      </form>
      {plan ? <PlanTable plan={plan} /> : null}
    </section>
  );
}

/** Seconds under two minutes, minutes above. */
function spread(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

function PlanTable(props: { plan: TripPlan }) {
  const { plan } = props;
  const { locale } = useIntl();
  const source = (measured: boolean) => (measured ? 'measured' : 'a guess');
  return (
    <>
      <ol className="trip-plan" aria-label="Trip plan, in download order">
        {plan.items.map((item) => (
          <li key={item.uid}>
            <strong>{item.name}</strong>{' '}
            {item.kind
              ? `${item.kind === 'audio' ? 'audio' : 'video'}, ${item.bytesEstimated ? 'about ' : ''}${formatBytes(item.bytes, locale)}`
              : ''}
            {item.finishAt !== null
              ? ` · ready about ${formatClock(item.finishAt, locale)} (± ${spread(item.errorMs ?? 0)})`
              : ''}
            {' · '}
            {verdicts[item.verdict]}
          </li>
        ))}
      </ol>
      <p className="muted">
        Estimated from a link of {formatSpeed(plan.linkBytesPerSecond, locale)} (
        {source(plan.measured.link)}), Cloudflare’s preparation time (
        {source(plan.measured.prepare)}) and the sizes of the videos; each time is ±{' '}
        {Math.round(plan.errorFraction * 100)} %.
      </p>
    </>
  );
}
