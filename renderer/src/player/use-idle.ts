import { type RefObject, useEffect, useState } from 'react';

const IDLE_AFTER_MS = 3_000;

/**
 * True after a few seconds without pointer or key activity while `watching`, so the controls
 * can fade out of the picture; any movement, key or focus brings them back.
 */
export function useIdle(container: RefObject<HTMLElement | null>, watching: boolean): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const element = container.current;
    if (!element || !watching) {
      setIdle(false);
      return;
    }
    let timer = setTimeout(() => setIdle(true), IDLE_AFTER_MS);
    const wake = () => {
      setIdle(false);
      clearTimeout(timer);
      timer = setTimeout(() => setIdle(true), IDLE_AFTER_MS);
    };
    const events = ['pointermove', 'pointerdown', 'keydown', 'focusin'] as const;
    for (const name of events) element.addEventListener(name, wake);
    window.addEventListener('keydown', wake);
    return () => {
      clearTimeout(timer);
      for (const name of events) element.removeEventListener(name, wake);
      window.removeEventListener('keydown', wake);
    };
  }, [container, watching]);
  return idle;
}
