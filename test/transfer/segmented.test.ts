import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Clock, ManualClock } from '../../main/core/clock';
import type { DeliveryFaults, RunningEmulator } from '../../main/core/emulator/types';
import { BandwidthLimiter } from '../../main/core/transfer/bandwidth';
import { ConnectionBudget } from '../../main/core/transfer/connections';
import { TransferError } from '../../main/core/transfer/errors';
import {
  readSegmentedSidecar,
  SegmentedSidecar,
  sidecarPath,
} from '../../main/core/transfer/part-file';
import { RangeSet } from '../../main/core/transfer/range-set';
import type { SegmentTuning } from '../../main/core/transfer/segmented';
import {
  resumeTransfer,
  type TransferJob,
  type TransferSettings,
} from '../../main/core/transfer/transfer';
import {
  deliveryRequests,
  emulatorForTests,
  mediaOf,
  readyDownload,
  sha256Of,
} from '../support/emulator';

const KiB = 1024;
const MiB = 1024 * KiB;
/** The default sizes scaled down 16×, so a few MiB exercise every path. */
const small: SegmentTuning = {
  thresholdBytes: 2 * MiB,
  chunkBytes: 1 * MiB,
  minSegmentBytes: 64 * KiB,
  batchBytes: 64 * KiB,
  syncEveryBytes: 4 * MiB,
};
const size = 8 * MiB;
/** Per connection, so four connections overlap for sure whatever the machine's speed. */
const perConnection: DeliveryFaults = { bytesPerSecond: 16 * MiB };

let emulator: RunningEmulator;
let library: string;

beforeAll(async () => {
  emulator = await emulatorForTests({ samples: false });
});
afterAll(() => emulator.close());
beforeEach(() => {
  library = mkdtempSync(join(tmpdir(), 'offstream-segments-'));
  emulator.control.setDeliveryFaults(undefined);
});
afterEach(() => rmSync(library, { recursive: true, force: true }));

function settings(extra: Partial<TransferSettings> = {}): TransferSettings {
  return {
    stallTimeoutMs: 500,
    backoff: { baseMs: 10, capMs: 50 },
    reserveBytes: 0,
    segments: small,
    connections: new ConnectionBudget({ perDownload: 4 }),
    ...extra,
  };
}

async function video(bytes = size): Promise<{ uid: string; job: TransferJob }> {
  const uid = emulator.control.addSyntheticVideo({ size: bytes });
  const url = await readyDownload(emulator, uid);
  return {
    uid,
    job: {
      url,
      partPath: join(library, '.partial', `${uid}.default.part`),
      destinationPath: join(library, 'media', uid, 'default.mp4'),
    },
  };
}

async function failureOf(promise: Promise<unknown>): Promise<TransferError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TransferError)) throw new Error(`expected a TransferError, got ${error}`);
  return error;
}

async function expectWhole(uid: string, job: TransferJob, sha256: string): Promise<void> {
  const expected = await sha256Of(mediaOf(emulator, uid));
  expect(sha256).toBe(expected);
  expect(createHash('sha256').update(readFileSync(job.destinationPath)).digest('hex')).toBe(
    expected,
  );
  expect(existsSync(job.partPath)).toBe(false);
  expect(existsSync(sidecarPath(job.partPath))).toBe(false);
}

const ranges = (uid: string) =>
  deliveryRequests(emulator, uid).map((r) => r.headers.range as string | undefined);

