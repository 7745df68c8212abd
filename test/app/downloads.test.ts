import { afterEach, describe, expect, it } from 'vitest';
import {
  listDownloads,
  pauseDownload,
  resumeDownload,
  startDownload,
} from '../../main/core/app/use-cases/index';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import { type AppFixture, appFixture, eventsOf, jobReaches } from './helpers';

const [alpine, harbour] = sampleVideos as [
  (typeof sampleVideos)[number],
  (typeof sampleVideos)[number],
];
const all = { filter: 'all', sort: 'newest', limit: 60 } as const;

let fixture: AppFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function demoFixture(): Promise<AppFixture> {
  const f = await appFixture();
  await f.app.demo();
  await f.app.refreshCatalogue();
  return f;
}

describe('downloads', () => {
  it('downloads a video to complete, telling the renderer every step', async () => {
    fixture = await demoFixture();
    const { app } = fixture;
    const complete = jobReaches(fixture, alpine.uid, 'complete');
    const started = startDownload(app.session(), { uid: alpine.uid, kind: 'default' });
    expect(['queued', 'requesting']).toContain(started.state);
    await complete;
    const states = eventsOf(fixture, 'job:state')
      .filter((j) => j.uid === alpine.uid)
      .map((j) => j.state);
    expect(states).toEqual(expect.arrayContaining(['queued', 'preparing', 'downloading']));
    expect(states.indexOf('queued')).toBeLessThan(states.indexOf('downloading'));
    expect(states.at(-1)).toBe('complete');
    expect(eventsOf(fixture, 'job:progress').some((p) => p.uid === alpine.uid)).toBe(true);
    const item = app.listCatalogue({ ...all, search: 'alpine' }).items[0];
    expect(item).toMatchObject({ offline: true });
    const jobs = app.session().library.listJobs({ uid: alpine.uid });
    expect(jobs.map((j) => j.state)).toEqual(['complete']);
    const source = app.playbackSource(alpine.uid);
    expect(source.video).toBe(`${alpine.uid}.default`);
  });

  it('pauses and resumes a download, and starts it again after a restart', async () => {
    fixture = await demoFixture();
    const target = { uid: harbour.uid, kind: 'default' } as const;
    startDownload(fixture.app.session(), target);
    expect(pauseDownload(fixture.app.session(), target).state).toBe('paused');
    const app = await fixture.restart();
    expect(listDownloads(app.session()).find((j) => j.uid === harbour.uid)?.state).toBe('paused');
    const complete = jobReaches(fixture, harbour.uid, 'complete');
    expect(resumeDownload(app.session(), target).state).not.toBe('paused');
    await complete;
    expect(app.listCatalogue({ ...all, filter: 'offline' }).items.map((c) => c.uid)).toEqual([
      harbour.uid,
    ]);
  });

  it('marks the catalogue local while offline and says so', async () => {
    fixture = await demoFixture();
    fixture.app.setOnline(false);
    expect(fixture.app.listCatalogue(all).remote).toBe(false);
    fixture.app.setOnline(true);
    expect(fixture.app.listCatalogue(all).remote).toBe(true);
    expect(eventsOf(fixture, 'connectivity')).toEqual([{ online: false }, { online: true }]);
  });

  it('removes a saved video with its files and jobs', async () => {
    fixture = await demoFixture();
    const complete = jobReaches(fixture, alpine.uid, 'complete');
    startDownload(fixture.app.session(), { uid: alpine.uid, kind: 'default' });
    await complete;
    expect((await fixture.app.storage()).files).toBeGreaterThan(0);
    await fixture.app.removeVideo(alpine.uid);
    expect(() => fixture?.app.playbackSource(alpine.uid)).toThrow(
      expect.objectContaining({ code: 'video_not_saved' }),
    );
    expect(listDownloads(fixture.app.session())).toEqual([]);
    const storage = await fixture.app.storage();
    expect(storage).toMatchObject({ libraryBytes: 0, files: 0 });
    expect(storage.freeBytes).toBeGreaterThan(0);
  });
});
