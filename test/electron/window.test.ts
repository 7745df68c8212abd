import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../main/core/log';
import { chooseFolder, folderDialogOptions } from '../../main/electron/dialogs';
import { closeBeforeQuit } from '../../main/electron/lifecycle';
import {
  claimSingleInstance,
  createMainWindow,
  focusWindow,
  mainWindowOptions,
} from '../../main/electron/window';

vi.mock('electron', () => ({}));

describe('the main window', () => {
  it('spells out every security preference', () => {
    const options = mainWindowOptions({ preload: '/app/dist/preload/index.cjs', kiosk: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/preload/index.cjs',
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
    });
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(options.kiosk).toBeUndefined();
  });

  it('loads the renderer from app://offstream and shows once painted', () => {
    const made: FakeWindow[] = [];
    class FakeWindow extends EventEmitter {
      loaded: string[] = [];
      show = vi.fn();
      removeMenu = vi.fn();
      constructor(readonly options: unknown) {
        super();
        made.push(this);
      }
      loadURL(url: string) {
        this.loaded.push(url);
        return Promise.resolve();
      }
    }
    createMainWindow(FakeWindow as never, { preload: '/p.cjs', kiosk: false }, silentLogger);
    const window = made[0];
    expect(window?.loaded).toEqual(['app://offstream/index.html']);
    expect(window?.options).toEqual(mainWindowOptions({ preload: '/p.cjs', kiosk: false }));
    expect(window?.show).not.toHaveBeenCalled();
    window?.emit('ready-to-show');
    expect(window?.show).toHaveBeenCalledTimes(1);
    expect(window?.removeMenu).not.toHaveBeenCalled();
    createMainWindow(FakeWindow as never, { preload: '/p.cjs', kiosk: true }, silentLogger);
    expect(made[1]?.removeMenu).toHaveBeenCalled();
  });

  it('comes to the front when focused, restoring it if minimized', () => {
    const window = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: vi.fn(),
      show: vi.fn(),
      focus: vi.fn(),
    };
    focusWindow(window as never);
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    focusWindow(undefined);
  });
});

describe('single instance', () => {
  it('lets the second launch hand over to the first', () => {
    const app = Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => true });
    const focus = vi.fn();
    expect(claimSingleInstance(app as never, focus)).toBe(true);
    app.emit('second-instance', {}, ['offstream'], '/');
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it('tells the second instance to quit', () => {
    const app = Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => false });
    const focus = vi.fn();
    expect(claimSingleInstance(app as never, focus)).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});

describe('quitting', () => {
  it('holds the quit until the backend has closed, once', async () => {
    const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
    let finish: () => void = () => {};
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    closeBeforeQuit(app as never, close, silentLogger);
    const first = { preventDefault: vi.fn() };
    app.emit('will-quit', first);
    app.emit('will-quit', { preventDefault: vi.fn() });
    expect(first.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    const last = { preventDefault: vi.fn() };
    app.emit('will-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('quits even when closing fails', async () => {
    const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
    closeBeforeQuit(app as never, () => Promise.reject(new Error('disk gone')), silentLogger);
    app.emit('will-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
  });
});

describe('folder dialogs', () => {
  it('asks for a directory and answers undefined on cancel', async () => {
    expect(folderDialogOptions('export').properties).toEqual(['openDirectory', 'createDirectory']);
    const dialog = {
      showOpenDialog: vi
        .fn()
        .mockResolvedValueOnce({ canceled: false, filePaths: ['/media/usb/offstream'] })
        .mockResolvedValueOnce({ canceled: true, filePaths: [] }),
    };
    expect(await chooseFolder(dialog, undefined, 'export')).toBe('/media/usb/offstream');
    expect(await chooseFolder(dialog, undefined, 'import')).toBeUndefined();
    expect(dialog.showOpenDialog.mock.calls[1]?.[0]).toMatchObject({ title: expect.any(String) });
  });
});
