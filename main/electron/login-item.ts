import type { App } from 'electron';
import { type StartAtLogin, xdgStartAtLogin } from '../core/app/start-at-login';

export interface LoginItemDeps {
  app: Pick<App, 'setLoginItemSettings'>;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
  home?: string;
}

/**
 * Windows and macOS keep login items themselves (the Run key, Login Items); Electron's call does
 * nothing on Linux, where desktops read XDG autostart entries instead. An AppImage runs from a
 * temporary mount, so its entry names the AppImage file ($APPIMAGE), not the mounted binary.
 */
export function desktopStartAtLogin(deps: LoginItemDeps): StartAtLogin {
  if (deps.platform === 'linux') {
    const command = deps.env.APPIMAGE || deps.execPath;
    return xdgStartAtLogin({ env: deps.env, command, ...(deps.home ? { home: deps.home } : {}) });
  }
  return async (enabled) => {
    deps.app.setLoginItemSettings({ openAtLogin: enabled });
  };
}
