import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SteeredEmulator } from '../main/core/emulator/steering';
import { mediaPath } from '../main/core/library/paths';
import { offstreamEnv, savedSha256, type Target } from './transfer-contenders';

export interface KillReport {
  kills: number;
  /** Body bytes the delivery host sent for the whole file, over every run. */
  delivered: number;
  /** delivered − the file's size: what was fetched twice. */
  twice: number;
  size: number;
  sha256: string;
}

/**
 * `offstream get` SIGKILLed when its progress passes each of `fractions` of the file, run again
 * each time on the same library, then once to the end: the bytes the emulator sent beyond the
 * file's size were fetched twice because of the kills (what was in memory, in the sockets, and
 * not yet recorded in the sidecar).
 */
export async function measureKills(
  target: Target,
  emulator: SteeredEmulator,
  size: number,
  fractions: readonly number[],
): Promise<KillReport> {
  const library = await mkdtemp(join(target.work, 'kills-'));
  const env = offstreamEnv(target, library);
  try {
    const before = (await emulator.deliveredBytes(target.uid)).bytes;
    for (const fraction of fractions) {
      const outcome = await runUntil(target, env, size * fraction);
      if (outcome !== 'SIGKILL')
        throw new Error(`offstream get ended (${outcome}) before the kill`);
    }
    const last = await runUntil(target, env, Number.POSITIVE_INFINITY);
    if (last !== 0) throw new Error(`the last offstream get exited with ${last}`);
    const saved = (await stat(join(library, mediaPath(target.uid, 'default')))).size;
    if (saved !== size) throw new Error(`saved ${saved} of ${size} bytes after the kills`);
    const delivered = (await emulator.deliveredBytes(target.uid)).bytes - before;
    return {
      kills: fractions.length,
      delivered,
      twice: delivered - size,
      size,
      sha256: savedSha256(target, env),
    };
  } finally {
    await rm(library, { recursive: true, force: true });
  }
}

/** Runs `offstream get --json`, killing it once a progress line passes `killAt` bytes. */
function runUntil(
  target: Target,
  env: NodeJS.ProcessEnv,
  killAt: number,
): Promise<number | NodeJS.Signals | null> {
  const child = spawn(process.execPath, [target.cli, 'get', target.uid, '--json'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as { event?: string; bytesDone?: number };
    if (event.event === 'progress' && Number(event.bytesDone) >= killAt) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(signal ?? code));
  });
}
