import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { desktopStartAtLogin } from '../../main/electron/login-item';

vi.mock('electron', () => ({}));

function fakeApp() {
  const calls: unknown[] = [];
  return { calls, app: { setLoginItemSettings: (s: unknown) => void calls.push(s) } };
}

describe('desktopStartAtLogin', () => {
  it.each(['win32', 'darwin'] as const)(
    'on %s asks Electron for a login item',
    async (platform) => {
      const { calls, app } = fakeApp();
      const apply = desktopStartAtLogin({ app, platform, env: {}, execPath: '/x/Offstream' });
      await apply(true);
      await apply(false);
      expect(calls).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
    },
  );

  it('on Linux writes the XDG entry for the AppImage file, not its mount', async () => {
    const { calls, app } = fakeApp();
    const config = mkdtempSync(join(tmpdir(), 'offstream-login-'));
    try {
      const apply = desktopStartAtLogin({
        app,
        platform: 'linux',
        env: { XDG_CONFIG_HOME: config, APPIMAGE: '/home/ann/Offstream.AppImage' },
        execPath: '/tmp/.mount_Offstr/offstream',
      });
      await apply(true);
      const entry = readFileSync(join(config, 'autostart', 'offstream.desktop'), 'utf8');
      expect(entry).toContain('Exec="/home/ann/Offstream.AppImage"');
      expect(calls).toEqual([]);
    } finally {
      rmSync(config, { recursive: true, force: true });
    }
  });
});
