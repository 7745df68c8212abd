import { describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../../main/contract/index';
import { registerContract } from '../../main/electron/ipc';
import { isKioskLaunch, KioskLock, kioskWindowOptions } from '../../main/electron/kiosk';
import { mainWindowOptions } from '../../main/electron/window';
import { FakeContents, FakeIpcMain, invokeEvent } from './fakes';

vi.mock('electron', () => ({}));

function closable() {
  let listener: ((event: { preventDefault(): void }) => void) | undefined;
  return {
    on: (_event: 'close', l: (event: { preventDefault(): void }) => void) => {
      listener = l;
    },
    /** True when the close went through. */
    close(): boolean {
      let prevented = false;
      listener?.({ preventDefault: () => (prevented = true) });
      return !prevented;
    },
  };
}

describe('kiosk mode', () => {
  it('starts from --kiosk or the preference', () => {
    expect(isKioskLaunch(['/opt/Offstream/offstream'])).toBe(false);
    expect(isKioskLaunch(['/opt/Offstream/offstream', '--kiosk'])).toBe(true);
    expect(isKioskLaunch(['/opt/Offstream/offstream', '--kiosk-ish'])).toBe(false);
    expect(isKioskLaunch([], true)).toBe(true);
  });

  it('is full screen without chrome and keeps the secure web preferences', () => {
    const options = mainWindowOptions({ preload: '/p.cjs', kiosk: true });
    expect(options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
      frame: false,
    });
    expect(options.webPreferences).toEqual(
      mainWindowOptions({ preload: '/p.cjs', kiosk: false }).webPreferences,
    );
    expect(kioskWindowOptions({ width: 10 })).toMatchObject({ width: 10, kiosk: true });
  });

  it('keeps the window open until a kiosk:unlock succeeds', () => {
    const lock = new KioskLock();
    const window = closable();
    lock.guard(window);
    expect(window.close()).toBe(false);
    lock.observe('kiosk:unlock', { ok: true, value: { ok: false } });
    lock.observe('kiosk:unlock', { ok: false, error: { code: 'invalid_arguments', message: 'x' } });
    lock.observe('settings:get', { ok: true, value: { ok: true } });
    expect(lock.locked).toBe(true);
    expect(window.close()).toBe(false);
    lock.observe('kiosk:unlock', { ok: true, value: { ok: true } });
    expect(lock.locked).toBe(false);
    expect(window.close()).toBe(true);
  });

  it('learns of the unlock through the IPC wrapper, from our window only', async () => {
    const lock = new KioskLock();
    const ipc = new FakeIpcMain();
    const ours = new FakeContents();
    let pinIsRight = false;
    const backend = {
      dispatch: async (): Promise<Outcome<unknown>> => ({ ok: true, value: { ok: pinIsRight } }),
    };
    registerContract(ipc, backend, () => ours, lock.observe);
    await ipc.call('kiosk:unlock', invokeEvent(ours), { pin: '0000' });
    expect(lock.locked).toBe(true);
    pinIsRight = true;
    await ipc.call('kiosk:unlock', invokeEvent({ id: 9, isDestroyed: () => false }), { pin: '1' });
    expect(lock.locked).toBe(true);
    await ipc.call('kiosk:unlock', invokeEvent(ours), { pin: '1234' });
    expect(lock.locked).toBe(false);
  });
});
