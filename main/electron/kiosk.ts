import type { BrowserWindowConstructorOptions } from 'electron';
import type { Outcome } from '../contract/index';
import { readAppConfig } from '../core/app/config';
import { noPolicy, type Policy } from '../core/app/fleet/policy';
import type { Logger } from '../core/log';

export const kioskFlag = '--kiosk';

/** Kiosk mode comes from the command line (`--kiosk`) or a saved preference. */
export function isKioskLaunch(argv: readonly string[], preferred = false): boolean {
  return preferred || argv.includes(kioskFlag);
}

/**
 * The preference lives in the app config, so it is known before any library opens; an IT
 * policy that sets it outranks the person's choice.
 */
export async function kioskAtStart(
  argv: readonly string[],
  configDir: string,
  logger: Logger,
  policy: Policy = noPolicy(),
): Promise<boolean> {
  const config = await readAppConfig(configDir, logger);
  return isKioskLaunch(argv, policy.values.kioskOnStart ?? config.kioskOnStart);
}

/** Full screen, no menu, no frame: the playlist is all there is. */
export function kioskWindowOptions(
  base: BrowserWindowConstructorOptions,
): BrowserWindowConstructorOptions {
  return {
    ...base,
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    frame: false,
    minimizable: false,
  };
}

interface Closable {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
}

/**
 * Keeps the kiosk window open until someone proves the PIN: the lock watches dispatch
 * outcomes (see registerContract's observer) for a successful kiosk:unlock.
 */
export class KioskLock {
  private unlocked = false;

  get locked(): boolean {
    return !this.unlocked;
  }

  /** A DispatchObserver: a kiosk:unlock answered `{ ok: true }` opens the lock. */
  readonly observe = (channel: string, outcome: Outcome<unknown>): void => {
    if (channel !== 'kiosk:unlock' || !outcome.ok) return;
    const value = outcome.value;
    if (typeof value === 'object' && value !== null && 'ok' in value && value.ok === true) {
      this.unlocked = true;
    }
  };

  /** Prevents the window from closing (Alt+F4, Cmd+Q, the tray) while locked. */
  guard(window: Closable): void {
    window.on('close', (event) => {
      if (this.locked) event.preventDefault();
    });
  }
}
