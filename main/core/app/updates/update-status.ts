import type { UpdateBlock } from './update-gate';

/** What the updater reports, in the app's words (main/electron translates electron-updater's). */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; code: UpdateErrorCode; message: string };

/**
 * `tampered`: the file's SHA-512 is not the one the release metadata names (or, on Windows,
 * the installer's publisher signature is not ours); the file was thrown away.
 */
export type UpdateErrorCode = 'update_tampered' | 'update_failed';

export type UpdatePhase = 'idle' | 'checking' | 'available' | 'downloading' | 'ready' | 'error';

export interface UpdateStatus {
  phase: UpdatePhase;
  currentVersion: string;
  /** The newer version found, downloading or ready. */
  version?: string;
  /** 0–100 while downloading. */
  percent?: number;
  error?: { code: UpdateErrorCode; message: string };
  /** Why the app is not checking or downloading by itself now. */
  blockedBy?: UpdateBlock;
  /** Epoch ms of the last check that reached the server. */
  checkedAt?: number;
  /** False where the app cannot update itself (browser mode, the command line, a dev build). */
  supported: boolean;
}

/** The state machine: idle → checking → available → downloading → ready; error from any. */
export function nextStatus(status: UpdateStatus, event: UpdaterEvent, now: number): UpdateStatus {
  const { currentVersion, supported, blockedBy, checkedAt } = status;
  const base = { currentVersion, supported, blockedBy, checkedAt };
  switch (event.type) {
    case 'checking':
      // A download already in hand stays ready: a later check cannot lose it.
      return status.phase === 'ready' ? status : { ...base, phase: 'checking' };
    case 'not-available':
      return status.phase === 'ready' ? status : { ...base, phase: 'idle', checkedAt: now };
    case 'available':
      return { ...base, phase: 'available', version: event.version, checkedAt: now };
    case 'progress':
      return { ...base, phase: 'downloading', version: status.version, percent: event.percent };
    case 'downloaded':
      return { ...base, phase: 'ready', version: event.version };
    case 'error':
      return {
        ...base,
        phase: 'error',
        version: status.version,
        error: { code: event.code, message: event.message },
      };
  }
}
