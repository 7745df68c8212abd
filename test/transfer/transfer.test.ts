import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { TransferError } from '../../main/core/transfer/errors';
import { resumeTransfer, type TransferJob } from '../../main/core/transfer/transfer';
import {
  deliveryRequests,
  emulatorForTests,
  mediaOf,
  readyDownload,
  sha256Of,
} from '../support/emulator';

const [alpine, , keynote] = sampleVideos;
if (!alpine || !keynote) throw new Error('sample catalogue changed');

let emulator: RunningEmulator;
let library: string;
const fast = { stallTimeoutMs: 400, backoff: { baseMs: 10, capMs: 50 }, reserveBytes: 0 };

beforeAll(async () => {
  emulator = await emulatorForTests();
});
afterAll(() => emulator.close());
beforeEach(() => {
  library = mkdtempSync(join(tmpdir(), 'offstream-transfer-'));
  emulator.control.setDeliveryFaults(undefined);
});
afterEach(() => rmSync(library, { recursive: true, force: true }));

function jobFor(url: string, uid: string, extra: Partial<TransferJob> = {}): TransferJob {
  return {
    url,
    partPath: join(library, '.partial', `${uid}.default.part`),
    destinationPath: join(library, 'media', uid, 'default.mp4'),
    ...extra,
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

/** Runs a throttled transfer and stops it after some bytes: a `.part` to resume from. */
async function holdSomeBytes(job: TransferJob): Promise<number> {
  const controller = new AbortController();
  emulator.control.setDeliveryFaults({ bytesPerSecond: 64 * 1024 });
  const first = resumeTransfer(
    {
      ...job,
      signal: controller.signal,
      onProgress: (p) => p.bytesDone > 60_000 && controller.abort(),
    },
    fast,
  );
  expect((await failureOf(first)).code).toBe('aborted');
  emulator.control.setDeliveryFaults(undefined);
  return statSync(job.partPath).size;
}

function fileSha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('resumeTransfer against the emulated delivery host', () => {
  it('saves a sample whole, with its SHA-256, and leaves nothing in .partial', async () => {
    const url = await readyDownload(emulator, alpine.uid);
    const job = jobFor(url, alpine.uid);
    const outcome = await resumeTransfer(job, fast);
    const expected = await sha256Of(mediaOf(emulator, alpine.uid));
    expect(outcome).toMatchObject({ path: job.destinationPath, sha256: expected });
    expect(fileSha(job.destinationPath)).toBe(expected);
    expect(existsSync(job.partPath)).toBe(false);
    expect(existsSync(`${job.partPath}.json`)).toBe(false);
  });

  it.each([
    ['a connection reset mid-body', { resetAfterBytes: 50_000, times: 2 }],
    ['a stall', { stallAfterBytes: 30_000, times: 1 }],
    ['a burst of 503s', { status: { code: 503 as const }, times: 3 }],
    [
      'a burst of 429s with Retry-After 0',
      { status: { code: 429 as const, retryAfterSeconds: 0 }, times: 2 },
    ],
  ])('recovers from %s with the exact bytes', async (_name, faults) => {
    const url = await readyDownload(emulator, alpine.uid);
    emulator.control.setDeliveryFaults(faults);
    const outcome = await resumeTransfer(jobFor(url, alpine.uid), fast);
    expect(outcome.sha256).toBe(await sha256Of(mediaOf(emulator, alpine.uid)));
  });

  it('starts over from zero when a resumed request gets the whole file (Range ignored)', async () => {
    const url = await readyDownload(emulator, alpine.uid);
    const job = jobFor(url, alpine.uid);
    expect(await holdSomeBytes(job)).toBeGreaterThan(0);
    emulator.control.setDeliveryFaults({ ignoreRange: true });
    const before = deliveryRequests(emulator, alpine.uid).length;
    const outcome = await resumeTransfer(job, fast);
    expect(deliveryRequests(emulator, alpine.uid)[before]?.headers.range).toMatch(/^bytes=[1-9]/);
    expect(outcome.sha256).toBe(await sha256Of(mediaOf(emulator, alpine.uid)));
    expect(statSync(job.destinationPath).size).toBe(mediaOf(emulator, alpine.uid).size);
  });

  it('resumes a held .part with Range and reports the whole file SHA-256', async () => {
    const url = await readyDownload(emulator, alpine.uid);
    const job = jobFor(url, alpine.uid);
    const held = await holdSomeBytes(job);
    const before = deliveryRequests(emulator, alpine.uid).length;
    const outcome = await resumeTransfer(job, fast);
    expect(deliveryRequests(emulator, alpine.uid)[before]?.headers.range).toBe(`bytes=${held}-`);
    expect(outcome.sha256).toBe(await sha256Of(mediaOf(emulator, alpine.uid)));
    expect(outcome.sha256).toBe(fileSha(job.destinationPath));
  });

  it('resumes with Range and If-Range after a reset, not from zero', async () => {
    const url = await readyDownload(emulator, alpine.uid);
    const before = deliveryRequests(emulator, alpine.uid).length;
    emulator.control.setDeliveryFaults({ resetAfterBytes: 100_000, times: 1 });
    await resumeTransfer(jobFor(url, alpine.uid), fast);
    const [first, second] = deliveryRequests(emulator, alpine.uid).slice(before);
    expect(first?.headers.range).toBeUndefined();
    expect(second?.headers.range).toMatch(/^bytes=\d+-$/);
    expect(Number(String(second?.headers.range).slice(6, -1))).toBeGreaterThan(0);
    expect(second?.headers['if-range']).toBe(mediaOf(emulator, alpine.uid).etag);
  });

  it('starts over when the file changes mid-transfer and keeps the new bytes', async () => {
    const uid = emulator.control.addSyntheticVideo({ size: 3 * 1024 * 1024 });
    const url = await readyDownload(emulator, uid);
    const oldEtag = mediaOf(emulator, uid).etag;
    emulator.control.setDeliveryFaults({ changeFileAfterBytes: 1024 * 1024, times: 1 });
    const outcome = await resumeTransfer(jobFor(url, uid), fast);
    const media = mediaOf(emulator, uid);
    expect(media.etag).not.toBe(oldEtag);
    expect(outcome.sha256).toBe(await sha256Of(media));
    expect(outcome.etag).toBe(media.etag);
  });

  it('refuses a captive-portal page and keeps the bytes already held', async () => {
    const url = await readyDownload(emulator, alpine.uid);
    const job = jobFor(url, alpine.uid);
    const held = await holdSomeBytes(job);
    expect(held).toBeGreaterThan(0);

    emulator.control.setDeliveryFaults({ captivePortal: true });
    const portal = await failureOf(resumeTransfer(jobFor(url, alpine.uid), fast));
    expect(portal.code).toBe('captive_portal');
    expect(statSync(job.partPath).size).toBe(held);
    expect(existsSync(job.destinationPath)).toBe(false);

    emulator.control.setDeliveryFaults(undefined);
    const outcome = await resumeTransfer(jobFor(url, alpine.uid), fast);
    expect(outcome.sha256).toBe(await sha256Of(mediaOf(emulator, alpine.uid)));
  });

  it('stops with no_room before writing when the volume lacks room, keeping the .part', async () => {
    const url = await readyDownload(emulator, alpine.uid);
    const job = jobFor(url, alpine.uid);
    const failure = await failureOf(resumeTransfer(job, { ...fast, freeSpace: async () => 1024 }));
    expect(failure.code).toBe('no_room');
    expect(failure.message).toMatch(/free/i);
    expect(existsSync(job.destinationPath)).toBe(false);
  });

  it('stops before the first byte when the file would pass the library size limit', async () => {
    const url = await readyDownload(emulator, alpine.uid);
    const job = jobFor(url, alpine.uid);
    const size = mediaOf(emulator, alpine.uid).size;
    const failure = await failureOf(
      resumeTransfer(job, { ...fast, freeSpace: async () => 1e12, libraryRoom: () => size - 1 }),
    );
    expect(failure.room).toEqual({
      line: 'library_limit',
      neededBytes: size,
      availableBytes: size - 1,
    });
    expect(existsSync(job.partPath) ? statSync(job.partPath).size : 0).toBe(0);
    // Exactly enough room is enough.
    await resumeTransfer(job, { ...fast, freeSpace: async () => 1e12, libraryRoom: () => size });
    expect(existsSync(job.destinationPath)).toBe(true);
  });

  it.each([
    ['a private video without a token', () => keynote.uid, 'url_forbidden'],
    [
      'a download never requested',
      () => emulator.control.addSyntheticVideo({ size: 4096 }),
      'url_not_found',
    ],
  ])('fails with a code for %s', async (_name, uidOf, code) => {
    const uid = uidOf();
    const url = `${emulator.deliveryBase}/${uid}/downloads/default.mp4`;
    expect((await failureOf(resumeTransfer(jobFor(url, uid), fast))).code).toBe(code);
  });

  it('gives up after its retry budget when the server keeps failing', async () => {
    const url = await readyDownload(emulator, alpine.uid);
    emulator.control.setDeliveryFaults({ status: { code: 502 } });
    const failure = await failureOf(
      resumeTransfer(jobFor(url, alpine.uid), { ...fast, retryBudget: 2 }),
    );
    expect(failure).toMatchObject({ code: 'server_error', status: 502 });
  });

  it('refuses bytes that are not an MP4 even when labelled video/mp4', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '21' });
      res.end('<html>sign in</html>\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const job = jobFor(`http://127.0.0.1:${port}/x/downloads/default.mp4`, alpine.uid);
    try {
      expect((await failureOf(resumeTransfer(job, fast))).code).toBe('not_media');
      expect(existsSync(job.destinationPath)).toBe(false);
      expect(existsSync(job.partPath)).toBe(false);
    } finally {
      server.close();
    }
  });
});
