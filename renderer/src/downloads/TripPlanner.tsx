import { type FormEvent, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { CatalogueCard, OffstreamBridge, TripPlan } from '../../../main/contract/index';
import { useAnnounce } from '../app/announcer';
import { useCall } from '../app/use-call';
import type { MessageId } from '../i18n/catalogues';
import { useT } from '../i18n/use-t';
import { formatBytes, formatClock, formatPercent, formatSpeed } from '../ui/format';
import { ProblemNotice } from '../ui/ProblemNotice';
import { nextTimeOfDay } from './ready-by';

const verdicts: Record<TripPlan['items'][number]['verdict'], MessageId> = {
  ready: 'trip.verdict.ready',
  at_risk: 'trip.verdict.atRisk',
  audio_instead: 'trip.verdict.audioInstead',
  late: 'trip.verdict.late',
  no_room: 'trip.verdict.noRoom',
  saved: 'trip.verdict.saved',
};

/**
 * The trip planner: pick videos and a "ready by" time; the estimate says what will be ready,
 * offers audio only for what will not, and can start them in the order most likely to finish.
 */
export function TripPlanner(props: { bridge: OffstreamBridge; onStarted(): void }) {
  const { call, problem, clearProblem } = useCall(props.bridge);
  const announce = useAnnounce();
  const { locale } = useIntl();
  const t = useT();
  const [videos, setVideos] = useState<CatalogueCard[]>([]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [time, setTime] = useState('07:00');
  const [plan, setPlan] = useState<TripPlan | null>(null);
  const [error, setError] = useState<MessageId | null>(null);

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
    if (readyBy === undefined) return setError('trip.badTime');
    if (chosen.size === 0) return setError('trip.chooseOne');
    setError(null);
    const next = await call('plan:trip', { uids: [...chosen], readyBy, start });
    if (!next) return;
    setPlan(next);
    const inTime = next.items.filter((i) => i.finishAt !== null && i.finishAt <= readyBy).length;
    announce(
      start
        ? t('trip.started', { count: next.items.filter((i) => i.kind).length })
        : t('trip.readyCount', {
            ready: inTime,
            total: next.items.length,
            time: formatClock(readyBy, locale),
          }),
    );
    if (start) props.onStarted();
  };

  const estimate = (event: FormEvent) => {
    event.preventDefault();
    void ask(false);
  };

  return (
    <section className="panel trip-planner" aria-labelledby="trip-title">
      <h2 id="trip-title">{t('trip.title')}</h2>
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
      <form onSubmit={estimate} noValidate>
        <fieldset className="trip-videos">
          <legend>{t('trip.videos')}</legend>
          {videos.length === 0 ? <p className="muted">{t('trip.noVideos')}</p> : null}
          {videos.map((card) => (
            <label key={card.uid} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.has(card.uid)}
                onChange={() => toggle(card.uid)}
              />
              <span translate="no">{card.name}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="trip-ready-by">{t('trip.readyBy')}</label>
          <input
            id="trip-ready-by"
            type="time"
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
        </div>
        {error ? (
          <p className="field-error" role="alert">
            {t(error)}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button">
            {t('trip.estimate')}
          </button>
          <button type="button" className="button-primary" onClick={() => void ask(true)}>
            {t('trip.start')}
          </button>
        </div>
      </form>
      {plan ? <PlanTable plan={plan} /> : null}
    </section>
  );
}

/** Seconds under two minutes, minutes above, with the locale's unit names. */
function spread(ms: number, locale: string): string {
  const seconds = ms < 120_000;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: seconds ? 'second' : 'minute',
    unitDisplay: 'short',
    maximumFractionDigits: 0,
  }).format(seconds ? Math.round(ms / 1000) : Math.round(ms / 60_000));
}

function PlanTable(props: { plan: TripPlan }) {
  const { plan } = props;
  const { locale } = useIntl();
  const t = useT();
  const source = (measured: boolean) => (measured ? 'measured' : 'guess');
  return (
    <>
      <ol className="trip-plan" aria-label={t('trip.list')}>
        {plan.items.map((item) => (
          <li key={item.uid}>
            <strong translate="no">{item.name}</strong>{' '}
            {item.kind
              ? t('trip.itemKind', {
                  kind: item.kind,
                  estimated: item.bytesEstimated ? 'yes' : 'no',
                  size: formatBytes(item.bytes, locale),
                })
              : ''}
            {item.finishAt !== null
              ? ` · ${t('trip.itemReady', {
                  time: formatClock(item.finishAt, locale),
                  spread: spread(item.errorMs ?? 0, locale),
                })}`
              : ''}
            {' · '}
            {t(verdicts[item.verdict])}
          </li>
        ))}
      </ol>
      <p className="muted">
        {t('trip.basis', {
          speed: formatSpeed(plan.linkBytesPerSecond, locale),
          link: source(plan.measured.link),
          prepare: source(plan.measured.prepare),
          percent: formatPercent(plan.errorFraction * 100, locale),
        })}
      </p>
    </>
  );
}
