import { afterEach, describe, expect, it } from 'vitest';
import type { ApiVariants, RunningEmulator } from '../../main/core/emulator/types';
import { lookUpVideos } from '../../main/core/stream/batch-lookup';
import { createStreamClient, type StreamClientOptions } from '../../main/core/stream/client';
import { emulatorForTests } from '../support/emulator';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

function clientFor(e: RunningEmulator, extra: Partial<StreamClientOptions> = {}) {
  return createStreamClient({
    apiBase: e.apiBase,
    accountId: e.accountId,
    credentials: { token: e.token },
    retry: { maxRetries: 0 },
    ...extra,
  });
}

async function collect(generator: AsyncGenerator<{ uid: string; video: unknown }[]>) {
  const answers = new Map<string, 'found' | 'deleted'>();
  for await (const batch of generator) {
    for (const { uid, video } of batch) answers.set(uid, video === null ? 'deleted' : 'found');
  }
  return answers;
}

const apiCalls = (e: RunningEmulator) =>
  e.requests.filter((r) => r.host === 'api').map((r) => `${r.method} ${r.path.split('?')[0]}`);

/** Five synthetic videos, the second deleted upstream: each variant must find the same. */
async function fiveVideos(e: RunningEmulator) {
  const uids = Array.from({ length: 5 }, (_, i) =>
    e.control.addSyntheticVideo({ size: 4096, name: `clip ${i}` }),
  );
  e.control.deleteVideo(uids[1] as string);
  return uids;
}

describe('lookUpVideos: the batched id filter', () => {
  it('asks once per batch when the filter is honoured, and confirms a missing uid alone', async () => {
    emulator = await emulatorForTests({ samples: false });
    const uids = await fiveVideos(emulator);
    emulator.requests.length = 0;
    const answers = await collect(lookUpVideos(clientFor(emulator), uids, { batchSize: 3 }));
    expect([...answers.values()]).toEqual(['found', 'deleted', 'found', 'found', 'found']);
    const path = `/accounts/${emulator.accountId}/stream`;
    expect(apiCalls(emulator).map((c) => c.replace('/client/v4', ''))).toEqual([
      `GET ${path}`,
      `GET ${path}/${uids[1]}`,
      `GET ${path}`,
    ]);
    expect(emulator.requests[0]?.path).toContain(`id=${uids.slice(0, 3).join('%2C')}`);
  });

  const variants: [ApiVariants['idFilter'], string][] = [
    ['ignored', 'ignores the id list'],
    ['single', 'reads the id list as one uid'],
    ['rejected', 'refuses the id parameter'],
  ];
  for (const [idFilter, what] of variants) {
    it(`finds the same answers when the API ${what}`, async () => {
      emulator = await emulatorForTests({ samples: false });
      const uids = await fiveVideos(emulator);
      emulator.control.setApiVariants({ idFilter });
      const answers = await collect(lookUpVideos(clientFor(emulator), uids, { batchSize: 3 }));
      expect(Object.fromEntries(answers)).toEqual(
        Object.fromEntries(uids.map((uid, i) => [uid, i === 1 ? 'deleted' : 'found'])),
      );
    });
  }

  it('stops inside the rate budget, leaving the rest for later, with no 429', async () => {
    emulator = await emulatorForTests({
      samples: false,
      rateLimit: { limit: 3, windowMs: 300_000, blockMs: 300_000 },
    });
    const uids = await fiveVideos(emulator);
    emulator.requests.length = 0;
    const stream = clientFor(emulator, { rateLimit: { limit: 3, windowMs: 300_000 } });
    const answers = await collect(lookUpVideos(stream, uids, { batchSize: 1, reserve: 0 }));
    // uid 0 (1 call), uid 1 (list + confirm: 2 calls); the budget of 3 is spent.
    expect([...answers.keys()]).toEqual(uids.slice(0, 2));
    expect(emulator.requests).toHaveLength(3);
    expect(stream.spareRequests()).toBe(0);
  });
});

describe('deleteDownload', () => {
  it('deletes a typed download, and falls back to the untyped MP4 path without the route', async () => {
    emulator = await emulatorForTests({ samples: false });
    const uid = emulator.control.addSyntheticVideo({ size: 4096 });
    const stream = clientFor(emulator);
    await stream.createDownload(uid, 'default');
    expect(await stream.deleteDownload(uid, 'default')).toBe('deleted');
    expect(await stream.deleteDownload(uid, 'default')).toBe('absent');

    emulator.control.setApiVariants({ typedDownloadDelete: false });
    await stream.createDownload(uid, 'default');
    emulator.requests.length = 0;
    expect(await stream.deleteDownload(uid, 'default')).toBe('deleted');
    expect(apiCalls(emulator).map((c) => c.split('/').at(-1))).toEqual(['default', 'downloads']);
    expect(emulator.videos.get(uid)?.downloads.default).toBeUndefined();
    expect(await stream.deleteDownload(uid, 'audio')).toBe('unsupported');
    expect(emulator.videos.has(uid)).toBe(true);
  });
});
