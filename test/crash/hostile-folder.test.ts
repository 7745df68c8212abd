import { spawn } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cliPath } from '../support/cli-process';
import { type CliRun, type CrashWorld, crashWorld, lastJob, MiB, runGet } from './support';

let world: CrashWorld;
afterEach(() => world?.close());

const noTrace = /\n\s+at /;

/**
 * `get` on a library folder this process may not write. Root ignores permission bits, so as root
 * the child runs without the capabilities that override them (setpriv, from util-linux); it
 * still owns the checkout, so it reads the CLI wherever the checkout lies.
 */
function getWithoutOverride(uid: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  const cli = [process.execPath, cliPath, 'get', uid, '--json'];
  const [command = '', ...args] =
    process.getuid?.() === 0
      ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', ...cli]
      : cli;
  const child = spawn(command, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, events: [], stderr }));
  });
}

describe('a hostile library folder', () => {
  it('read-only: exits non-zero with library_unwritable, no stack trace', async () => {
    world = await crashWorld();
    const uid = await world.video(1 * MiB);
    chmodSync(world.library, 0o555);
    const run = await getWithoutOverride(uid, world.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^offstream \[library_unwritable\]: The library folder .* cannot be written to\./,
    );
    expect(run.stderr).not.toMatch(noTrace);
  });

  it('deleted mid-transfer: the run ends with a coded message instead of hanging', async () => {
    world = await crashWorld();
    const size = 16 * MiB;
    const uid = await world.video(size);
    world.emulator.control.setDeliveryFaults({ bytesPerSecond: 8 * MiB });
    let removed = false;
    const run = await runGet([uid], world.env, {
      onEvent: (event) => {
        if (!removed && event.event === 'progress' && Number(event.bytesDone) >= size * 0.3) {
          removed = true;
          rmSync(world.library, { recursive: true, force: true });
        }
      },
    });
    expect(removed).toBe(true);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(noTrace);
    const job = lastJob(run);
    if (job?.state === 'failed' || job?.state === 'paused') {
      expect(job.errorCode).toBe('library_unwritable');
    } else {
      expect(run.stderr).toMatch(/offstream \[library_\w+\]: The library/);
    }
  });
});
