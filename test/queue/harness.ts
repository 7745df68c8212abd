import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmulatorOptions, RunningEmulator } from '../../main/core/emulator/types';
import { type Job, type LibraryIndex, openLibrary } from '../../main/core/library/index';
import { DownloadQueue, type DownloadQueueOptions } from '../../main/core/queue/download-queue';
import { createStreamClient, type StreamClient } from '../../main/core/stream/client';
import { emulatorForTests } from '../support/emulator';

/** A real emulator, a real SQLite library in a temp folder, a real client, and the queue. */
export interface QueueHarness {
  emulator: RunningEmulator;
  folder: string;
  library: LibraryIndex;
  stream: StreamClient;
  queue: DownloadQueue;
  /** Opens the same library again with a new queue, as after a restart. */
  restart(options?: Partial<DownloadQueueOptions>): Promise<void>;
  close(): Promise<void>;
}

export const quick = {
  transfer: { stallTimeoutMs: 500, backoff: { baseMs: 10, capMs: 50 }, reserveBytes: 0 },
  polling: { baseMs: 20, capMs: 100 },
  retry: { baseMs: 20, capMs: 100 },
};

export async function queueHarness(
  emulatorOptions: EmulatorOptions = {},
  queueOptions: Partial<DownloadQueueOptions> = {},
): Promise<QueueHarness> {
  const emulator = await emulatorForTests(emulatorOptions);
  const folder = mkdtempSync(join(tmpdir(), 'offstream-queue-'));
  const stream = createStreamClient({
    apiBase: emulator.apiBase,
    accountId: emulator.accountId,
    credentials: { token: emulator.token },
    retry: { baseMs: 5, capMs: 20 },
  });
  const make = (options: Partial<DownloadQueueOptions>) => {
    const library = openLibrary(folder);
    return { library, queue: new DownloadQueue({ library, stream, ...quick, ...options }) };
  };
  const harness: QueueHarness = {
    emulator,
    folder,
    stream,
    ...make(queueOptions),
    async restart(options = queueOptions) {
      await harness.queue.stop();
      harness.library.close();
      Object.assign(harness, make(options));
    },
    async close() {
      await harness.queue.stop();
      harness.library.close();
      await emulator.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Resolves with the job once it reaches one of the states. */
export function reaches(h: QueueHarness, uid: string, states: Job['state'][]): Promise<Job> {
  return new Promise((resolve) => {
    const now = h.library.getJob(uid, 'default');
    if (now && states.includes(now.state)) return resolve(now);
    const listener = (job: Job) => {
      if (job.uid === uid && states.includes(job.state)) {
        h.queue.events.off('job', listener);
        resolve(job);
      }
    };
    h.queue.events.on('job', listener);
  });
}
