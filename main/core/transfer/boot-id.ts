import { readFile } from 'node:fs/promises';
import { uptime } from 'node:os';

/**
 * Names the current boot of the operating system, so bytes that were written but never synced
 * are trusted only while the page cache that holds them can still exist: a process kill keeps
 * it, a power loss or a restart does not. Linux has a random id per boot; elsewhere the boot
 * time (now minus uptime) stands in, compared with a tolerance because both clocks drift a bit.
 */
export async function currentBoot(): Promise<string> {
  const id = await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => undefined);
  if (id?.trim()) return `id:${id.trim()}`;
  return `at:${Math.round(Date.now() - uptime() * 1000)}`;
}

/** Whether two boot names denote the same boot. */
export function sameBoot(a: string, b: string): boolean {
  if (a.startsWith('at:') && b.startsWith('at:')) {
    // A second boot starts after the first one ended, so two boots whose starts are this close
    // together would need the first to have lived less than the tolerance: it does not happen.
    return Math.abs(Number(a.slice(3)) - Number(b.slice(3))) < 5_000;
  }
  return a === b;
}
