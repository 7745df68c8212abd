import { Menu, type MenuItemConstructorOptions, nativeImage, Tray } from 'electron';

/** A 16×16 play triangle; on macOS a template image, so the menu bar tints it. */
export const trayIconDataUrl =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAKklEQVR42mNgGJbgPxRTbMB/ahhAlkH/8WCKDSDKIJoaQP9AHJiENMQAAJJFM83fDLUFAAAAAElFTkSuQmCC';

export interface TrayActions {
  openWindow(): void;
  pauseAll(): void;
  resumeAll(): void;
  quit(): void;
}

export function trayMenuTemplate(actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: 'Open Offstream', click: () => actions.openWindow() },
    { type: 'separator' },
    { label: 'Pause all downloads', click: () => actions.pauseAll() },
    { label: 'Resume all downloads', click: () => actions.resumeAll() },
    { type: 'separator' },
    { label: 'Quit Offstream', click: () => actions.quit() },
  ];
}

/** The tray tooltip: what is going on, in a few words. */
export function trayTooltip(fraction: number): string {
  if (fraction < 0) return 'Offstream';
  if (fraction > 1) return 'Offstream: preparing downloads';
  return `Offstream: downloading, ${Math.floor(fraction * 100)}%`;
}

/** The tray icon with its menu; a click on it opens the window. */
export function createTray(actions: TrayActions, platform: NodeJS.Platform): Tray {
  const icon = nativeImage.createFromDataURL(trayIconDataUrl);
  if (platform === 'darwin') icon.setTemplateImage(true);
  const tray = new Tray(icon);
  tray.setToolTip(trayTooltip(-1));
  tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(actions)));
  tray.on('click', () => actions.openWindow());
  return tray;
}
