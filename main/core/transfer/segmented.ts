import type { FileHandle } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { type BackoffPolicy, backoffDelay } from '../backoff';
import type { Clock } from '../clock';
import type { HttpStack } from '../http/http-stack';
import type { Logger } from '../log';
import type { BandwidthLimiter } from './bandwidth';
import type { ConnectionBudget, ReleaseConnection } from './connections';
import { isTransient, TransferError, transferFailureOf } from './errors';
import type { SegmentedPartState, SegmentedSidecar } from './part-file';
import { PartWriter } from './part-writer';
import { askForRange } from './range-request';
import type { RangeSet } from './range-set';

export interface SegmentTuning {
  /** A remainder at least this large is fetched over several connections. */
  thresholdBytes: number;
  /** How much of the unclaimed rest a connection claims at a time, in file order. */
  chunkBytes: number;
  /** No connection is given less than this (work stealing stops there). */
  minSegmentBytes: number;
  /** Each connection's writes are gathered up to this size. */
  batchBytes: number;
  /** The `.part` is synced (and the synced ranges claimed durably) every this many bytes. */
  syncEveryBytes: number;
}

/**
 * Why these sizes: on a link that holds each connection to 8 MB/s, 32 MiB take 4.2 s over one
 * connection and about 1.1 s over four; three more connections cost a handshake, a request and
 * TCP slow start each (0.3–0.6 s on a 100–200 ms hotel round trip), so below 32 MiB the gain
 * shrinks to the size of that cost (aria2's default does not split below 40 MiB either).
 * Connections claim 16 MiB at a time in file order, so the written prefix that the SHA-256
 * worker can follow trails the furthest byte by about connections × 16 MiB, and hashing ends
 * a fraction of a second after the last byte; 128 KiB batches keep what a kill loses in memory
 * to about 1 MiB over four connections.
 */
export const defaultSegmentTuning: SegmentTuning = {
  thresholdBytes: 32 * 1024 * 1024,
  chunkBytes: 16 * 1024 * 1024,
  minSegmentBytes: 1024 * 1024,
  batchBytes: 128 * 1024,
  syncEveryBytes: 64 * 1024 * 1024,
};

export interface SegmentedOptions {
  url: URL;
  partPath: string;
  handle: FileHandle;
  state: SegmentedPartState;
  sidecar: SegmentedSidecar;
  boot: string;
  http: HttpStack;
  budget: ConnectionBudget;
  connections: number;
  tuning: SegmentTuning;
  stallTimeoutMs: number;
  retryBudget: number;
  backoff: BackoffPolicy;
  random: () => number;
  clock: Clock;
  bandwidth?: BandwidthLimiter | undefined;
  signal?: AbortSignal | undefined;
  log: Logger;
  /** Bytes received (counted once, whatever connection brought them). */
  onBytes(bytes: number): void;
  /** The bytes from 0 now run unbroken up to here (the hasher may read that far). */
  onPrefix(prefix: number): void;
}

export type SegmentedOutcome =
  | { kind: 'complete' }
  /** The server stopped honouring ranges, or the file changed: back to one connection. */
  | { kind: 'fallback'; reason: 'range_ignored' | 'changed' };

/** A body already open (the first connection's answer) that continues at `start`. */
export interface OpenBody {
  body: IncomingMessage;
  start: number;
  /** Where the body ends (exclusive). */
  end: number;
}

interface Connection {
  id: number;
  release: ReleaseConnection;
  /** The current claim: [from, end); `pos` is the next byte to receive. */
  claim?: { from: number; pos: number; end: number };
}

class Fallback extends Error {
  constructor(readonly reason: 'range_ignored' | 'changed') {
    super(reason);
  }
}

/**
 * Fills the holes of one preallocated `.part` over several connections. Each connection
 * claims a range, asks for exactly it (Range + If-Range), and writes at its offsets; claims go
 * out in file order from the unclaimed rest, and once nothing is unclaimed a free connection
 * takes over the upper half of the largest range still being received (never below
 * `minSegmentBytes`). Written ranges are recorded in the sidecar as soon as the OS has them,
 * synced ranges after each datasync: a kill loses only what was still in memory.
 */
