import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { type LibraryIndex, openLibrary } from '../../main/core/library/index';
import { silentLogger } from '../../main/core/log';
import { saveCompanions } from '../../main/core/queue/companions';
import type { QueueEvents } from '../../main/core/queue/events';
import type { JobRunDeps } from '../../main/core/queue/job-run';
import { createStreamClient } from '../../main/core/stream/client';
import { StreamApiError } from '../../main/core/stream/errors';
import { ACCOUNT, TOKEN, UID } from '../stream/test-server';

const MiB = 1024 * 1024;
/** Where the hostile server gives up: far past every limit, so a missing stop shows. */
const serverCap = 256 * MiB;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server that answers every request with `head`, then `opening`, then bytes without end. */
async function endlessServer(opening: Buffer, head: (res: ServerResponse) => void) {
  let sent = 0;
  const filler = Buffer.alloc(64 * 1024, 'y');
  const server = createServer((_req, res) => {
    head(res);
    res.write(opening);
    const pump = () => {
      while (sent < serverCap && !res.destroyed) {
        sent += filler.length;
        if (!res.write(filler)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, sent: () => sent };
}

const chunked = (type: string) => (res: ServerResponse) =>
  res.writeHead(200, { 'content-type': type, 'transfer-encoding': 'chunked' });

describe('hostile servers cannot fill the memory', () => {
  it('an API answer that streams without end is refused as bad_response at the body limit', async () => {
    const api = await endlessServer(
      Buffer.from('{"success":true,"errors":[],"result":{"uid":"'),
      chunked('application/json'),
    );
    const client = createStreamClient({
      apiBase: `${api.origin}/client/v4`,
      accountId: ACCOUNT,
      credentials: { token: TOKEN },
      clock: new ManualClock(),
      retry: { maxRetries: 0 },
    });
    const error = await client.getVideo(UID).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StreamApiError);
    expect((error as StreamApiError).code).toBe('bad_response');
    expect(api.sent()).toBeLessThan(serverCap);
  });

  it('a thumbnail sent chunked past 5 MiB is refused while it streams, and nothing is stored', async () => {
    const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
    const host = await endlessServer(jpegStart, chunked('image/jpeg'));
    const folder = mkdtempSync(join(tmpdir(), 'offstream-thumb-'));
    const library: LibraryIndex = openLibrary(folder);
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    cleanups.push(() => library.close());
    const job = library.createJob({
      uid: UID,
      kind: 'default',
      source: 'signed_url',
      sourceUrl: `${host.origin}/${UID}/downloads/default.mp4`,
    });
    const events = new EventEmitter<QueueEvents>();
    const seen: QueueEvents['companion'][0][] = [];
    events.on('companion', (event) => seen.push(event));
    const deps = { library, stream: undefined, events, logger: silentLogger, transfer: {} };
    await saveCompanions(
      deps as Pick<JobRunDeps, keyof typeof deps>,
      UID,
      job,
      AbortSignal.timeout(20_000),
    );

    expect(seen).toEqual([
      expect.objectContaining({
        what: 'thumbnail',
        saved: false,
        reason: expect.stringMatching(/larger/),
      }),
    ]);
    expect(library.getFiles(UID)).toEqual([]);
    expect(host.sent()).toBeLessThan(serverCap);
  });
});
