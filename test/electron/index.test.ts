import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../main/contract/index';
import { writeAppConfig } from '../../main/core/app/config';
import type { BackendOptions } from '../../main/handlers/index';

/** Where the fake app keeps its paths: a real folder, so offstream.json can be written there. */
const home = vi.hoisted(() => ({ root: '' }));
home.root = mkdtempSync(join(tmpdir(), 'offstream-index-'));
afterAll(() => rmSync(home.root, { recursive: true, force: true }));

/** Electron as far as index.ts touches it; every call lands in `calls` in order. */
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const calls: string[] = [];
  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    loaded: string[] = [];
    webContents = { id: 1, isDestroyed: () => false, on() {}, reload() {} };
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    isDestroyed = () => false;
    show() {}
    removeMenu() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => true,
    whenReady: () => {
      calls.push('whenReady');
      return Promise.resolve();
    },
    getPath: (name: string) => `${home.root}/${name}`,
    getVersion: () => '9.9.9',
    getPreferredSystemLanguages: () => ['de-AT', 'en-US'],
    quit: () => calls.push('quit'),
    exit: () => calls.push('exit'),
  });
  return {
    calls,
    windows,
    app,
    BrowserWindow: FakeWindow,
    protocol: {
      registerSchemesAsPrivileged: () => calls.push('registerSchemesAsPrivileged'),
      handle: (scheme: string) => calls.push(`handle ${scheme}`),
    },
    ipcMain: { handle: (channel: string) => calls.push(`ipc ${channel}`), removeHandler() {} },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => calls.push('permissions'),
        setPermissionCheckHandler() {},
        setDevicePermissionHandler() {},
      },
    },
    Menu: {
      setApplicationMenu: (menu: unknown) => calls.push(`menu ${String(menu)}`),
      buildFromTemplate: (t: unknown) => t,
    },
    Tray: class {
      setToolTip() {}
      setContextMenu() {}
      on() {}
    },
    nativeImage: { createFromDataURL: () => ({ setTemplateImage() {} }) },
    Notification: { isSupported: () => false },
    powerSaveBlocker: { start: () => 1, stop() {} },
    powerMonitor: new EventEmitter(),
    net: { isOnline: () => true },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: async (s: string) => Buffer.from(s),
      decryptStringAsync: async (b: Buffer) => ({ result: b.toString(), shouldReEncrypt: false }),
    },
    shell: { openExternal: async () => {} },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showErrorBox() {} },
  };
});

const backendOptions: BackendOptions[] = [];
vi.mock('../../main/handlers/index', () => ({
  createBackend: async (options: BackendOptions) => {
    backendOptions.push(options);
    return {
      app: { secrets: () => ['connected-token-0123456789'] },
      dispatch: async () => ({ ok: true, value: {} }),
      subscribe: () => () => {},
      media: async () => new Response(null, { status: 404 }),
      setOnline() {},
      close: async () => {},
      updates: options.updates,
    };
  },
}));
vi.mock('../../main/core/emulator/index', () => ({
  startEmulator: async () => ({
    apiBase: 'http://127.0.0.1:1/client/v4',
    deliveryBase: 'http://127.0.0.1:2',
    accountId: 'f'.repeat(32),
    token: 'demo-token-0123456789',
    close: async () => {},
  }),
}));

describe('index.ts wiring', () => {
  it('registers schemes before ready, then the backend, protocols, IPC and the window', async () => {
    const electron = (await import('electron')) as unknown as {
      calls: string[];
      windows: { options: { webPreferences: Record<string, unknown> }; loaded: string[] }[];
      app: { listenerCount(event: string): number };
    };
    await import('../../main/electron/index');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const { calls } = electron;
    expect(calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('whenReady'));
    expect(calls).toContain('permissions');
    expect(calls).toContain('handle app');
    expect(calls).toContain('handle media');
    expect(calls.filter((c) => c.startsWith('ipc ')).sort()).toEqual(
      channelNames.map((c) => `ipc ${c}`).sort(),
    );
    const window = electron.windows[0];
    expect(window?.loaded).toEqual(['app://offstream/index.html']);
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(String(window?.options.webPreferences.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(electron.app.listenerCount('web-contents-created')).toBe(1);
    expect(electron.app.listenerCount('will-quit')).toBe(1);

    const options = backendOptions[0];
    expect(options?.configDir).toBe(join(home.root, 'userData'));
    expect(options?.info).toEqual({
      version: '9.9.9',
      transport: 'ipc',
      kiosk: false,
      systemLanguages: ['de-AT', 'en-US'],
    });
    expect(await options?.secrets.status()).toEqual({ ok: true });
    const demo = await options?.startDemo();
    expect(demo).toMatchObject({ accountId: 'f'.repeat(32), token: 'demo-token-0123456789' });
    expect(await options?.chooseFolder('export')).toBeUndefined();
    // A development build (not packaged) has no app-update.yml: updates report unsupported.
    expect(options?.updates?.status()).toMatchObject({ supported: false, currentVersion: '9.9.9' });
    // Start at login is the shell's to apply (login items, or the XDG entry on Linux).
    expect(typeof options?.startAtLogin).toBe('function');

    // The main-process log scrubs what the app holds, as the CLI and serve loggers do.
    const written: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    options?.logger?.error('failed with connected-token-0123456789');
    write.mockRestore();
    expect(written.join('')).toContain('[redacted]');
    expect(written.join('')).not.toContain('connected-token-0123456789');
  });

  it.each([
    { how: 'the --kiosk flag', argv: ['--kiosk'], kioskOnStart: false, kiosk: true },
    { how: 'the saved setting', argv: [], kioskOnStart: true, kiosk: true },
    { how: 'neither', argv: [], kioskOnStart: false, kiosk: false },
  ])('opens in kiosk mode from $how: $kiosk', async ({ argv, kioskOnStart, kiosk }) => {
    await writeAppConfig(join(home.root, 'userData'), {
      mode: 'none',
      accountId: null,
      kioskOnStart,
    });
    // The electron mock outlives resetModules, so look only at what this launch added.
    const electron = (await import('electron')) as unknown as {
      calls: string[];
      windows: { options: Record<string, unknown> }[];
    };
    const before = { backends: backendOptions.length, calls: electron.calls.length };
    const windows = electron.windows.length;
    const saved = process.argv;
    process.argv = [...saved, ...argv];
    try {
      vi.resetModules();
      await import('../../main/electron/index');
      await vi.waitFor(() => expect(electron.windows).toHaveLength(windows + 1));
      expect(backendOptions).toHaveLength(before.backends + 1);
      expect(backendOptions.at(-1)?.info.kiosk).toBe(kiosk);
      expect(electron.windows.at(-1)?.options.kiosk ?? false).toBe(kiosk);
      expect(electron.calls.slice(before.calls).includes('menu null')).toBe(kiosk);
    } finally {
      process.argv = saved;
    }
  });
});
