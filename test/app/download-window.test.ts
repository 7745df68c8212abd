import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startDownload } from '../../main/core/app/use-cases/index';
import { ManualClock } from '../../main/core/clock';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import { partFilePath } from '../../main/core/library/index';
import { type AppFixture, appFixture, jobReaches } from './helpers';

const alpine = sampleVideos[0] as (typeof sampleVideos)[number];
const target = { uid: alpine.uid, kind: 'default' } as const;
const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const night = { days: [...everyDay], from: '01:00', to: '05:00' };
const utc = (iso: string) => Date.parse(`${iso}Z`);

let fixture: AppFixture | undefined;
let pump: NodeJS.Timeout | undefined;
afterEach(async () => {
  clearInterval(pump);
  await fixture?.close();
  fixture = undefined;
});

/** The app on an injected clock in UTC, with the demo account and its catalogue. */
async function atTime(iso: string) {
  const clock = new ManualClock(utc(iso));
  fixture = await appFixture({ clock, timeZone: 'UTC' });
  await fixture.app.demo();
  await fixture.app.refreshCatalogue();
  return { clock, app: fixture.app };
}

/** Lets injected time run 10× faster than real time, so polling and transfers move on. */
function run(clock: ManualClock): void {
  pump = setInterval(() => clock.advance(20), 2);
}

describe('the download window', () => {
  it('outside (paused): a new download waits with the reason and the start time, then runs at 01:00', async () => {
    const { clock, app } = await atTime('2026-01-14T00:30');
    await app.setSettings({
      downloadWindow: { windows: [night], capInside: 0, outside: { mode: 'paused' } },
    });
    startDownload(app.session(), target);
    const job = app.session().library.getJob(alpine.uid, 'default');
    expect(job).toMatchObject({
      state: 'waiting',
      errorCode: 'outside_download_window',
      nextAttemptAt: utc('2026-01-14T01:00'),
      bytesDone: 0,
    });
    expect(job?.errorMessage).toContain('starts Wed 14 Jan 01:00');
    // Nothing moves before the window opens, however long it is until then.
    clock.advance(29 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.session().library.getJob(alpine.uid, 'default')?.state).toBe('waiting');

    const complete = jobReaches(fixture as AppFixture, alpine.uid, 'complete');
    clock.advance(60_000); // 01:00
    run(clock);
    await complete;
    const done = app.session().library.getJob(alpine.uid, 'default');
    expect(done?.errorCode).toBeNull();
    expect(clock.now()).toBeLessThan(utc('2026-01-14T05:00'));
  });

  it('closing mid-transfer: the job waits for tomorrow’s window and keeps its bytes', async () => {
    const { clock, app } = await atTime('2026-01-14T04:59:50');
    fixture?.emulator.control.setDeliveryFaults({ bytesPerSecond: 40_000 });
    await app.setSettings({
      downloadWindow: { windows: [night], capInside: 0, outside: { mode: 'paused' } },
    });
    const downloading = jobReaches(fixture as AppFixture, alpine.uid, 'downloading');
    startDownload(app.session(), target);
    run(clock);
    await downloading;
    const waiting = jobReaches(fixture as AppFixture, alpine.uid, 'waiting');
    await waiting;
    clearInterval(pump);
    const job = app.session().library.getJob(alpine.uid, 'default');
    expect(job).toMatchObject({
      state: 'waiting',
      resumeState: 'downloading',
      errorCode: 'outside_download_window',
      nextAttemptAt: utc('2026-01-15T01:00'),
    });
    expect(clock.now()).toBeGreaterThanOrEqual(utc('2026-01-14T05:00'));
    expect(existsSync(partFilePath(app.session().folder, alpine.uid, 'default'))).toBe(true);
  });

  it('capped outside: the cap switches at each edge, and clearing the window restores the plain cap', async () => {
    const { clock, app } = await atTime('2026-01-14T00:59');
    await app.setSettings({
      bandwidthCap: 7_000,
      downloadWindow: {
        windows: [night],
        capInside: 500_000,
        outside: { mode: 'capped', cap: 20_000 },
      },
    });
    const { bandwidth } = app.session();
    expect(bandwidth.limit).toBe(20_000);
    clock.advance(60_000); // 01:00
    await Promise.resolve();
    expect(bandwidth.limit).toBe(500_000);
    clock.advance(4 * 3_600_000); // 05:00
    await Promise.resolve();
    expect(bandwidth.limit).toBe(20_000);
    // Outside, capped is not paused: a download starts at once.
    startDownload(app.session(), target);
    expect(app.session().library.getJob(alpine.uid, 'default')?.state).not.toBe('waiting');
    await app.setSettings({ downloadWindow: null });
    expect(bandwidth.limit).toBe(7_000);
  });
});
