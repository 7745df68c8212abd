import { useEffect, useRef } from 'react';
import { elementOwnsKey } from './keys';

export type ShortcutMap = Partial<Record<string, () => void>>;

/**
 * Listens on the window so shortcuts work wherever focus sits inside the player, but leaves
 * keys alone that the focused element needs (fields, sliders, buttons) or that carry a
 * Ctrl/Alt/Meta modifier (browser and system shortcuts).
 */
export function useShortcuts(shortcuts: ShortcutMap) {
  const current = useRef(shortcuts);
  current.current = shortcuts;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      if (elementOwnsKey(event.target, event.key)) return;
      const action = current.current[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
