import { rmSync } from 'node:fs';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { type BackoffPolicy, backoffDelay } from './backoff';
import { type Clock, systemClock } from './clock';

/**
 * The file operations whose behaviour differs between Windows, macOS and Linux, behind one seam:
 * tests inject the errors Windows returns (EPERM, EBUSY, EACCES) into the same code paths on
 * Linux by passing a `FileSystem` that fails and `platform: 'win32'`, never by patching node:fs.
 */
export interface FileSystem {
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { recursive?: boolean; force?: boolean }): Promise<void>;
  rmSync(path: string, options: { recursive?: boolean; force?: boolean }): void;
  open(path: string, flags: string): Promise<FileHandle>;
}

export const nodeFileSystem: FileSystem = {
  rename: (from, to) => rename(from, to),
  rm: (path, options) => rm(path, options),
  rmSync: (path, options) => rmSync(path, options),
  open: (path, flags) => open(path, flags),
};

export interface FileSemantics {
  fs: FileSystem;
  platform: NodeJS.Platform;
  clock: Clock;
  random: () => number;
  /** How long to keep trying a file another program holds open: attempts, then give up. */
  heldRetry: BackoffPolicy & { attempts: number };
}

/** About 20 s in all before giving up: a virus scan or an indexer lets go well within that. */
export const defaultHeldRetry = { baseMs: 100, capMs: 4_000, attempts: 10 } as const;

export function nativeFileSemantics(overrides: Partial<FileSemantics> = {}): FileSemantics {
  return {
    fs: nodeFileSystem,
    platform: process.platform,
    clock: systemClock,
    random: Math.random,
    heldRetry: defaultHeldRetry,
    ...overrides,
  };
}

const heldCodes = new Set(['EPERM', 'EBUSY', 'EACCES']);

/**
 * On Windows a file another program has open (the player, a virus scanner, the search indexer)
 * cannot be renamed over or removed: the call fails with EPERM, EBUSY or EACCES. Elsewhere
 * those codes mean a real permission problem and are not retried.
 */
export function heldByAnotherProgram(error: unknown, platform: NodeJS.Platform): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return platform === 'win32' && code !== undefined && heldCodes.has(code);
}

async function whileHeld<T>(files: FileSemantics, step: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      const more = attempt + 1 < files.heldRetry.attempts;
      if (!more || !heldByAnotherProgram(error, files.platform)) throw error;
      await files.clock.sleep(backoffDelay(attempt, files.heldRetry, files.random));
    }
  }
}

/** Renames `from` over `to`, waiting with backoff while Windows says another program holds it. */
export function renameReplacing(from: string, to: string, files: FileSemantics): Promise<void> {
  return whileHeld(files, () => files.fs.rename(from, to));
}

/**
 * Removes a file or folder, waiting with backoff while it is held open. 'held' when it still
 * is after every attempt: the caller defers the removal (the next start tries again).
 */
export async function removeOrHeld(
  path: string,
  files: FileSemantics,
): Promise<'removed' | 'held'> {
  try {
    await whileHeld(files, () => files.fs.rm(path, { recursive: true, force: true }));
    return 'removed';
  } catch (error) {
    if (heldByAnotherProgram(error, files.platform)) return 'held';
    throw error;
  }
}

/** One synchronous attempt, for the removal paths that run inside a database call. */
export function removeNowOrHeld(path: string, files: FileSemantics): 'removed' | 'held' {
  try {
    files.fs.rmSync(path, { recursive: true, force: true });
    return 'removed';
  } catch (error) {
    if (heldByAnotherProgram(error, files.platform)) return 'held';
    throw error;
  }
}

/**
 * Makes a rename inside `dir` durable. Windows cannot open a folder as a file (EPERM or EISDIR)
 * and NTFS journals the rename itself, so there is nothing to do there.
 */
export async function syncDirectory(dir: string, files: FileSemantics): Promise<void> {
  if (files.platform === 'win32') return;
  const handle = await files.fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
