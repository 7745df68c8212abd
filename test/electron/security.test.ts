import { describe, expect, it, vi } from 'vitest';
import {
  denyPermissions,
  guardNavigation,
  hardenContents,
  isAllowedExternal,
  windowOpenHandler,
} from '../../main/electron/security';

vi.mock('electron', () => ({}));

const prevented = () => {
  const event = { preventDefault: vi.fn() };
  return event;
};

describe('external links', () => {
  it.each([
    ['https://developers.cloudflare.com/stream/', true],
    ['https://dash.cloudflare.com/profile/api-tokens', true],
    ['http://dash.cloudflare.com/', false],
    ['https://dash.cloudflare.com.evil.example/', false],
    ['https://dash.cloudflare.com@evil.example/', false],
    ['https://user:pw@dash.cloudflare.com/', false],
    ['https://dash.cloudflare.com:8443/', false],
    ['https://cloudflare.com/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(isAllowedExternal(url)).toBe(allowed);
  });
});

describe('navigation', () => {
  it('lets the app origin reload', () => {
    const event = prevented();
    const open = vi.fn(async () => {});
    guardNavigation(event, 'app://offstream/index.html', open);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  it('prevents everything else; allowlisted links go to the system browser', () => {
    const open = vi.fn(async () => {});
    const toDocs = prevented();
    guardNavigation(toDocs, 'https://developers.cloudflare.com/stream/', open);
    expect(toDocs.preventDefault).toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith('https://developers.cloudflare.com/stream/');
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/x',
      'media://library/x',
    ]) {
      const event = prevented();
      guardNavigation(event, url, open);
      expect(event.preventDefault).toHaveBeenCalled();
    }
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('denies every window.open, opening only allowlisted links outside', () => {
    const open = vi.fn(async () => {});
    const handler = windowOpenHandler(open);
    expect(handler({ url: 'https://dash.cloudflare.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://offstream/index.html' })).toEqual({ action: 'deny' });
    expect(open.mock.calls).toEqual([['https://dash.cloudflare.com/']]);
  });

  it('hardens a webContents: navigation, redirects, subframes, webviews, popups', () => {
    const listeners = new Map<string, (event: Record<string, unknown>) => void>();
    let openHandler: ((details: { url: string }) => unknown) | undefined;
    const contents = {
      on: (name: string, listener: (event: Record<string, unknown>) => void) => {
        listeners.set(name, listener);
        return contents;
      },
      setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
        openHandler = handler;
      },
    };
    const open = vi.fn(async () => {});
    hardenContents(contents as never, open);
    for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      const away = { url: 'https://evil.example/', preventDefault: vi.fn() };
      listeners.get(name)?.(away);
      expect(away.preventDefault, name).toHaveBeenCalled();
      const home = { url: 'app://offstream/index.html', preventDefault: vi.fn() };
      listeners.get(name)?.(home);
      expect(home.preventDefault, name).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('refuses every request and check but full screen for our own page', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    denyPermissions(session as never);
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0];
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0];
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback, { requestingUrl: 'app://offstream/index.html' });
      expect(callback).toHaveBeenCalledWith(false);
      expect(check({}, permission, 'app://offstream', {})).toBe(false);
    }
    const ours = vi.fn();
    request({}, 'fullscreen', ours, { requestingUrl: 'app://offstream/index.html' });
    expect(ours).toHaveBeenCalledWith(true);
    const foreign = vi.fn();
    request({}, 'fullscreen', foreign, { requestingUrl: 'https://evil.example/' });
    expect(foreign).toHaveBeenCalledWith(false);
    expect(check({}, 'fullscreen', 'https://evil.example', {})).toBe(false);
    expect(device({ deviceType: 'usb' })).toBe(false);
  });
});
