import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName, JobView } from '../../main/contract/index';
import { OnlineWatch } from '../../main/electron/connectivity';
import { JobWatch, jobNotice } from '../../main/electron/job-watch';
import {
  AwakeWhileDownloading,
  attachOsIntegration,
  showNotice,
} from '../../main/electron/os-integration';
import { createTray, trayMenuTemplate, trayTooltip } from '../../main/electron/tray';
import type { EventListener } from '../../main/handlers/index';

const electron = vi.hoisted(() => {
  const shown: { title: string; body: string }[] = [];
  const clicks: (() => void)[] = [];
  class Notification {
    static isSupported = () => true;
    listeners: Record<string, () => void> = {};
    constructor(readonly options: { title: string; body: string }) {}
    on(event: string, listener: () => void) {
      this.listeners[event] = listener;
    }
    show() {
      shown.push(this.options);
      const click = this.listeners.click;
      if (click) clicks.push(click);
    }
  }
  const trays: { tooltip?: string; menu?: unknown; click?: () => void }[] = [];
  class Tray {
    state: { tooltip?: string; menu?: unknown; click?: () => void } = {};
    constructor(readonly icon: unknown) {
      trays.push(this.state);
    }
    setToolTip(text: string) {
      this.state.tooltip = text;
    }
    setContextMenu(menu: unknown) {
      this.state.menu = menu;
    }
    on(_event: string, listener: () => void) {
      this.state.click = listener;
    }
  }
  const icon = { setTemplateImage: vi.fn() };
  return {
    shown,
    clicks,
    trays,
    icon,
    Notification,
    Tray,
    Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
    nativeImage: { createFromDataURL: vi.fn(() => icon) },
  };
});
vi.mock('electron', () => electron);

const uid = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';
const other = 'b2f0d1e5c3a4496a8b1c2d3e4f5a6b7c';

function job(state: JobView['state'], overrides: Partial<JobView> = {}): JobView {
  return {
    uid,
    kind: 'default',
    state,
    bytesDone: 0,
    bytesTotal: null,
    percentPrepared: null,
    nextAttemptAt: null,
    problem: null,
    ...overrides,
  };
}

const progress = (bytesDone: number, total?: number, id = uid) => ({
  uid: id,
  kind: 'default' as const,
  bytesDone,
  bytesPerSecond: 1000,
  ...(total === undefined ? {} : { total }),
});

describe('JobWatch', () => {
  it('maps progress to one fraction, -1 when idle and 2 when nothing is measurable', () => {
    const watch = new JobWatch();
    expect(watch.fraction()).toBe(-1);
    watch.apply('job:state', job('preparing'));
    expect(watch.fraction()).toBe(2);
    watch.apply('job:state', job('downloading', { bytesTotal: 1000 }));
    watch.apply('job:progress', progress(250, 1000));
    expect(watch.fraction()).toBe(0.25);
    watch.apply('job:progress', progress(500, 3000, other));
    expect(watch.fraction()).toBe(750 / 4000);
    watch.apply('job:state', job('complete', { bytesDone: 1000, bytesTotal: 1000 }));
    expect(watch.fraction()).toBe(500 / 3000);
    watch.apply('job:state', job('paused', { uid: other }));
    expect(watch.fraction()).toBe(-1);
  });

  it('knows when bytes are flowing', () => {
    const watch = new JobWatch();
    watch.apply('job:state', job('preparing'));
    expect(watch.downloading()).toBe(false);
    watch.apply('job:progress', progress(1, 10));
    expect(watch.downloading()).toBe(false);
    watch.apply('job:state', job('downloading'));
    expect(watch.downloading()).toBe(true);
    watch.apply('job:state', job('waiting'));
    expect(watch.downloading()).toBe(false);
  });

  it('notices completion and failure as they happen, not replays', () => {
    const watch = new JobWatch();
    expect(watch.apply('job:state', job('failed'))).toBeUndefined();
    expect(watch.apply('job:state', job('queued'))).toBeUndefined();
    expect(watch.apply('job:state', job('downloading'))).toBeUndefined();
    expect(watch.apply('job:state', job('complete'))).toEqual({
      title: 'Saved for offline viewing',
      body: 'The video is in your library.',
    });
    expect(watch.apply('job:state', job('complete'))).toBeUndefined();
    watch.apply('job:state', job('downloading', { kind: 'audio' }));
    const problem = {
      code: 'disk_full',
      message: 'The disk is full.',
      action: 'Free some space, then retry.',
    };
    expect(watch.apply('job:state', job('failed', { kind: 'audio', problem }))).toEqual({
      title: 'Download failed',
      body: 'The disk is full. Free some space, then retry.',
    });
    expect(watch.apply('catalogue:changed', {})).toBeUndefined();
  });

  it('has a sentence for a failure without a problem', () => {
    expect(jobNotice(job('failed'))?.body).toBe('The video could not be saved.');
    expect(jobNotice(job('paused'))).toBeUndefined();
  });
});

