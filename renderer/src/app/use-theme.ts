import { useEffect } from 'react';
import type { Settings } from '../../../main/contract/index';

/** The stylesheet does the work: data-theme picks light or dark, absent means follow the system. */
export function useTheme(theme: Settings['theme'] | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (!theme || theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
