import type { Session, WebContents } from 'electron';
import { isAppUrl } from './origin';

/** The only places a link in the app may open, always in the system browser. */
export const externalHosts: ReadonlySet<string> = new Set([
  'developers.cloudflare.com',
  'dash.cloudflare.com',
]);

export type OpenExternal = (url: string) => Promise<void>;

export function isAllowedExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      externalHosts.has(parsed.hostname) &&
      parsed.port === '' &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}

/** will-navigate / will-redirect: only within the app origin (a reload); the rest never loads. */
export function guardNavigation(
  event: { preventDefault(): void },
  url: string,
  openExternal: OpenExternal,
): void {
  if (isAppUrl(url)) return;
  event.preventDefault();
  if (isAllowedExternal(url)) void openExternal(url).catch(() => undefined);
}

/** setWindowOpenHandler: no new windows, ever; allowlisted links go to the system browser. */
export function windowOpenHandler(openExternal: OpenExternal) {
  return ({ url }: { url: string }): { action: 'deny' } => {
    if (isAllowedExternal(url)) void openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  };
}

type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Applied to every webContents the app creates (web-contents-created), ours included. */
export function hardenContents(contents: HardenedContents, openExternal: OpenExternal): void {
  contents.on('will-navigate', (event) => guardNavigation(event, event.url, openExternal));
  contents.on('will-redirect', (event) => guardNavigation(event, event.url, openExternal));
  // Subframes too (will-navigate sees only the main frame); links open from will-navigate alone.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler(openExternal));
}

type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

/**
 * Camera, notifications-from-page, geolocation…: all refused. The one exception is full screen
 * for our own page, which the player's "Full screen" button needs.
 */
export function denyPermissions(session: PermissionSession): void {
  const allowed = (permission: string, url: string | undefined) =>
    permission === 'fullscreen' && url !== undefined && isAppUrl(url);
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, origin) => allowed(permission, origin));
  session.setDevicePermissionHandler(() => false);
}
