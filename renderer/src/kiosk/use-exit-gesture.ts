import { useCallback, useEffect, useRef } from 'react';

export const CORNER_TAPS = 5;
const TAPS_WITHIN_MS = 3_000;

/**
 * The hidden ways out of the kiosk: Escape on a keyboard, or five quick taps in the top-left
 * corner on a touch screen. Returns the handler for the corner's pointerdown.
 */
export function useExitGesture(onGesture: () => void, enabled: boolean) {
  const taps = useRef<number[]>([]);
  const latest = useRef(onGesture);
  latest.current = onGesture;

  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);

  return useCallback(() => {
    const now = Date.now();
    taps.current = [...taps.current.filter((at) => now - at < TAPS_WITHIN_MS), now];
    if (taps.current.length < CORNER_TAPS) return;
    taps.current = [];
    latest.current();
  }, []);
}
