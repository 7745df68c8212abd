import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartEntry, autostartFile, xdgStartAtLogin } from '../../main/core/app/start-at-login';
import { appFixture } from './helpers';

const made: string[] = [];
function temp(): string {
  const folder = mkdtempSync(join(tmpdir(), 'offstream-xdg-'));
  made.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the XDG autostart entry (Linux)', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: '/x/conf' }, '/home/ann')).toBe(
      '/x/conf/autostart/offstream.desktop',
    );
    expect(autostartFile({}, '/home/ann')).toBe('/home/ann/.config/autostart/offstream.desktop');
    // A relative XDG_CONFIG_HOME is invalid by the spec.
    expect(autostartFile({ XDG_CONFIG_HOME: 'conf' }, '/home/ann')).toBe(
      '/home/ann/.config/autostart/offstream.desktop',
    );
  });

  it('is written and removed for real in the XDG folder, with nothing left beside it', async () => {
    const config = temp();
    const apply = xdgStartAtLogin({
      env: { XDG_CONFIG_HOME: config },
      command: '/opt/Offstream/offstream',
      home: '/nowhere',
    });
    const file = join(config, 'autostart', 'offstream.desktop');
    await apply(true);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Offstream/offstream"\n');
    expect(readFileSync(file, 'utf8')).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    await apply(true); // again: the same file, no temp files
    expect(readdirSync(join(config, 'autostart'))).toEqual(['offstream.desktop']);
    await apply(false);
    expect(existsSync(file)).toBe(false);
    await apply(false); // nothing to remove is fine
  });

  it('quotes a path with spaces, quotes, dollars and percent signs as the spec asks', () => {
    const entry = autostartEntry('/home/ann/My "Apps"/$HOME/100%/offstream');
    expect(entry).toContain('Exec="/home/ann/My \\\\"Apps\\\\"/\\\\$HOME/100%%/offstream"\n');
  });

  it('refuses a relative path or one with a line break (it would add lines to the entry)', () => {
    expect(() => autostartEntry('offstream')).toThrow(/cannot go into an autostart entry/);
    expect(() => autostartEntry('/opt/x\nExec=/bin/evil')).toThrow(/autostart entry/);
  });
});

describe('the startAtLogin setting', () => {
  it('is off by default, applies through the shell, and is stored', async () => {
    const calls: boolean[] = [];
    const fixture = await appFixture({
      startAtLogin: async (enabled) => {
        calls.push(enabled);
      },
    });
    try {
      // At open, the app makes the OS agree with the stored value.
      expect(calls).toEqual([false]);
      expect(fixture.app.settings().startAtLogin).toBe(false);
      expect((await fixture.app.setSettings({ startAtLogin: true })).startAtLogin).toBe(true);
      expect(calls).toEqual([false, true]);
      await fixture.restart();
      expect(calls).toEqual([false, true, true]);
      expect(fixture.app.settings().startAtLogin).toBe(true);
    } finally {
      await fixture.close();
    }
  });

  it('stays as it was, with a coded problem, when the OS refuses', async () => {
    const config = temp();
    // A file where the autostart folder should be: fails for root too, unlike permission bits.
    writeFileSync(join(config, 'autostart'), 'not a folder');
    const fixture = await appFixture({
      startAtLogin: xdgStartAtLogin({ env: { XDG_CONFIG_HOME: config }, command: '/opt/o' }),
    });
    try {
      await expect(fixture.app.setSettings({ startAtLogin: true })).rejects.toMatchObject({
        code: 'start_at_login_failed',
      });
      expect(fixture.app.settings().startAtLogin).toBe(false);
    } finally {
      await fixture.close();
    }
  });
});
