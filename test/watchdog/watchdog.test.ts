import { describe, expect, it } from 'vitest';
import { recordRestart, restartLogLimit } from '../../main/core/app/restart-log';
import {
  defaultWatchdogPolicy,
  RendererWatchdog,
  relaunchAllowed,
  reloadDecision,
  type WatchdogPolicy,
} from '../../main/core/app/watchdog';
import { ManualClock } from '../../main/core/clock';
import { createLogger, type LogRecord, silentLogger } from '../../main/core/log';
import { open, tempFolder } from '../library/helpers';

const policy: WatchdogPolicy = {
  frozenAfterMs: 10_000,
  reloads: { max: 3, withinMs: 60_000 },
  backoff: { baseMs: 1_000, capMs: 8_000 },
  relaunches: { max: 2, withinMs: 60_000 },
};

/** Lets the promise callbacks of a woken sleep run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function watched(clock = new ManualClock(0)) {
  const recorded: [string, string][] = [];
  const reloads: string[] = [];
  const givenUp: string[] = [];
  const dog = new RendererWatchdog({
    clock,
    policy,
    random: () => 0.5,
    record: (what, detail) => recorded.push([what, detail]),
    reload: (how) => reloads.push(how),
    giveUp: (detail) => givenUp.push(detail),
  });
  return { clock, dog, recorded, reloads, givenUp };
}

describe('reload budget', () => {
  it('reloads at once the first time, then waits longer and longer', () => {
    expect(reloadDecision([], 0, policy, () => 0.5)).toEqual({ reloadInMs: 0 });
    expect(reloadDecision([0], 100, policy, () => 0.5)).toEqual({ reloadInMs: 750 });
    expect(reloadDecision([0, 50], 100, policy, () => 0.5)).toEqual({ reloadInMs: 1_500 });
  });

  it('is spent after max reloads within the window, and refills as they age', () => {
    expect(reloadDecision([0, 1, 2], 100, policy, () => 0.5)).toBe('budget-spent');
    expect(reloadDecision([0, 1, 2], 60_003, policy, () => 0.5)).toEqual({ reloadInMs: 0 });
  });

  it('allows relaunches up to the budget only', () => {
    expect(relaunchAllowed([], 0, policy)).toBe(true);
    expect(relaunchAllowed([10], 20, policy)).toBe(true);
    expect(relaunchAllowed([10, 15], 20, policy)).toBe(false);
    expect(relaunchAllowed([10, 15], 60_016, policy)).toBe(true);
    expect(defaultWatchdogPolicy.frozenAfterMs).toBeGreaterThan(0);
  });
});

describe('RendererWatchdog', () => {
  it('reloads a crashed renderer and records why', async () => {
    const { dog, recorded, reloads } = watched();
    dog.gone({ reason: 'crashed', exitCode: 139 });
    await settle();
    expect(reloads).toEqual(['crashed']);
    expect(recorded).toEqual([['renderer-crashed', 'renderer crashed (exit code 139)']]);
  });

  it('leaves a clean exit alone (the window closing)', async () => {
    const { dog, recorded, reloads } = watched();
    dog.gone({ reason: 'clean-exit', exitCode: 0 });
    await settle();
    expect(reloads).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('reloads a renderer unresponsive for frozenAfterMs, not one that recovers sooner', async () => {
    const { clock, dog, recorded, reloads } = watched();
    dog.unresponsive();
    clock.advance(9_999);
    dog.responsive();
    clock.advance(10_000);
    await settle();
    expect(reloads).toEqual([]);

    dog.unresponsive();
    dog.unresponsive(); // Electron may repeat it; one timer
    clock.advance(10_000);
    await settle();
    expect(recorded).toEqual([['renderer-frozen', 'renderer unresponsive for 10 s']]);
    expect(reloads).toEqual(['frozen']);
    // Killing the frozen renderer ends it: that 'gone' is ours, not a second crash.
    dog.gone({ reason: 'killed', exitCode: 9 });
    await settle();
    expect(recorded).toHaveLength(1);
    // A later crash is a crash again.
    clock.advance(5_000);
    dog.gone({ reason: 'oom', exitCode: 1 });
    clock.advance(10_000);
    await settle();
    expect(recorded.map(([what]) => what)).toEqual(['renderer-frozen', 'renderer-crashed']);
  });

  it('backs off between reloads and gives up when the budget is spent', async () => {
    const { clock, dog, reloads, givenUp } = watched();
    dog.gone({ reason: 'crashed', exitCode: 1 });
    await settle();
    dog.gone({ reason: 'crashed', exitCode: 1 });
    await settle();
    expect(reloads).toHaveLength(1); // the second waits 750 ms
    clock.advance(749);
    await settle();
    expect(reloads).toHaveLength(1);
    clock.advance(1);
    await settle();
    expect(reloads).toHaveLength(2);
    dog.gone({ reason: 'crashed', exitCode: 1 });
    clock.advance(1_500);
    await settle();
    expect(reloads).toHaveLength(3);
    dog.gone({ reason: 'crashed', exitCode: 1 });
    await settle();
    expect(reloads).toHaveLength(3);
    expect(givenUp).toEqual([
      'renderer crashed (exit code 1); 3 reloads already within the budget',
    ]);
  });

  it('fires nothing after stop', async () => {
    const { clock, dog, reloads } = watched();
    dog.unresponsive();
    dog.stop();
    clock.advance(20_000);
    dog.gone({ reason: 'crashed', exitCode: 1 });
    await settle();
    expect(reloads).toEqual([]);
  });
});

describe('recordRestart', () => {
  it('appends to restartLog in the library, logs it, and keeps the last 200', () => {
    const library = open(tempFolder());
    const lines: LogRecord[] = [];
    const logger = createLogger({ sink: (r) => lines.push(r) });
    for (let at = 0; at < restartLogLimit + 5; at += 1) {
      recordRestart(library, { at, what: 'video-stalled', detail: `n ${at}` }, silentLogger);
    }
    recordRestart(library, { at: 999, what: 'renderer-crashed', detail: 'boom' }, logger);
    const log = library.getSetting('restartLog');
    expect(log).toHaveLength(restartLogLimit);
    expect(log[0]).toEqual({ at: 6, what: 'video-stalled', detail: 'n 6' });
    expect(log.at(-1)).toEqual({ at: 999, what: 'renderer-crashed', detail: 'boom' });
    expect(lines).toMatchObject([{ msg: 'watchdog restart', what: 'renderer-crashed' }]);
  });

  it('cuts control characters and over-long details from untrusted text', () => {
    const library = open(tempFolder());
    const entry = recordRestart(
      library,
      { at: 1, what: 'video-stalled', detail: `\u001b[31mred\u0007 ${'x'.repeat(900)}` },
      silentLogger,
    );
    expect(entry.detail.startsWith('[31mred x')).toBe(true);
    expect(entry.detail).toHaveLength(500);
    expect(library.getSetting('restartLog')).toEqual([entry]);
  });
});
