import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { silentLogger } from '../../main/core/log';
import { relaunchOnFatalError, watchRenderer } from '../../main/electron/watchdog';

vi.mock('electron', () => ({}));

/** A BrowserWindow as far as the watchdog touches it; records what was done to its page. */
class FakeWindow extends EventEmitter {
  readonly done: string[] = [];
  destroyed = false;
  readonly webContents = Object.assign(new EventEmitter(), {
    reload: () => this.done.push('reload'),
    forcefullyCrashRenderer: () => {
      this.done.push('kill');
      // Electron reports the kill as the renderer going.
      this.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    },
  });
  isDestroyed() {
    return this.destroyed;
  }
}

function watch() {
  const window = new FakeWindow();
  const clock = new ManualClock(0);
  const recorded: string[] = [];
  const givenUp: string[] = [];
  watchRenderer(window, {
    clock,
    record: (what) => recorded.push(what),
    giveUp: (detail) => givenUp.push(detail),
  });
  return { window, clock, recorded, givenUp };
}

describe('watchRenderer', () => {
  it('reloads the page when its renderer process crashes', () => {
    const { window, recorded } = watch();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(window.done).toEqual(['reload']);
    expect(recorded).toEqual(['renderer-crashed']);
  });

  it('kills and reloads a window unresponsive for 15 s, recording one restart', async () => {
    const { window, clock, recorded } = watch();
    window.emit('unresponsive');
    clock.advance(14_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(window.done).toEqual([]);
    clock.advance(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(window.done).toEqual(['kill', 'reload']);
    expect(recorded).toEqual(['renderer-frozen']);
  });

  it('does nothing once the window is closed', async () => {
    const { window, clock } = watch();
    window.emit('unresponsive');
    window.emit('closed');
    clock.advance(60_000);
    await new Promise((resolve) => setImmediate(resolve));
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(window.done).toEqual([]);
  });
});

describe('relaunchOnFatalError', () => {
  function fatal(allowed: boolean | 'throws') {
    const proc = new EventEmitter();
    const calls: string[] = [];
    relaunchOnFatalError({
      app: { relaunch: () => calls.push('relaunch'), exit: (code) => calls.push(`exit ${code}`) },
      process: proc as unknown as NodeJS.Process,
      logger: silentLogger,
      claimRelaunch: (detail) => {
        calls.push(`claim ${detail}`);
        if (allowed === 'throws') throw new Error('disk full');
        return allowed;
      },
    });
    proc.emit('uncaughtException', new Error('kaputt'));
    return calls;
  }

  it('relaunches and exits when the budget allows', () => {
    expect(fatal(true)).toEqual(['claim main process: kaputt', 'relaunch', 'exit 1']);
  });

  it('only exits when the budget is spent or the relaunch cannot be recorded', () => {
    expect(fatal(false)).toEqual(['claim main process: kaputt', 'exit 1']);
    expect(fatal('throws')).toEqual(['claim main process: kaputt', 'exit 1']);
  });
});
