import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanUpRemoteDownload, startDownload } from '../../main/core/app/use-cases/index';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import { createStreamClient } from '../../main/core/stream/client';
import { type AppFixture, appFixture, jobReaches } from './helpers';

const [alpine] = sampleVideos as [(typeof sampleVideos)[number]];

let fixture: AppFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function saveAlpine(deleteRemoteDownloads: boolean): Promise<AppFixture> {
  const f = await appFixture();
  await f.app.demo();
  await f.app.refreshCatalogue();
  await f.app.setSettings({ deleteRemoteDownloads });
  const complete = jobReaches(f, alpine.uid, 'complete');
  startDownload(f.app.session(), { uid: alpine.uid, kind: 'default' });
  await complete;
  return f;
}

/** The video as Cloudflare's API describes it: proof it still exists. */
async function videoOnAccount(f: AppFixture, uid: string): Promise<number> {
  const { apiBase, accountId, token } = f.emulator;
  const response = await fetch(`${apiBase}/accounts/${accountId}/stream/${uid}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return response.status;
}

const deletes = (f: AppFixture) =>
  f.emulator.requests.filter((r) => r.host === 'api' && r.method === 'DELETE');

describe('cleaning up on Cloudflare', () => {
  it('deletes the download resource once the file is saved, never the video', async () => {
    fixture = await saveAlpine(true);
    const emulated = fixture.emulator.videos.get(alpine.uid);
    await vi.waitFor(() => expect(emulated?.downloads.default).toBeUndefined());
    expect(deletes(fixture).map((r) => r.path.split('/').slice(-2).join('/'))).toEqual([
      'downloads/default',
    ]);
    expect(fixture.emulator.videos.has(alpine.uid)).toBe(true);
    expect(await videoOnAccount(fixture, alpine.uid)).toBe(200);
    // The saved copy is untouched and still plays.
    expect(fixture.app.playbackSource(alpine.uid).video).toBe(`${alpine.uid}.default`);
  });

  it('deletes nothing when the setting is off (the default)', async () => {
    fixture = await appFixture();
    expect(fixture.app.settings().deleteRemoteDownloads).toBe(false);
    await fixture.close();
    fixture = await saveAlpine(false);
    // Closing waits for any clean-up still running, so nothing can come after this look.
    await fixture.app.close();
    expect(deletes(fixture)).toEqual([]);
    expect(fixture.emulator.videos.get(alpine.uid)?.downloads.default?.status).toBe('ready');
    expect(await videoOnAccount(fixture, alpine.uid)).toBe(200);
  });

  it('falls back to the untyped path where the typed DELETE route is missing', async () => {
    const f = await appFixture();
    fixture = f;
    f.emulator.control.setApiVariants({ typedDownloadDelete: false });
    await f.app.demo();
    await f.app.refreshCatalogue();
    await f.app.setSettings({ deleteRemoteDownloads: true });
    const complete = jobReaches(f, alpine.uid, 'complete');
    startDownload(f.app.session(), { uid: alpine.uid, kind: 'default' });
    await complete;
    await vi.waitFor(() =>
      expect(f.emulator.videos.get(alpine.uid)?.downloads.default).toBeUndefined(),
    );
    expect(deletes(f).map((r) => r.path.split('/').at(-1))).toEqual(['default', 'downloads']);
    expect(await videoOnAccount(f, alpine.uid)).toBe(200);
  });

  it('never touches a download it did not request through the account (a pasted link)', async () => {
    fixture = await saveAlpine(false);
    const { app, emulator } = fixture;
    await app.setSettings({ deleteRemoteDownloads: true });
    const job = app.session().library.getJob(alpine.uid, 'default');
    if (!job) throw new Error('no job');
    const stream = createStreamClient({
      apiBase: emulator.apiBase,
      accountId: emulator.accountId,
      credentials: { token: emulator.token },
    });
    const session = app.session();
    expect(await cleanUpRemoteDownload(session, stream, { ...job, source: 'signed_url' })).toBe(
      'not-ours',
    );
    expect(await cleanUpRemoteDownload(session, stream, { ...job, state: 'verifying' })).toBe(
      'not-saved',
    );
    expect(deletes(fixture)).toEqual([]);
    expect(await cleanUpRemoteDownload(session, stream, job)).toBe('deleted');
    expect(emulator.videos.get(alpine.uid)?.downloads.default).toBeUndefined();
    expect(await videoOnAccount(fixture, alpine.uid)).toBe(200);
  });
});
