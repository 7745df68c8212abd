import { useCallback, useEffect, useState } from 'react';

export type Route =
  | { view: 'library' }
  | { view: 'downloads' }
  | { view: 'settings' }
  | { view: 'play'; uid: string }
  | { view: 'kiosk' };

const uidPattern = /^[0-9a-f]{32}$/;

/** The hash is the app's state a reload must keep: #/library, #/play/<uid>, … */
export function parseRoute(hash: string): Route {
  const [view, arg] = hash.replace(/^#\/?/, '').split('/');
  if (view === 'downloads' || view === 'settings' || view === 'kiosk') return { view };
  if (view === 'play' && arg && uidPattern.test(arg)) return { view: 'play', uid: arg };
  return { view: 'library' };
}

export function routeHash(route: Route): string {
  return route.view === 'play' ? `#/play/${route.uid}` : `#/${route.view}`;
}

export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.location.hash = routeHash(next);
    setRoute(next);
  }, []);
  return [route, navigate];
}