describe('segmented transfers', () => {
  it('fetches a large file over four connections with closed ranges and If-Range', async () => {
    const { uid, job } = await video();
    emulator.control.setDeliveryFaults(perConnection);
    const outcome = await resumeTransfer(job, settings());
    await expectWhole(uid, job, outcome.sha256);
    expect(emulator.peakConnections(uid)).toBe(4);
    const [first, ...rest] = deliveryRequests(emulator, uid);
    expect(first?.headers.range).toBeUndefined();
    expect(rest.length).toBeGreaterThanOrEqual(3);
    for (const request of rest) {
      expect(request.headers.range).toMatch(/^bytes=\d+-\d+$/);
      expect(request.headers['if-range']).toBe(mediaOf(emulator, uid).etag);
    }
    // A body cut short (the first answer runs to the end of the file; half a range taken
    // over) wastes what the kernels had buffered: a few times the socket buffers, not the file.
    expect(emulator.deliveredBytes(uid)).toBeLessThan(2 * size);
  });

  it('keeps one connection below the threshold, and with "Connections per download" at 1', async () => {
    const below = await video(small.thresholdBytes - 1);
    await resumeTransfer(below.job, settings());
    expect(ranges(below.uid)).toEqual([undefined]);

    const one = await video();
    await resumeTransfer(
      one.job,
      settings({ connections: new ConnectionBudget({ perDownload: 1 }) }),
    );
    expect(ranges(one.uid)).toEqual([undefined]);
  });

  it.each<[string, DeliveryFaults]>([
    ['resets', { resetAfterBytes: 200 * KiB, on: { connection: 'extra' }, times: 3 }],
    ['stalls', { stallAfterBytes: 100 * KiB, on: { connection: 'extra' }, times: 2 }],
    ['answers 502', { status: { code: 502 }, on: { connection: 'extra' }, times: 3 }],
  ])('recovers when one further connection %s, with the exact bytes', async (_name, fault) => {
    const { uid, job } = await video();
    emulator.control.setDeliveryFaults({ ...perConnection, ...fault });
    const outcome = await resumeTransfer(job, settings());
    await expectWhole(uid, job, outcome.sha256);
    expect(emulator.peakConnections(uid)).toBeGreaterThan(1);
  });

  it('goes back to one connection when a further connection gets 200 (range ignored)', async () => {
    const { uid, job } = await video();
    emulator.control.setDeliveryFaults({
      ...perConnection,
      ignoreRange: true,
      on: { connection: 'extra' },
      times: 1,
    });
    const outcome = await resumeTransfer(job, settings());
    await expectWhole(uid, job, outcome.sha256);
    // The last request continues the unbroken prefix over one connection, open-ended.
    expect(ranges(uid).at(-1)).toMatch(/^bytes=\d+-$/);
  });

  it.each<[string, DeliveryFaults]>([
    ['a 200 of another version', { otherVersion: true }],
    [
      'a 206 of another version (If-Range not honoured)',
      { otherVersion: true, ignoreIfRange: true },
    ],
  ])('starts over on one connection when one connection sees %s', async (_name, fault) => {
    const { uid, job } = await video();
    emulator.control.setDeliveryFaults({
      ...perConnection,
      ...fault,
      on: { connection: 'extra' },
      times: 1,
    });
    const outcome = await resumeTransfer(job, settings());
    // The stored file never changed: the bytes saved are its bytes, none of the other version.
    await expectWhole(uid, job, outcome.sha256);
    expect(ranges(uid).at(-1)).toBeUndefined();
  });

  it('holds fewer connections to a host that answers 503 to the further ones', async () => {
    const { uid, job } = await video();
    const budget = new ConnectionBudget({ perDownload: 4 });
    emulator.control.setDeliveryFaults({
      ...perConnection,
      status: { code: 503 },
      on: { connection: 'extra' },
    });
    const outcome = await resumeTransfer(job, settings({ connections: budget }));
    await expectWhole(uid, job, outcome.sha256);
    expect(budget.hostCap(new URL(job.url).host)).toBe(1);
    expect(budget.inUse()).toBe(0);
  });

  it('holds the host as long as the 503’s Retry-After asks, not the default cool-down', async () => {
    const { uid, job } = await video();
    const clock = new ManualClock(1_000_000);
    const budget = new ConnectionBudget({ perDownload: 4, coolDownMs: 3_600_000 }, clock);
    emulator.control.setDeliveryFaults({
      ...perConnection,
      status: { code: 503, retryAfterSeconds: 30 },
      on: { connection: 'extra' },
    });
    const outcome = await resumeTransfer(job, settings({ connections: budget }));
    await expectWhole(uid, job, outcome.sha256);
    const host = new URL(job.url).host;
    expect(budget.hostCap(host)).toBe(1);
    clock.advance(30_000);
    expect(budget.hostCap(host)).toBe(16);
  });

  it('fails only on the last segment: keeps every other byte, and the next run fetches only it', async () => {
    const { uid, job } = await video();
    const last = size - small.chunkBytes;
    emulator.control.setDeliveryFaults({
      ...perConnection,
      status: { code: 502 },
      on: { rangeFrom: last },
    });
    const failure = await failureOf(resumeTransfer(job, settings({ retryBudget: 1 })));
    expect(failure).toMatchObject({ code: 'server_error', status: 502 });
    const sidecar = await readSegmentedSidecar(job.partPath);
    if (!sidecar) throw new Error('no format-2 sidecar');
    expect(sidecar).toMatchObject({ format: 2, total: size });
    // Everything before the failing range is held (a range that began before it got through).
    expect(sidecar.written).toHaveLength(1);
    const [[from, held]] = sidecar.written as [[number, number]];
    expect(from).toBe(0);
    expect(held).toBeGreaterThanOrEqual(last);
    expect(held).toBeLessThan(size);

    emulator.control.setDeliveryFaults(undefined);
    const before = emulator.deliveredBytes(uid);
    const outcome = await resumeTransfer(job, settings());
    await expectWhole(uid, job, outcome.sha256);
    const again = deliveryRequests(emulator, uid).slice(-3);
    for (const request of again) {
      expect(
        Number(/^bytes=(\d+)-\d+$/.exec(String(request.headers.range))?.[1]),
      ).toBeGreaterThanOrEqual(last);
    }
    // Only the missing end (what a range taken over had in flight aside).
    expect(emulator.deliveredBytes(uid) - before).toBeGreaterThanOrEqual(size - held);
    expect(emulator.deliveredBytes(uid) - before).toBeLessThan(size - held + 512 * KiB);
  });

  it('resumes a stopped segmented transfer from its sidecar; after a restart of the OS only from synced ranges', async () => {
    const { uid, job } = await video(12 * MiB);
    emulator.control.setDeliveryFaults({ bytesPerSecond: 4 * MiB });
    const controller = new AbortController();
    const stopped = resumeTransfer(
      {
        ...job,
        signal: controller.signal,
        onProgress: (p) => p.bytesDone > 6 * MiB && controller.abort(),
      },
      settings(),
    );
    expect((await failureOf(stopped)).code).toBe('aborted');
    const sidecar = await readSegmentedSidecar(job.partPath);
    if (!sidecar) throw new Error('no format-2 sidecar');
    const heldBytes = (list: [number, number][]) => list.reduce((n, [a, b]) => n + b - a, 0);
    expect(heldBytes(sidecar.written)).toBeGreaterThan(5 * MiB);
    expect(heldBytes(sidecar.synced)).toBeGreaterThanOrEqual(4 * MiB);

    // Another boot: the written-only ranges may have died with the page cache.
    const another = await SegmentedSidecar.create(
      job.partPath,
      {
        ...(sidecar.etag ? { etag: sidecar.etag } : {}),
        total: sidecar.total,
        synced: new RangeSet(sidecar.synced),
        written: new RangeSet(sidecar.written),
      },
      'id:another-boot',
    );
    await another.close();
    emulator.control.setDeliveryFaults(perConnection);
    const before = emulator.deliveredBytes(uid);
    const outcome = await resumeTransfer(job, settings());
    await expectWhole(uid, job, outcome.sha256);
    const fetched = emulator.deliveredBytes(uid) - before;
    expect(fetched).toBeGreaterThanOrEqual(12 * MiB - heldBytes(sidecar.synced));
    expect(fetched).toBeLessThan(12 * MiB - heldBytes(sidecar.synced) + MiB);
  });

  it('shares the total connection limit between downloads', async () => {
    const a = await video();
    const b = await video();
    let peak = 0;
    class Watched extends ConnectionBudget {
      override further(host: string) {
        const release = super.further(host);
        peak = Math.max(peak, this.inUse());
        return release;
      }
    }
    const budget = new Watched({ perDownload: 4, total: 5 });
    emulator.control.setDeliveryFaults(perConnection);
    const outcomes = await Promise.all([
      resumeTransfer(a.job, settings({ connections: budget })),
      resumeTransfer(b.job, settings({ connections: budget })),
    ]);
    await expectWhole(a.uid, a.job, outcomes[0].sha256);
    await expectWhole(b.uid, b.job, outcomes[1].sha256);
    expect(peak).toBe(5);
    expect(budget.inUse()).toBe(0);
  });

  it('holds the bandwidth cap across four connections', async () => {
    // Time moves only when the limiter waits; sleepers that overlap share the same time.
    let now = 0;
    const leaping: Clock = {
      now: () => now,
      sleep: async (ms) => {
        const until = now + ms;
        await new Promise((resolve) => setImmediate(resolve));
        now = Math.max(now, until);
      },
    };
    const cap = 2 * MiB;
    const samples: { at: number; bytes: number }[] = [];
    let taken = 0;
    class Recording extends BandwidthLimiter {
      override async take(bytes: number, signal?: AbortSignal) {
        await super.take(bytes, signal);
        taken += bytes;
        samples.push({ at: now, bytes: taken });
      }
    }
    const { uid, job } = await video();
    const outcome = await resumeTransfer(
      job,
      settings({ clock: leaping, bandwidth: new Recording(leaping, cap) }),
    );
    await expectWhole(uid, job, outcome.sha256);
    expect(emulator.peakConnections(uid)).toBeGreaterThan(1);
    // Never more than one second of burst ahead of the cap, whatever connection took the bytes.
    for (const { at, bytes } of samples)
      expect(bytes).toBeLessThanOrEqual((cap * at) / 1000 + cap + 64 * KiB);
    expect(now).toBeGreaterThanOrEqual(((size - cap) * 1000) / cap - 100);
  });
});
