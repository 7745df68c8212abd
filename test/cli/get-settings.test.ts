import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { openLibrary } from '../../main/core/library/index';
import { tempFolder } from '../library/helpers';
import { exitCode, spawnCli } from '../support/cli-process';
import { cliAccountEnv, emulatorForTests } from '../support/emulator';

// Public samples of a few hundred kB each.
const ALPINE = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';
const HARBOUR = 'b2f0d1e5c3a4496a8b1c2d3e4f5a6b7c';
const WAVES = 'd4b2f3a7e5c6418cad3e4f5a6b7c8d9e';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface Event {
  event: string;
  uid: string;
  state?: string;
  bytesPerSecond?: number;
  bytesDone?: number;
}

/** Runs `get --json` on a library whose settings were set as the app sets them. */
async function getWith(settings: { concurrency: number; bandwidthCap: number }, rate = 400_000) {
  emulator = await emulatorForTests();
  const folder = tempFolder();
  const library = openLibrary(folder);
  library.setSetting('downloadConcurrency', settings.concurrency);
  library.setSetting('bandwidthCap', settings.bandwidthCap);
  library.close();
  // Each response slowed so that the three transfers overlap when they are allowed to.
  emulator.control.setDeliveryFaults({ bytesPerSecond: rate });
  const child = spawnCli(['get', '--json', ALPINE, HARBOUR, WAVES], {
    ...cliAccountEnv(emulator),
    OFFSTREAM_LIBRARY: folder,
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const startedAt = performance.now();
  const code = await exitCode(child);
  const seconds = (performance.now() - startedAt) / 1000;
  const events = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Event);
  return { code, events, seconds };
}

/**
 * The most transfers moving bytes at the same moment: a job counts from its first progress event
 * (a job is "downloading" while it still waits for a transfer slot) until it leaves downloading.
 */
function mostAtOnce(events: Event[]): number {
  const moving = new Set<string>();
  let most = 0;
  for (const e of events) {
    if (e.event === 'progress' && (e.bytesDone ?? 0) > 0) moving.add(e.uid);
    if (e.event === 'job' && e.state !== 'downloading') moving.delete(e.uid);
    most = Math.max(most, moving.size);
  }
  return most;
}

describe('offstream get keeps to the library settings the app set', () => {
  it('runs one transfer at a time when the library says one', async () => {
    const { code, events } = await getWith({ concurrency: 1, bandwidthCap: 0 });
    expect(code).toBe(0);
    expect(mostAtOnce(events)).toBe(1);
  });

  it('runs them side by side when the library allows three (the check above can fail)', async () => {
    // At 60 kB/s each transfer lasts about 4 s, longer than the spread of the jittered first
    // poll (at most 2 s) after which each one starts: they must overlap.
    const { code, events } = await getWith({ concurrency: 3, bandwidthCap: 0 }, 60_000);
    expect(code).toBe(0);
    expect(mostAtOnce(events)).toBeGreaterThan(1);
  });

  it('moves no faster than the bandwidth cap of the library allows', async () => {
    const cap = 100_000;
    const { code, events, seconds } = await getWith({ concurrency: 3, bandwidthCap: cap });
    expect(code).toBe(0);
    // A lower bound, so a slow machine cannot fail it: the cap lets one second of burst through,
    // then `cap` bytes a second for all transfers together. Without it the same run takes
    // well under a second (three connections at the emulator's 400 kB/s each).
    const bytes = [ALPINE, HARBOUR, WAVES]
      .map((uid) => events.filter((e) => e.uid === uid && e.event === 'progress').at(-1))
      .reduce((sum, e) => sum + (e?.bytesDone ?? 0), 0);
    expect(bytes).toBeGreaterThan(3 * cap);
    expect(seconds).toBeGreaterThanOrEqual(((bytes - cap) / cap) * 0.9);
  });
});
