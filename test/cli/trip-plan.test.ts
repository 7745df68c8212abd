import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { openLibrary } from '../../main/core/library/index';
import { tempFolder } from '../library/helpers';
import { exitCode, spawnCli } from '../support/cli-process';
import { cliAccountEnv, emulatorForTests } from '../support/emulator';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface PlanItem {
  uid: string;
  kind: string | null;
  verdict: string;
  finishAt: number | null;
  errorMs?: number;
  bytes: number;
}
interface Line {
  event: string;
  uid?: string;
  state?: string;
  items?: PlanItem[];
  now?: number;
  rates?: { measured: Record<string, boolean>; linkBytesPerSecond: number };
}

/** Runs the CLI to its end; `at` records when each stdout line arrived (ms, this clock). */
async function run(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawnCli(args, env);
  const lines: { line: Line; at: number }[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (let end = stdout.indexOf('\n'); end >= 0; end = stdout.indexOf('\n')) {
      const text = stdout.slice(0, end);
      stdout = stdout.slice(end + 1);
      if (text.startsWith('{')) lines.push({ line: JSON.parse(text) as Line, at: Date.now() });
      else lines.push({ line: { event: 'text', uid: text }, at: Date.now() });
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await exitCode(child);
  return { code, lines, stderr };
}

describe('offstream get --by: the trip plan against a real download', () => {
  it('finishes within the error the plan states, at a known link speed', async () => {
    // 1.5 MB videos (6 s each to the emulator), a 150 kB/s cap: about 10 s of transfer apiece.
    emulator = await emulatorForTests({ preparationMs: 1500 });
    const first = emulator.control.addSyntheticVideo({ size: 1_500_000, name: 'Earlier trip' });
    const next = emulator.control.addSyntheticVideo({ size: 1_500_000, name: 'Flight' });
    const folder = tempFolder();
    const library = openLibrary(folder);
    library.setSetting('bandwidthCap', 150_000);
    library.setSetting('downloadConcurrency', 1);
    library.close();
    const env = {
      ...cliAccountEnv(emulator),
      OFFSTREAM_LIBRARY: folder,
    };
    // A past job the rates are measured from.
    expect((await run(['get', '--json', first], env)).code).toBe(0);

    const by = new Date(Date.now() + 2 * 60 * 60_000).toISOString();
    const trip = await run(['get', '--json', '--by', by, next], env);
    expect(trip.code, trip.stderr).toBe(0);
    const plan = trip.lines.find((l) => l.line.event === 'plan')?.line;
    expect(plan?.rates?.measured).toEqual({ prepare: true, link: true, bitrate: true });
    const item = plan?.items?.[0];
    expect(item).toMatchObject({ uid: next, kind: 'default', verdict: 'ready' });
    const done = trip.lines.find((l) => l.line.event === 'job' && l.line.state === 'complete');
    expect(done).toBeDefined();
    const estimated = (item?.finishAt ?? 0) - (plan?.now ?? 0);
    const actual = (done?.at ?? 0) - (plan?.now ?? 0);
    // The band the plan states (± 25 % of the time, at least 10 s); the cap keeps the transfer
    // near 10 s on any machine, so the comparison does not measure how fast this one is.
    expect(item?.errorMs).toBeGreaterThan(0);
    expect(Math.abs(actual - estimated)).toBeLessThanOrEqual(item?.errorMs ?? 0);
    expect(actual).toBeGreaterThan(8_000);
  });

  it('offers the audio-only file for what will not be ready in time, and refuses a bad time', async () => {
    emulator = await emulatorForTests({ preparationMs: 50 });
    const big = emulator.control.addSyntheticVideo({ size: 50_000_000, name: 'Long film' });
    const folder = tempFolder();
    const library = openLibrary(folder);
    library.setSetting('bandwidthCap', 100_000);
    library.close();
    const env = {
      ...cliAccountEnv(emulator),
      OFFSTREAM_LIBRARY: folder,
    };
    // 50 MB at 100 kB/s is over 8 minutes; its M4A (duration × 16 kB/s, 3.2 MB) takes about 32 s.
    const by = new Date(Date.now() + 3 * 60_000).toISOString();
    const planned = await run(['plan', '--json', '--by', by, big], env);
    expect(planned.code, planned.stderr).toBe(0);
    const item = planned.lines[0]?.line.items?.[0];
    expect(item).toMatchObject({ uid: big, kind: 'audio', verdict: 'audio_instead' });

    const table = await run(['plan', '--by', by, big], env);
    expect(table.lines.map((l) => l.line.uid).join('\n')).toMatch(/Long film\s+audio.*audio only/);

    const bad = await run(['plan', '--by', '25:00', big], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--by: give a time of day as HH:MM/);
  });
});