export class SegmentedFetch {
  private readonly written: RangeSet;
  private synced: RangeSet;
  private readonly connections = new Set<Connection>();
  private readonly stop = new AbortController();
  private readonly host: string;
  private nextId = 0;
  private running = 0;
  private idle: (() => void) | undefined;
  private fallback: Fallback | undefined;
  private fatal: TransferError | undefined;
  private lastError: TransferError | undefined;
  private unsynced = 0;
  private syncing: Promise<void> | undefined;
  private saveQueued: NodeJS.Immediate | undefined;

  constructor(private readonly o: SegmentedOptions) {
    this.written = o.state.written;
    this.synced = o.state.synced;
    this.host = o.url.host;
  }

  get total(): number {
    return this.o.state.total;
  }

  /** Ranges written so far (for a progress bar of the file's segments). */
  ranges(): [number, number][] {
    return this.written.toJSON();
  }

  async run(first?: OpenBody): Promise<SegmentedOutcome> {
    const onAbort = () => this.stop.abort();
    this.o.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const done = new Promise<void>((resolve) => {
        this.idle = resolve;
      });
      if (this.written.holes(this.total).length === 0) {
        first?.body.destroy();
        return { kind: 'complete' };
      }
      this.spawn(this.o.budget.first(this.host), first);
      this.topUp();
      await done;
      await this.settle();
      if (this.o.signal?.aborted) throw new TransferError('aborted', 'The transfer was stopped.');
      if (this.fatal) throw this.fatal;
      if (this.fallback) return { kind: 'fallback', reason: this.fallback.reason };
      if (this.written.holes(this.total).length > 0) {
        throw (
          this.lastError ?? new TransferError('network', 'Every connection of the download failed.')
        );
      }
      return { kind: 'complete' };
    } finally {
      this.o.signal?.removeEventListener('abort', onAbort);
      this.stop.abort();
    }
  }

  /** Opens further connections while the setting, the shared limits and the work allow. */
  private topUp(): void {
    while (
      !this.stop.signal.aborted &&
      this.connections.size < this.wanted() &&
      this.splittable()
    ) {
      const release = this.o.budget.further(this.host);
      if (!release) return;
      this.spawn(release);
    }
  }

  /** How many connections this download would like now. */
  private wanted(): number {
    return Math.min(this.o.connections, this.o.budget.perDownload);
  }

  private spawn(release: ReleaseConnection, first?: OpenBody): void {
    const connection: Connection = { id: this.nextId++, release };
    this.connections.add(connection);
    this.running += 1;
    void this.work(connection, first)
      .catch((error: unknown) => {
        // A bug here must stop the transfer with a failure, never leave it waiting.
        this.fatal ??= transferFailureOf(error);
        this.stop.abort();
      })
      .finally(() => {
        release();
        this.connections.delete(connection);
        this.running -= 1;
        if (this.running === 0) this.idle?.();
      });
  }

  private async work(connection: Connection, first?: OpenBody): Promise<void> {
    let failures = 0;
    let open = first;
    if (open) {
      connection.claim = { from: open.start, pos: open.start, end: open.start };
      this.extend(connection, open.end);
    }
    for (;;) {
      if (this.stop.signal.aborted) return;
      if (!open && !this.claimFor(connection)) return;
      const claim = connection.claim;
      if (!claim) return;
      const before = claim.pos;
      try {
        const answer = open ?? (await this.request(connection));
        open = undefined;
        await this.receive(connection, answer.body, answer.end);
        failures = 0;
        connection.claim = undefined;
        this.topUp();
      } catch (error) {
        open?.body.destroy();
        open = undefined;
        const progressed = (connection.claim?.pos ?? before) > before;
        connection.claim = undefined;
        if (!this.handleFailure(connection, error)) return;
        failures = progressed ? 1 : failures + 1;
        if (failures > this.o.retryBudget) return;
        const delay = backoffDelay(failures - 1, this.o.backoff, this.o.random);
        await this.o.clock.sleep(delay, this.stop.signal).catch(() => {});
      }
    }
  }

  /** Records a failure; returns whether this connection should try again. */
  private handleFailure(connection: Connection, error: unknown): boolean {
    if (error instanceof Fallback) {
      this.fallback ??= error;
      this.stop.abort();
      return false;
    }
    if (this.stop.signal.aborted) return false;
    const failure = transferFailureOf(error);
    if (!isTransient(failure)) {
      this.fatal ??= failure;
      this.stop.abort();
      return false;
    }
    this.lastError = failure;
    const refused = failure.status === 429 || failure.status === 503;
    if (refused && this.connections.size > 1) {
      // The host wants fewer connections: this one goes, its range returns to the others.
      this.o.budget.throttle(this.host, failure.retryAfterMs);
      this.o.log.info('delivery host refused a further connection', {
        status: failure.status,
        retryAfterMs: failure.retryAfterMs,
        connection: connection.id,
      });
      return false;
    }
    this.o.log.warn('segment attempt failed', { code: failure.code, connection: connection.id });
    return true;
  }

  /** Whether another connection would have something to do. */
  private splittable(): boolean {
    if (this.unclaimed().length > 0) return true;
    return [...this.connections].some(
      (c) => c.claim && c.claim.end - c.claim.pos >= 2 * this.o.tuning.minSegmentBytes,
    );
  }

  /** Holes nobody is writing or receiving. */
  private unclaimed(): [number, number][] {
    const covered = this.written.clone();
    for (const c of this.connections) if (c.claim) covered.add(c.claim.from, c.claim.end);
    return covered.holes(this.total).map(([a, b]) => [a, b]);
  }

  /** Gives the connection its next range: the first unclaimed one, or half of the largest. */
  private claimFor(connection: Connection): boolean {
    const { chunkBytes, minSegmentBytes } = this.o.tuning;
    const holes = this.unclaimed();
    const hole = holes[0];
    if (hole) {
      const [start, holeEnd] = hole;
      // Near the end each connection takes its share of all the work left (what the others
      // still have to receive included), so that they all finish together.
      let left = holes.reduce((sum, [a, b]) => sum + b - a, 0);
      for (const c of this.connections) if (c.claim) left += c.claim.end - c.claim.pos;
      const sharing = Math.max(this.connections.size, this.wanted());
      const share = Math.ceil(left / Math.max(1, sharing));
      let end = Math.min(holeEnd, start + Math.max(minSegmentBytes, Math.min(chunkBytes, share)));
      if (holeEnd - end < minSegmentBytes) end = holeEnd;
      connection.claim = { from: start, pos: start, end };
      this.o.log.debug('claim', { c: connection.id, start, end });
      return true;
    }
    let victim: Connection | undefined;
    for (const c of this.connections) {
      if (c === connection || !c.claim) continue;
      const left = c.claim.end - c.claim.pos;
      if (left >= 2 * minSegmentBytes && (!victim?.claim || left > victimLeft(victim))) victim = c;
    }
    if (!victim?.claim) return false;
    const { pos, end } = victim.claim;
    const middle = pos + Math.ceil((end - pos) / 2);
    victim.claim.end = middle;
    connection.claim = { from: middle, pos: middle, end };
    this.o.log.debug('took over half a segment', { from: connection.id, of: victim.id, middle });
    return true;
  }

  /** Grows an open-ended claim over the unclaimed bytes that follow it, up to `limit`. */
  private extend(connection: Connection, limit: number): boolean {
    const claim = connection.claim;
    if (!claim) return false;
    const hole = this.unclaimed().find(([start]) => start === claim.end);
    if (!hole) return false;
    const { chunkBytes, minSegmentBytes } = this.o.tuning;
    const holeEnd = Math.min(hole[1], limit);
    let end = Math.min(holeEnd, claim.end + chunkBytes);
    if (holeEnd - end < minSegmentBytes) end = holeEnd;
    if (end <= claim.end) return false;
    claim.end = end;
    return true;
  }

  private async request(connection: Connection): Promise<OpenBody> {
    const claim = connection.claim;
    if (!claim) throw new Error('no claim');
    // Asked for now: another connection may take over the upper half while the answer comes.
    const { from, end } = claim;
    const { state } = this.o;
    const validator = state.etag ?? state.lastModified;
    const answer = await askForRange({
      url: this.o.url,
      from,
      end,
      headersTimeoutMs: this.o.stallTimeoutMs,
      http: this.o.http,
      clock: this.o.clock,
      signal: this.stop.signal,
      ...(validator ? { validator } : {}),
    });
    if (answer.kind !== 'body') throw new Fallback('changed');
    const sameFile =
      answer.total === state.total &&
      (state.etag !== undefined
        ? answer.etag === state.etag
        : answer.lastModified === state.lastModified);
    const exact = answer.start === from && answer.end === end;
    if (!sameFile || !exact) {
      answer.body.destroy();
      throw new Fallback(sameFile ? 'range_ignored' : 'changed');
    }
    return { body: answer.body, start: from, end };
  }

  /** Streams one body into the claim's offsets until the claim is whole. */
  private async receive(
    connection: Connection,
    body: IncomingMessage,
    bodyEnd: number,
  ): Promise<void> {
    const claim = connection.claim;
    if (!claim) throw new Error('no claim');
    const { stallTimeoutMs } = this.o;
    const onStop = () => body.destroy(new TransferError('aborted', 'The transfer was stopped.'));
    this.stop.signal.addEventListener('abort', onStop, { once: true });
    body.setTimeout(stallTimeoutMs, () =>
      body.destroy(
        new TransferError('stalled', `No data arrived for ${Math.round(stallTimeoutMs / 1000)} s.`),
      ),
    );
    let writtenTo = claim.pos;
    const writer = new PartWriter(
      this.o.handle,
      claim.pos,
      (bytes) => {
        const start = writtenTo;
        writtenTo += bytes;
        this.onWritten(start, writtenTo);
      },
      this.o.tuning.batchBytes,
      Number.POSITIVE_INFINITY,
    );
    let complete = false;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        await this.o.bandwidth?.take(chunk.length, this.stop.signal);
        let rest = chunk;
        while (rest.length > 0) {
          if (claim.pos >= claim.end && !this.extend(connection, bodyEnd)) break;
          const piece = rest.subarray(0, claim.end - claim.pos);
          claim.pos += piece.length;
          rest = rest.subarray(piece.length);
          this.o.onBytes(piece.length);
          await writer.add(piece);
        }
        if (claim.pos >= claim.end && !this.extend(connection, bodyEnd)) {
          complete = true;
          break;
        }
      }
      complete ||= claim.pos >= claim.end;
    } finally {
      this.stop.signal.removeEventListener('abort', onStop);
      // The rest of a body we no longer need (half of it was taken over, or it ran past).
      if (!body.readableEnded) body.destroy();
      await writer.flush();
    }
    if (!complete) {
      throw new TransferError(
        'length_mismatch',
        `A segment ended at ${claim.pos} instead of ${claim.end}.`,
      );
    }
  }

  private onWritten(start: number, end: number): void {
    const before = this.written.prefix;
    this.written.add(start, end);
    const prefix = this.written.prefix;
    if (prefix !== before) this.o.onPrefix(prefix);
    this.unsynced += end - start;
    if (this.unsynced >= this.o.tuning.syncEveryBytes) this.checkpoint();
    this.save();
  }

  /** Syncs the `.part`, then claims what was written before the sync as synced, durably. */
  private checkpoint(): void {
    if (this.syncing) return;
    this.unsynced = 0;
    const snapshot = this.written.clone();
    this.syncing = this.o.handle
      .datasync()
      .then(async () => {
        for (const [start, end] of snapshot.toJSON()) this.synced.add(start, end);
        this.o.state.synced = this.synced;
        this.saveNow();
        await this.o.sidecar.flush();
      })
      .catch((error: unknown) => this.o.log.warn('sync of the .part failed', { error }))
      .finally(() => {
        this.syncing = undefined;
      });
  }

  /**
   * Records the ranges in the sidecar before the event loop turns again (writes that complete
   * together share one record): what a kill loses is what was still in memory.
   */
  private save(): void {
    if (this.saveQueued) return;
    this.saveQueued = setImmediate(() => this.saveNow());
  }

  private saveNow(): void {
    if (this.saveQueued) clearImmediate(this.saveQueued);
    this.saveQueued = undefined;
    try {
      this.o.sidecar.save(
        { ...this.o.state, synced: this.synced, written: this.written },
        this.o.boot,
      );
    } catch (error) {
      this.o.log.warn('sidecar write failed', { error });
    }
  }

  /** Waits for the sync in flight, then records the final ranges. */
  private async settle(): Promise<void> {
    await this.syncing;
    this.saveNow();
  }
}

function victimLeft(c: Connection): number {
  return c.claim ? c.claim.end - c.claim.pos : 0;
}
