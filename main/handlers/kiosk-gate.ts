import type { Channel, Outcome } from '../contract/index';
import { problemOf } from '../core/app/index';
import { kioskErrors } from '../core/app/kiosk-errors';

/**
 * What a locked kiosk calls: its boot (app:info, account:status, settings:get, catalogue:list),
 * its loop (playback:source, kiosk:now, kiosk:video-stalled) and the way out (kiosk:unlock). Everything else waits for the PIN.
 */
export const kioskChannels: ReadonlySet<Channel> = new Set<Channel>([
  'app:info',
  'account:status',
  'settings:get',
  'catalogue:list',
  'playback:source',
  'kiosk:unlock',
  'kiosk:now',
  'kiosk:video-stalled',
]);

/**
 * The main process's kiosk lock: a kiosk launch starts locked, and while it is, only the
 * channels a kiosk needs are served, whatever the renderer shows. A kiosk:unlock answered
 * `{ ok: true }` (the PIN was right) opens it for the rest of the run.
 */
export class KioskGate {
  private locked: boolean;

  constructor(kiosk: boolean) {
    this.locked = kiosk;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  /** The refusal for a channel the locked kiosk does not need; undefined when it may run. */
  refusal(channel: Channel): Outcome<never> | undefined {
    if (!this.locked || kioskChannels.has(channel)) return undefined;
    return { ok: false, error: problemOf(kioskErrors.locked(), []) };
  }

  /** Sees every handler's value: a right PIN opens the lock. */
  observe(channel: Channel, value: unknown): void {
    if (channel !== 'kiosk:unlock') return;
    if ((value as { ok?: unknown } | null)?.ok === true) this.locked = false;
  }
}
