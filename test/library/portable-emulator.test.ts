import { afterEach, describe, expect, it } from 'vitest';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import { exportLibrary, importLibrary, verifyLibrary } from '../../main/core/library/portable';
import { type QueueHarness, queueHarness } from '../queue/harness';
import { mediaOf, sha256Of } from '../support/emulator';
import { open, tempFolder } from './helpers';
import { holdings } from './portable-fixture';

const [alpine, , , waves] = sampleVideos;
if (!alpine || !waves) throw new Error('sample catalogue changed');

let h: QueueHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a library saved from the emulator', () => {
  it('exports to a folder and imports on another machine byte for byte', async () => {
    h = await queueHarness();
    h.queue.add(alpine.uid, 'default');
    h.queue.add(waves.uid, 'audio');
    await h.queue.idle();
    expect(h.library.getJob(alpine.uid, 'default')?.state).toBe('complete');

    const exportDir = tempFolder('offstream-export-');
    const exported = await exportLibrary(h.library, exportDir);
    expect(exported.videos.sort()).toEqual([alpine.uid, waves.uid].sort());

    const offline = open(tempFolder());
    await importLibrary(offline, exportDir);
    expect(holdings(offline)).toEqual(holdings(h.library));
    const mp4 = offline.getFiles(alpine.uid).find((f) => f.role === 'default');
    expect(mp4?.sha256).toBe(await sha256Of(mediaOf(h.emulator, alpine.uid)));
    const m4a = offline.getFiles(waves.uid).find((f) => f.role === 'audio');
    expect(m4a?.sha256).toBe(await sha256Of(mediaOf(h.emulator, waves.uid, 'audio')));
    expect(offline.getVideo(alpine.uid)?.name).toBe(alpine.name);
    expect(offline.getCaptions(alpine.uid).length).toBeGreaterThan(0);

    const check = await verifyLibrary(offline);
    expect(check.missing).toEqual([]);
    expect(check.corrupt).toEqual([]);
    expect(check.checked).toBe(offline.listFiles().length);
  });
});
