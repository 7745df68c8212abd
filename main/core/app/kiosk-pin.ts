import type { LibraryIndex } from '../library/index';
import { kioskErrors } from './kiosk-errors';
import { pinMatches } from './pin';

/** Wrong PINs allowed before each further try has to wait. */
export const freeTries = 3;
const firstWaitMs = 1_000;
const longestWaitMs = 5 * 60_000;

/** How long after this many wrong PINs in a row the next try waits: 0, 0, 1 s, 2 s, 4 s … 5 min. */
export function waitAfter(failures: number): number {
  if (failures < freeTries) return 0;
  return Math.min(longestWaitMs, firstWaitMs * 2 ** (failures - freeTries));
}

/**
 * Checks a PIN against the stored hash, no more often than the backoff allows. The try is
 * counted as wrong before the slow hash runs, so calls made at the same time cannot all slip
 * in before the first is counted; a right PIN then clears the count. No PIN set: true.
 */
export async function checkKioskPin(
  library: LibraryIndex,
  pin: string,
  now: number,
): Promise<boolean> {
  const stored = library.getSetting('kioskPinHash');
  if (stored === null) return true;
  const attempts = library.getSetting('kioskPinAttempts');
  if (now < attempts.notBefore) {
    throw kioskErrors.backoff(Math.ceil((attempts.notBefore - now) / 1_000));
  }
  const failures = attempts.failures + 1;
  library.setSetting('kioskPinAttempts', { failures, notBefore: now + waitAfter(failures) });
  const right = await pinMatches(pin, stored);
  if (right) library.setSetting('kioskPinAttempts', { failures: 0, notBefore: 0 });
  return right;
}

interface PinGuardedPatch {
  kioskPin?: string | null;
  kioskOnStart?: boolean;
  currentPin?: string;
}

/**
 * Setting, changing or clearing a PIN that is already set, or no longer starting in kiosk
 * mode, is what the PIN protects: it needs the current PIN, under the same backoff as unlocking.
 */
export async function requirePinForChange(
  library: LibraryIndex,
  patch: PinGuardedPatch,
  now: number,
): Promise<void> {
  const guarded = patch.kioskPin !== undefined || patch.kioskOnStart === false;
  if (!guarded || library.getSetting('kioskPinHash') === null) return;
  if (patch.currentPin === undefined) throw kioskErrors.pinRequired();
  if (!(await checkKioskPin(library, patch.currentPin, now))) throw kioskErrors.pinWrong();
}
