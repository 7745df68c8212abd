import { useEffect, useState } from 'react';
import type { OffstreamBridge } from '../../../main/contract/index';
import { useT } from '../i18n/use-t';
import type { Outside } from './load-playlist';

interface Props {
  bridge: OffstreamBridge;
  outside: Outside;
}

/** Outside every window of the schedule: black, a still of a saved video, or a countdown. */
export function OutsideSchedule({ bridge, outside }: Props) {
  const [stillFailed, setStillFailed] = useState(false);
  if (outside.show === 'countdown') return <Countdown outside={outside} />;
  if (outside.show === 'still' && outside.still && !stillFailed) {
    return (
      <div className="kiosk-outside" data-show="still">
        <img
          className="kiosk-still"
          src={bridge.mediaUrl(`${outside.still}.thumbnail`)}
          alt=""
          onError={() => setStillFailed(true)}
        />
      </div>
    );
  }
  return <div className="kiosk-outside" data-show="black" />;
}

/** Time to the next window, counted from the backend's clock (a test may set it). */
function Countdown({ outside }: { outside: Outside }) {
  const [shownAt] = useState(() => performance.now());
  const [, tick] = useState(0);
  const t = useT();
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1_000);
    return () => clearInterval(timer);
  }, []);
  const now = outside.now + (performance.now() - shownAt);
  const left = outside.nextStart === null ? null : Math.max(0, outside.nextStart - now);
  return (
    <div className="kiosk-outside" data-show="countdown" role="timer">
      {left === null ? (
        <p>{t('kiosk.noShowing')}</p>
      ) : (
        <p>{t('kiosk.nextShowing', { time: formatLeft(left) })}</p>
      )}
    </div>
  );
}

/** 1:02:03, or 2:03 under an hour; days spelled out beyond 24 hours. */
export function formatLeft(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const clock =
    hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
  return days > 0 ? `${days} d ${clock}` : clock;
}
