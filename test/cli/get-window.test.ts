import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { openLibrary } from '../../main/core/library/index';
import type { DownloadWindow } from '../../main/core/schedule/windows';
import { tempFolder } from '../library/helpers';
import { type CliProcess, exitCode, spawnCli } from '../support/cli-process';
import { cliAccountEnv, emulatorForTests } from '../support/emulator';

const ALPINE = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';
const HARBOUR = 'b2f0d1e5c3a4496a8b1c2d3e4f5a6b7c';
const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

let emulator: RunningEmulator | undefined;
let child: CliProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  await emulator?.close();
  emulator = undefined;
});

/** HH:MM `hours` from now in this machine's zone, which the CLI child shares. */
const clockIn = (hours: number) => DateTime.local().plus({ hours }).toFormat('HH:mm');

async function getWithWindow(window: DownloadWindow) {
  emulator = await emulatorForTests();
  const folder = tempFolder();
  const library = openLibrary(folder);
  library.setSetting('downloadWindow', window);
  library.close();
  emulator.control.setDeliveryFaults({ bytesPerSecond: 400_000 });
  child = spawnCli(['get', '--json', ALPINE, HARBOUR], {
    ...cliAccountEnv(emulator),
    OFFSTREAM_LIBRARY: folder,
  });
  return child;
}

interface Line {
  event: string;
  uid: string;
  state?: string;
  errorCode?: string;
  errorMessage?: string;
  bytesDone?: number;
}

function lines(process: CliProcess, onLine: (line: Line) => void): void {
  let buffered = '';
  process.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) onLine(JSON.parse(part) as Line);
  });
}

describe('offstream get keeps to the download window of the library', () => {
  it('outside a paused window: the downloads wait, saying why and when they start', async () => {
    const process = await getWithWindow({
      windows: [{ days: [...everyDay], from: clockIn(2), to: clockIn(3) }],
      capInside: 0,
      outside: { mode: 'paused' },
    });
    const seen: Line[] = [];
    await new Promise<void>((resolve) =>
      lines(process, (line) => {
        seen.push(line);
        const waiting = seen.filter((l) => l.state === 'waiting');
        if (new Set(waiting.map((l) => l.uid)).size === 2) resolve();
      }),
    );
    const waiting = seen.filter((l) => l.state === 'waiting');
    expect(waiting.every((l) => l.errorCode === 'outside_download_window')).toBe(true);
    expect(waiting[0]?.errorMessage).toContain(`starts`);
    expect(waiting[0]?.errorMessage).toContain(clockIn(2));
    expect(seen.some((l) => l.event === 'progress' && (l.bytesDone ?? 0) > 0)).toBe(false);
  });

  it('inside the window: the downloads run at the window’s cap', async () => {
    const cap = 100_000;
    const process = await getWithWindow({
      windows: [{ days: [...everyDay], from: clockIn(-1), to: clockIn(2) }],
      capInside: cap,
      outside: { mode: 'paused' },
    });
    const seen: Line[] = [];
    lines(process, (line) => seen.push(line));
    const startedAt = performance.now();
    expect(await exitCode(process)).toBe(0);
    const seconds = (performance.now() - startedAt) / 1000;
    const bytes = [ALPINE, HARBOUR]
      .map((uid) => seen.filter((e) => e.uid === uid && e.event === 'progress').at(-1))
      .reduce((sum, e) => sum + (e?.bytesDone ?? 0), 0);
    expect(seen.some((l) => l.errorCode === 'outside_download_window')).toBe(false);
    // As in get-settings: a lower bound (one second of burst), so a slow machine cannot fail it.
    expect(bytes).toBeGreaterThan(2 * cap);
    expect(seconds).toBeGreaterThanOrEqual(((bytes - cap) / cap) * 0.9);
  });
});
