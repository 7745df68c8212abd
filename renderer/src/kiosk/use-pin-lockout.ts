import { useCallback, useEffect, useState } from 'react';

export const MAX_WRONG_PINS = 5;
export const LOCKOUT_SECONDS = 30;

/**
 * Counts wrong PINs; the fifth starts a 30 s wait during which no PIN can be tried. Lives in
 * the kiosk view, not the pad, so closing and reopening the pad does not reset it. The wait is
 * a deadline on the wall clock, so a slow or throttled timer cannot stretch it.
 */
export function usePinLockout() {
  const [wrong, setWrong] = useState(0);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (lockedUntil === null) return;
    const tick = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= lockedUntil) setLockedUntil(null);
    }, 1_000);
    return () => clearInterval(tick);
  }, [lockedUntil]);

  const recordWrong = useCallback(() => {
    const next = wrong + 1;
    if (next >= MAX_WRONG_PINS) {
      const at = Date.now();
      setWrong(0);
      setNow(at);
      setLockedUntil(at + LOCKOUT_SECONDS * 1_000);
    } else {
      setWrong(next);
    }
  }, [wrong]);

  const secondsLeft =
    lockedUntil === null ? 0 : Math.max(0, Math.ceil((lockedUntil - now) / 1_000));
  return { secondsLeft, triesLeft: MAX_WRONG_PINS - wrong, recordWrong };
}
