import type { App, BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../core/log';
import { kioskWindowOptions } from './kiosk';
import { appEntryUrl } from './origin';

export interface MainWindowSettings {
  /** Absolute path of the built preload (app/dist/preload/index.cjs). */
  preload: string;
  kiosk: boolean;
}

/** Painted before the renderer's first frame, so a dark UI does not flash white. */
export const windowBackground = '#14161a';

/** Every option of the main window; the security settings are spelled out, not defaulted. */
export function mainWindowOptions(settings: MainWindowSettings): BrowserWindowConstructorOptions {
  const base: BrowserWindowConstructorOptions = {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Offstream',
    show: false,
    backgroundColor: windowBackground,
    webPreferences: {
      preload: settings.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
  return settings.kiosk ? kioskWindowOptions(base) : base;
}

type WindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the window, shows it once painted, and loads the renderer from app://offstream. */
export function createMainWindow(
  BrowserWindowClass: WindowClass,
  settings: MainWindowSettings,
  logger: Logger,
): BrowserWindow {
  const window = new BrowserWindowClass(mainWindowOptions(settings));
  if (settings.kiosk) window.removeMenu();
  window.once('ready-to-show', () => window.show());
  window.loadURL(appEntryUrl).catch((error: unknown) => {
    logger.error('the window could not load the app', { error: String(error) });
  });
  return window;
}

/** Brings the window to the front, out of the dock or taskbar if need be. */
export function focusWindow(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * One Offstream per user: a second launch hands over to the first, which comes to the front.
 * Returns false in the second instance, which should quit.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on'>,
  onSecondInstance: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => onSecondInstance());
  return true;
}
