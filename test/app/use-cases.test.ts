import { afterEach, describe, expect, it } from 'vitest';
import {
  cancelDownload,
  listDownloads,
  listRenditions,
  pauseDownload,
  removeVideo,
  retryDownload,
  saveFromLink,
  startDownload,
} from '../../main/core/app/use-cases/index';
import { readyDownload } from '../support/emulator';
import { type AppFixture, appFixture, jobReaches } from './helpers';

const ALPINE = 'a1e9c0d4b2f3485697a0b1c2d3e4f5a6';
const HARBOUR = 'b2f0d1e5c3a4496a8b1c2d3e4f5a6b7c';

let fixture: AppFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function connected(): Promise<AppFixture> {
  const f = await appFixture();
  await f.app.connect({ accountId: f.emulator.accountId, apiToken: f.emulator.token });
  await f.app.refreshCatalogue();
  return f;
}

describe('the download use cases, in domain values', () => {
  it('starts only videos the catalogue lists, and resumes a paused one when asked again', async () => {
    fixture = await connected();
    const session = fixture.app.session();
    expect(() => startDownload(session, { uid: 'f'.repeat(32), kind: 'default' })).toThrow(
      expect.objectContaining({ code: 'video_not_found' }),
    );
    const target = { uid: HARBOUR, kind: 'default' } as const;
    startDownload(session, target);
    expect(pauseDownload(session, target).state).toBe('paused');
    expect(startDownload(session, target).state).not.toBe('paused');
  });

  it('names a video saved from a link, by default or as asked', async () => {
    fixture = await connected();
    const session = fixture.app.session();
    const url = await readyDownload(fixture.emulator, ALPINE);
    const job = saveFromLink(session, { url, name: 'Lake for the plane', now: new Date() });
    expect(job).toMatchObject({ uid: ALPINE, kind: 'default', source: 'signed_url' });
    expect(session.library.getVideo(ALPINE)?.name).toBe('Lake for the plane');
  });

  it('retries only failed or waiting jobs, and refuses jobs that do not exist', async () => {
    fixture = await connected();
    const session = fixture.app.session();
    const target = { uid: HARBOUR, kind: 'audio' } as const;
    expect(() => retryDownload(session, target)).toThrow(
      expect.objectContaining({ code: 'job_not_found' }),
    );
    startDownload(session, target);
    pauseDownload(session, target);
    expect(retryDownload(session, target).state).toBe('paused');
    expect((await cancelDownload(session, target)).state).toBe('removed');
    expect(listDownloads(session).some((j) => j.uid === HARBOUR)).toBe(false);
  });

  it('removes a saved video, says what it took, and refuses one the library does not know', async () => {
    fixture = await connected();
    const session = fixture.app.session();
    const complete = jobReaches(fixture, ALPINE, 'complete');
    startDownload(session, { uid: ALPINE, kind: 'default' });
    await complete;
    expect(listRenditions(session, 'alpine')).toMatchObject([{ uid: ALPINE, state: 'saved' }]);
    const removed = await removeVideo(session, ALPINE);
    expect(removed.files.length).toBeGreaterThan(0);
    expect(removed.bytes).toBeGreaterThan(200_000);
    expect(listRenditions(session, 'alpine')).toMatchObject([{ uid: ALPINE, state: 'not saved' }]);
    await expect(removeVideo(session, 'e'.repeat(32))).rejects.toMatchObject({
      code: 'video_not_found',
    });
  });
});