describe('AwakeWhileDownloading', () => {
  it('holds exactly one blocker while downloading', () => {
    const power = { start: vi.fn(() => 41), stop: vi.fn() };
    const awake = new AwakeWhileDownloading(power);
    awake.update(false);
    awake.update(true);
    awake.update(true);
    expect(power.start).toHaveBeenCalledTimes(1);
    expect(power.start).toHaveBeenCalledWith('prevent-app-suspension');
    awake.update(false);
    awake.update(false);
    expect(power.stop.mock.calls).toEqual([[41]]);
  });
});

describe('OnlineWatch', () => {
  it('reports changes only, and always after a wake-up', () => {
    let online = true;
    const reported: boolean[] = [];
    const watch = new OnlineWatch(
      () => online,
      (value) => reported.push(value),
    );
    watch.check();
    watch.check();
    online = false;
    watch.check();
    watch.check();
    watch.resumed();
    online = true;
    watch.check();
    expect(reported).toEqual([true, false, false, true]);
  });
});

describe('attachOsIntegration', () => {
  afterEach(() => vi.useRealTimers());

  it('drives progress, notifications, the blocker and connectivity from the backend', () => {
    vi.useFakeTimers();
    const listeners = new Set<EventListener>();
    const emit = (event: EventName, payload: unknown) => {
      for (const l of listeners) (l as (e: string, p: unknown) => void)(event, payload);
    };
    const bars: number[] = [];
    const notices: string[] = [];
    const fractions: number[] = [];
    const power = { start: vi.fn(() => 3), stop: vi.fn() };
    const powerMonitor = new EventEmitter();
    let online = true;
    const reported: boolean[] = [];
    const detach = attachOsIntegration({
      backend: {
        subscribe: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      window: () => ({ isDestroyed: () => false, setProgressBar: (n) => bars.push(n) }),
      notify: (notice) => notices.push(notice.title),
      onProgress: (fraction) => fractions.push(fraction),
      powerSaveBlocker: power,
      powerMonitor,
      isOnline: () => online,
      setOnline: (value) => reported.push(value),
      pollMs: 1000,
    });
    emit('job:state', job('downloading', { bytesTotal: 200 }));
    emit('job:progress', progress(50, 200));
    emit('connectivity', { online: true });
    emit('job:state', job('complete'));
    expect(bars).toEqual([0, 0.25, -1]);
    expect(fractions).toEqual(bars);
    expect(notices).toEqual(['Saved for offline viewing']);
    expect(power.start).toHaveBeenCalledTimes(1);
    expect(power.stop).toHaveBeenCalledWith(3);
    expect(reported).toEqual([true]);
    online = false;
    vi.advanceTimersByTime(1000);
    expect(reported).toEqual([true, false]);
    powerMonitor.emit('resume');
    expect(reported).toEqual([true, false, false]);
    detach();
    emit('job:state', job('downloading'));
    online = true;
    vi.advanceTimersByTime(5000);
    expect(bars).toHaveLength(3);
    expect(reported).toHaveLength(3);
  });
});

describe('notifications and the tray', () => {
  it('shows a notice that opens the window on click', () => {
    const open = vi.fn();
    showNotice({ title: 'Download failed', body: 'The disk is full.' }, open);
    expect(electron.shown).toEqual([{ title: 'Download failed', body: 'The disk is full.' }]);
    expect(open).not.toHaveBeenCalled();
    electron.clicks[0]?.();
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('offers open, pause all, resume all and quit', () => {
    const actions = { openWindow: vi.fn(), pauseAll: vi.fn(), resumeAll: vi.fn(), quit: vi.fn() };
    const items = trayMenuTemplate(actions).filter((item) => item.type !== 'separator');
    expect(items.map((item) => item.label)).toEqual([
      'Open Offstream',
      'Pause all downloads',
      'Resume all downloads',
      'Quit Offstream',
    ]);
    for (const item of items) (item.click as () => void)();
    for (const action of Object.values(actions)) expect(action).toHaveBeenCalledTimes(1);
  });

  it('says what is going on in the tooltip', () => {
    expect(trayTooltip(-1)).toBe('Offstream');
    expect(trayTooltip(2)).toBe('Offstream: preparing downloads');
    expect(trayTooltip(0.426)).toBe('Offstream: downloading, 42%');
  });

  it('creates the tray with its menu; a template icon on macOS', () => {
    const actions = { openWindow: vi.fn(), pauseAll: vi.fn(), resumeAll: vi.fn(), quit: vi.fn() };
    createTray(actions, 'darwin');
    const state = electron.trays.at(-1);
    expect(electron.icon.setTemplateImage).toHaveBeenCalledWith(true);
    expect(state?.tooltip).toBe('Offstream');
    expect(state?.menu).toMatchObject({ template: expect.any(Array) });
    state?.click?.();
    expect(actions.openWindow).toHaveBeenCalled();
  });
});
