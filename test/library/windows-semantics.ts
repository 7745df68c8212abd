import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Clock } from '../../main/core/clock';
import {
  type FileSemantics,
  type FileSystem,
  nativeFileSemantics,
  nodeFileSystem,
} from '../../main/core/file-semantics';

/** What Windows answers for a file another program has open. */
export type HeldCode = 'EPERM' | 'EBUSY' | 'EACCES';

function errnoError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: operation not permitted, ${syscall}`);
  error.code = code;
  error.syscall = syscall;
  error.path = path;
  return error;
}

/**
 * A real file system (node:fs on this Linux machine) that answers like Windows for the files a
 * test says are held open: renaming over them, or removing them or a folder holding them,
 * fails with the given code `times` times; opening a folder as a file fails with EISDIR.
 */
export class WindowsLikeFiles {
  readonly calls: string[] = [];
  private readonly held = new Map<string, { code: HeldCode; times: number }>();

  hold(path: string, code: HeldCode, times = Number.POSITIVE_INFINITY): void {
    this.held.set(resolve(path), { code, times });
  }

  release(path: string): void {
    this.held.delete(resolve(path));
  }

  readonly fs: FileSystem = {
    rename: async (from, to) => {
      this.calls.push(`rename ${to}`);
      this.failIfHeld('rename', [from, to], false);
      await nodeFileSystem.rename(from, to);
    },
    rm: async (path, options) => {
      this.calls.push(`rm ${path}`);
      this.failIfHeld('rm', [path], true);
      await nodeFileSystem.rm(path, options);
    },
    rmSync: (path, options) => {
      this.calls.push(`rmSync ${path}`);
      this.failIfHeld('rm', [path], true);
      nodeFileSystem.rmSync(path, options);
    },
    open: async (path, flags) => {
      this.calls.push(`open ${path}`);
      if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
        throw errnoError('EISDIR', 'open', path);
      }
      return nodeFileSystem.open(path, flags);
    },
  };

  /** A held file fails the call, as does a folder holding one when `inside` counts. */
  private failIfHeld(syscall: string, paths: string[], inside: boolean): void {
    for (const [heldPath, hold] of this.held) {
      const hit = paths.some((path) => {
        const absolute = resolve(path);
        return absolute === heldPath || (inside && heldPath.startsWith(absolute + sep));
      });
      if (!hit || hold.times <= 0) continue;
      hold.times -= 1;
      throw errnoError(hold.code, syscall, heldPath);
    }
  }
}

/** A clock whose sleeps return at once and are written down (the backoff a test checks). */
export function recordingClock(): Clock & { slept: number[] } {
  const slept: number[] = [];
  return { slept, now: () => 0, sleep: async (ms: number) => void slept.push(ms) };
}

export function windowsSemantics(files: WindowsLikeFiles, clock: Clock): FileSemantics {
  return nativeFileSemantics({ fs: files.fs, platform: 'win32', clock, random: () => 0.5 });
}
