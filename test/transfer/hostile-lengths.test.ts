import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransferError } from '../../main/core/transfer/errors';
import { resumeTransfer, type TransferJob } from '../../main/core/transfer/transfer';

const MiB = 1024 * 1024;
/** Where the hostile server gives up: far past any limit, so a missing stop shows as a size. */
const serverCap = 64 * MiB;

let library: string;
let close: (() => Promise<void>) | undefined;
beforeEach(() => {
  library = mkdtempSync(join(tmpdir(), 'offstream-hostile-'));
});
afterEach(async () => {
  await close?.();
  close = undefined;
  rmSync(library, { recursive: true, force: true });
});

/** A delivery host that streams zeros after `head` until the client hangs up (or the cap). */
async function endlessHost(
  head: (res: ServerResponse) => void,
): Promise<{ url: string; sent: () => number }> {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024);
  const server = createServer((_req, res) => {
    head(res);
    const pump = () => {
      while (sent < serverCap && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}/uid/downloads/default.mp4`, sent: () => sent };
}

function job(url: string): TransferJob {
  return {
    url,
    partPath: join(library, '.partial', 'uid.default.part'),
    destinationPath: join(library, 'media', 'uid', 'default.mp4'),
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

const partSize = (j: TransferJob) => statSync(j.partPath, { throwIfNoEntry: false })?.size ?? 0;
const quick = { stallTimeoutMs: 2000, backoff: { baseMs: 1, capMs: 5 }, retryBudget: 0 };

describe('a delivery host that sends more than it should', () => {
  it('with no declared length, stops with no_room once the free space reaches the floor', async () => {
    const host = await endlessHost((res) =>
      res.writeHead(200, { 'content-type': 'video/mp4', 'transfer-encoding': 'chunked' }),
    );
    const j = job(host.url);
    // An 8 MiB volume: what the .part takes is no longer free.
    const freeSpace = async () => 8 * MiB - partSize(j);
    const failure = await failureOf(
      resumeTransfer(j, { ...quick, reserveBytes: 2 * MiB, freeSpace }),
    );
    expect(failure.code).toBe('no_room');
    expect(failure.room?.line).toBe('free_space_floor');
    expect(partSize(j)).toBeLessThanOrEqual(6 * MiB + 2 * MiB);
    expect(host.sent()).toBeLessThan(serverCap);
  });

  it('with no declared length, does not start when the floor is already reached', async () => {
    const host = await endlessHost((res) =>
      res.writeHead(200, { 'content-type': 'video/mp4', 'transfer-encoding': 'chunked' }),
    );
    const j = job(host.url);
    const failure = await failureOf(
      resumeTransfer(j, { ...quick, reserveBytes: 2 * MiB, freeSpace: async () => MiB }),
    );
    expect(failure.code).toBe('no_room');
    expect(partSize(j)).toBe(0);
  });

  it('with no declared length, stops at the library size limit before passing it', async () => {
    const host = await endlessHost((res) =>
      res.writeHead(200, { 'content-type': 'video/mp4', 'transfer-encoding': 'chunked' }),
    );
    const j = job(host.url);
    const failure = await failureOf(
      resumeTransfer(j, {
        ...quick,
        reserveBytes: 0,
        freeSpace: async () => 1e12,
        libraryRoom: () => 3 * MiB,
      }),
    );
    expect(failure.code).toBe('no_room');
    expect(failure.room).toMatchObject({ line: 'library_limit', availableBytes: 3 * MiB });
    expect(failure.message).toMatch(/size limit/);
    expect(partSize(j)).toBeGreaterThan(2 * MiB);
    expect(partSize(j)).toBeLessThanOrEqual(3 * MiB);
  });

  it('stops once the declared length is passed and keeps no byte beyond it', async () => {
    // A 206 for the whole file, declaring 1 MiB, then a chunked body that never ends.
    const host = await endlessHost((res) =>
      res.writeHead(206, {
        'content-type': 'video/mp4',
        'content-range': `bytes 0-${MiB - 1}/${MiB}`,
        'transfer-encoding': 'chunked',
      }),
    );
    const j = job(host.url);
    const failure = await failureOf(resumeTransfer(j, { ...quick, reserveBytes: 0 }));
    expect(failure.code).toBe('length_mismatch');
    expect(partSize(j)).toBeLessThanOrEqual(MiB);
    expect(host.sent()).toBeLessThan(serverCap);
  });
});
