import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect } from 'vitest';
import type { EmulatorOptions, RunningEmulator } from '../../main/core/emulator/types';
import { openLibrary } from '../../main/core/library/index';
import { spawnCli } from '../support/cli-process';
import {
  cliAccountEnv,
  emulatorForTests,
  mediaOf,
  readyDownload,
  sha256Of,
} from '../support/emulator';

/** One line of `offstream get --json`. */
export type CliEvent = Record<string, unknown> & { event: string };

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  events: CliEvent[];
  stderr: string;
}

export interface CrashWorld {
  emulator: RunningEmulator;
  library: string;
  /** Environment for the CLI child: this library and the emulated account. */
  env: NodeJS.ProcessEnv;
  /** A synthetic video whose download is already prepared. */
  video(size: number, options?: { requireSignedURLs?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export const MiB = 1024 * 1024;
/** What may be sent twice around a kill: bytes in the sockets and the chunk being written. */
export const resendMargin = 256 * 1024;
/**
 * Received bytes the transfer may still hold in memory when killed: it writes in batches of
 * 1 MiB with one more batch in flight (transfer.ts BatchWriter). They were never on disk.
 */
export const unwrittenMargin = 2 * MiB;

export async function crashWorld(
  options: EmulatorOptions = {},
  library = mkdtempSync(join(tmpdir(), 'offstream-crash-')),
): Promise<CrashWorld> {
  const emulator = await emulatorForTests({ samples: false, ...options });
  return {
    emulator,
    library,
    env: {
      OFFSTREAM_LIBRARY: library,
      ...cliAccountEnv(emulator),
      OFFSTREAM_TEST_CRASH_AT: '',
    },
    async video(size, videoOptions = {}) {
      const uid = emulator.control.addSyntheticVideo({ size, ...videoOptions });
      await readyDownload(emulator, uid);
      return uid;
    },
    async close() {
      await emulator.close();
      rmSync(library, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `offstream get … --json` to its end. `onEvent` sees each JSON line as it arrives and may
 * kill the child; a run that outlives `timeoutMs` is killed and fails the test (never a hang).
 */
export function runGet(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { onEvent?: (event: CliEvent, kill: () => void) => void; timeoutMs?: number } = {},
): Promise<CliRun> {
  const child = spawnCli(['get', ...args, '--json'], env);
  const events: CliEvent[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const kill = () => child.kill('SIGKILL');
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as CliEvent;
    events.push(event);
    options.onEvent?.(event, kill);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`offstream get did not end in time; stderr: ${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, events, stderr });
    });
  });
}

/**
 * The Range header of the newest download request on the delivery host (undefined: from byte 0).
 * Signed links name a token, not the uid, so this looks at every download: one video per world.
 */
export function lastRange(world: CrashWorld): string | undefined {
  const downloads = world.emulator.requests.filter(
    (r) => r.host === 'delivery' && r.path.includes('/downloads/'),
  );
  const header = downloads.at(-1)?.headers.range;
  return typeof header === 'string' ? header : undefined;
}

/** The last `job` event the CLI printed. */
export function lastJob(run: CliRun): CliEvent | undefined {
  return run.events.filter((e) => e.event === 'job').at(-1);
}

export function partialEntries(library: string): string[] {
  const dir = join(library, '.partial');
  return existsSync(dir) ? readdirSync(dir) : [];
}

/**
 * What every crash must end in: the whole video with the source's SHA-256, nothing fetched twice
 * beyond `margin`, nothing left in .partial and a sound index. Reads .partial before opening the
 * library, because opening reconciles and would tidy it.
 */
export async function expectSavedWhole(world: CrashWorld, uid: string, margin: number) {
  const media = mediaOf(world.emulator, uid);
  expect(partialEntries(world.library)).toEqual([]);
  const file = join(world.library, 'media', uid, 'default.mp4');
  const onDisk = createHash('sha256').update(readFileSync(file)).digest('hex');
  expect(onDisk).toBe(await sha256Of(media));
  expect(world.emulator.deliveredBytes(uid)).toBeLessThanOrEqual(media.size + margin);
  const library = openLibrary(world.library);
  try {
    expect(library.integrityCheck()).toEqual({ ok: true, problems: [] });
    expect(library.getJob(uid, 'default')?.state).toBe('complete');
    expect(library.getFiles(uid).find((f) => f.role === 'default')?.sha256).toBe(onDisk);
  } finally {
    library.close();
  }
}
