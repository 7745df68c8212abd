import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  powerMonitor,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  shell,
  type Tray,
} from 'electron';
import { noPolicy, type Policy, policyFilePath, readPolicy } from '../core/app/fleet/policy';
import { emulatedDemo } from '../core/app/index';
import { UpdateService } from '../core/app/updates/index';
import { systemClock } from '../core/clock';
import { type Backend, createBackend } from '../handlers/index';
import { chooseFolder } from './dialogs';
import { forwardEvents, type OurContents, registerContract } from './ipc';
import { KioskLock, kioskAtStart } from './kiosk';
import { closeBeforeQuit } from './lifecycle';
import { desktopLogger } from './logger';
import { desktopStartAtLogin } from './login-item';
import { osSaysMetered } from './metered';
import { desktopNetwork } from './network';
import { attachOsIntegration, showNotice } from './os-integration';
import { handleProtocols, registerPrivilegedSchemes } from './protocols';
import { safeStorageSecretStore } from './secret-store';
import { denyPermissions, hardenContents } from './security';
import { createTray, trayTooltip } from './tray';
import { electronUpdaterPort } from './updater';
import { relaunchOnFatalError, watchRenderer } from './watchdog';
import { claimSingleInstance, createMainWindow, focusWindow } from './window';

const rendererDir = join(import.meta.dirname, '../renderer');
const preload = join(import.meta.dirname, '../preload/index.cjs');
let backend: Backend | undefined;
const logger = desktopLogger(() => backend?.app.secrets() ?? []);
// IT's machine-wide policy, read once in start() (a second instance that only hands over to the
// first never reads it): Settings shows what it locks and what was wrong in it.
let policy: Policy = noPolicy();
// Settled in start(), before the backend, the window and the menu that depend on it.
let kiosk = false;
let lock: KioskLock | undefined;
let mainWindow: BrowserWindow | undefined;
let tray: Tray | undefined;

const openExternal = (url: string) => shell.openExternal(url);
const ourContents = (): OurContents | undefined =>
  mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : undefined;

function openWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    focusWindow(mainWindow);
    return;
  }
  mainWindow = createMainWindow(BrowserWindow, { preload, kiosk }, logger);
  lock?.guard(mainWindow);
  watchRenderer(mainWindow, {
    clock: systemClock,
    record: (what, detail) => backend?.app.recordRestart(what, detail),
    giveUp: (detail) => void relaunchApp(detail),
  });
}

/** The renderer keeps failing: start the whole app over, if the relaunch budget allows. */
async function relaunchApp(detail: string): Promise<void> {
  if (!backend?.app.claimRelaunch(detail)) {
    logger.error('the window keeps failing and the relaunch budget is spent', { detail });
    return;
  }
  await backend.close().catch(() => {});
  app.relaunch();
  app.exit(0);
}

/**
 * Updates for an installed copy. A development build has no app-update.yml and the portable
 * Windows build no installer to run, so neither updates itself. `updatesAllowed` is the input
 * the machine-wide policy feeds (`allowUpdates`), as does OFFSTREAM_UPDATES=off for the machine;
 * the policy's `updateUrl` names the organisation's own update server.
 */
async function openUpdates(): Promise<UpdateService> {
  const installed = app.isPackaged && process.env.PORTABLE_EXECUTABLE_DIR === undefined;
  const feedUrl = policy.values.updateUrl;
  const updater = installed
    ? electronUpdaterPort((await import('electron-updater')).autoUpdater, logger, feedUrl)
    : undefined;
  return UpdateService.open({
    updater,
    currentVersion: app.getVersion(),
    configDir: app.getPath('userData'),
    updatesAllowed: () =>
      process.env.OFFSTREAM_UPDATES !== 'off' && policy.values.allowUpdates !== false,
    updateUrl: feedUrl,
    kioskPlaying: () => kiosk && (backend?.kiosk.isLocked ?? true),
    osSaysMetered: osSaysMetered(process.platform),
    clock: systemClock,
    logger,
  });
}

async function openBackend(updates: UpdateService): Promise<Backend> {
  return createBackend({
    updates,
    configDir: app.getPath('userData'),
    secrets: safeStorageSecretStore({
      safeStorage,
      platform: process.platform,
      userData: app.getPath('userData'),
    }),
    startDemo: emulatedDemo(logger),
    chooseFolder: (purpose) => chooseFolder(dialog, mainWindow, purpose),
    info: {
      version: app.getVersion(),
      transport: 'ipc',
      kiosk,
      systemLanguages: app.getPreferredSystemLanguages(),
    },
    startAtLogin: desktopStartAtLogin({
      app,
      platform: process.platform,
      env: process.env,
      execPath: process.execPath,
    }),
    policy,
    network: desktopNetwork({
      session: session.defaultSession,
      safeStorage,
      platform: process.platform,
      userData: app.getPath('userData'),
      env: process.env,
    }),
    logger,
  });
}

function attachDesktop(backend: Backend): void {
  if (!kiosk) {
    tray = createTray(
      {
        openWindow,
        pauseAll: () => void backend.dispatch('download:pause-all', {}),
        resumeAll: () => void backend.dispatch('download:resume-all', {}),
        quit: () => app.quit(),
      },
      process.platform,
    );
  }
  attachOsIntegration({
    backend,
    window: () => mainWindow,
    notify: (notice) => {
      if (!kiosk) showNotice(notice, openWindow);
    },
    onProgress: (fraction) => tray?.setToolTip(trayTooltip(fraction)),
    powerSaveBlocker,
    powerMonitor,
    isOnline: () => net.isOnline(),
    setOnline: (online) => backend.setOnline(online),
  });
}

async function start(): Promise<void> {
  policy = readPolicy(policyFilePath());
  for (const problem of policy.problems) logger.warn('policy', { file: policy.file, problem });
  // Loading the updater overlaps the kiosk check; nothing it does reads `kiosk` before a check.
  const updatesOpening = openUpdates();
  kiosk = await kioskAtStart(process.argv, app.getPath('userData'), logger, policy);
  lock = kiosk ? new KioskLock() : undefined;
  denyPermissions(session.defaultSession);
  if (kiosk) Menu.setApplicationMenu(null);
  const opened = await openBackend(await updatesOpening);
  backend = opened;
  closeBeforeQuit(app, () => opened.close(), logger);
  handleProtocols(protocol, rendererDir, opened);
  registerContract(ipcMain, opened, ourContents, lock?.observe);
  forwardEvents(opened, ourContents);
  openWindow();
  attachDesktop(opened);
  opened.updates.start();
  app.on('activate', openWindow);
}

// Privileged schemes must be registered before `ready`; everything else waits for it.
registerPrivilegedSchemes(protocol);
if (!claimSingleInstance(app, () => focusWindow(mainWindow))) {
  app.quit();
} else {
  relaunchOnFatalError({
    app,
    process,
    logger,
    claimRelaunch: (detail) => backend?.app.claimRelaunch(detail) ?? false,
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, openExternal));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.error('Offstream could not start', { error: String(error) });
      dialog.showErrorBox('Offstream could not start', String(error));
      app.exit(1);
    });
}
