import { type RefObject, useCallback, useEffect, useState } from 'react';

/** Full screen for the player container (controls included), and whether it is active now. */
export function useFullscreen(container: RefObject<HTMLElement | null>) {
  const [active, setActive] = useState(false);

  useEffect(() => {
    const update = () => setActive(document.fullscreenElement != null);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);

  const exit = useCallback(() => {
    if (!document.fullscreenElement) return false;
    document.exitFullscreen?.().catch(() => undefined);
    return true;
  }, []);

  const toggle = useCallback(() => {
    if (exit()) return;
    container.current?.requestFullscreen?.().catch(() => undefined);
  }, [container, exit]);

  return { active, toggle, exit };
}
