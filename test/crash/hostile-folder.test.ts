import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliPath } from '../support/cli-process';
import { type CliRun, type CrashWorld, crashWorld, lastJob, MiB, runGet } from './support';

let world: CrashWorld;
afterEach(() => world?.close());

const noTrace = /\n\s+at /;

/** `get` as nobody: root ignores permission bits, so the child drops to uid 65534. */
function getAsNobody(uid: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  const child = spawn(process.execPath, [cliPath, 'get', uid, '--json'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
    uid: 65534,
    gid: 65534,
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
  it.skipIf(process.getuid?.() !== 0)(
    'read-only: exits non-zero with library_unwritable, no stack trace',
    async () => {
      const parent = mkdtempSync(join(tmpdir(), 'offstream-ro-'));
      chmodSync(parent, 0o755);
      world = await crashWorld({}, join(parent, 'lib'));
      const uid = await world.video(1 * MiB);
      // Owned by root, 0755: nobody may read it but not write to it.
      mkdirSync(world.library, { mode: 0o755 });
      chownSync(world.library, 0, 0);
      const run = await getAsNobody(uid, world.env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^offstream \[library_unwritable\]: The library folder .* cannot be written to\./,
      );
      expect(run.stderr).not.toMatch(noTrace);
    },
  );

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
