import { type FileHandle, mkdir, open, statfs } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname } from 'node:path';
import { type BackoffPolicy, backoffDelay } from '../backoff';
import { type Clock, systemClock } from '../clock';
import {
  type FileSemantics,
  heldByAnotherProgram,
  nativeFileSemantics,
  renameReplacing,
  syncDirectory,
} from '../file-semantics';
import { directHttpStack, type HttpStack } from '../http/http-stack';
import { type Logger, silentLogger } from '../log';
import type { BandwidthLimiter } from './bandwidth';
import { currentBoot } from './boot-id';
import { BufferRelease, youngGenerationCollector } from './buffer-release';
import { type ConnectionBudget, sharedConnectionBudget } from './connections';
import { isTransient, type RoomShortfall, TransferError, transferFailureOf } from './errors';
import { checkMp4File } from './mp4-boxes';
import {
  loadPart,
  type PartState,
  removePart,
  type SegmentedPartState,
  SegmentedSidecar,
  savePartState,
} from './part-file';
import { PartHasher } from './part-hasher';
import { PartWriter } from './part-writer';
import { ProgressMeter, type TransferProgress } from './progress';
import { askForRange, checkedUrl, type RangeAnswer } from './range-request';
import { RangeSet } from './range-set';
import {
  defaultSegmentTuning,
  type OpenBody,
  SegmentedFetch,
  type SegmentTuning,
} from './segmented';

export interface TransferJob {
  /** Delivery URL of the MP4/M4A; may be refreshed between calls (signed links expire). */
  url: string;
  /** `<library>/.partial/<uid>.<kind>.part` */
  partPath: string;
  /** `<library>/media/<uid>/default.mp4` or `audio.m4a` */
  destinationPath: string;
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
  onVerifying?: () => void;
}

export interface TransferSettings {
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  /** No byte for this long aborts the attempt. */
  stallTimeoutMs?: number;
  /** Attempts in a row that deliver no byte before the transfer gives up. */
  retryBudget?: number;
  backoff?: BackoffPolicy;
  bandwidth?: BandwidthLimiter;
  /** The app's HTTP stack (proxy, certificates, redirects); direct with Node's CAs if absent. */
  http?: HttpStack;
  /** Free bytes on the volume of `dir` (injectable so tests can simulate a full disk). */
  freeSpace?: (dir: string) => Promise<number>;
  /** Space that must stay free beyond the file itself: the free-space floor. */
  reserveBytes?: number;
  /**
   * Bytes the library may still take before its size limit, not counting this file; undefined
   * when there is no limit. Asked before the first byte and again as a body of unknown length grows.
   */
  libraryRoom?: () => number | undefined;
  /**
   * Frees finished network buffers early (see BufferRelease); V8's own when absent, none when
   * null.
   */
  collectYoungGeneration?: (() => void) | null;
  /** Called at the steps of finishing, so crash tests can stop the process at an exact point. */
  stage?: (name: TransferStage) => void | Promise<void>;
  /**
   * The connections all transfers share ("Connections per download", the total and per-host
   * bounds); a process-wide budget with 4 per download if absent.
   */
  connections?: ConnectionBudget;
  /** Sizes of segmented transfers (tests shrink them); see defaultSegmentTuning. */
  segments?: Partial<SegmentTuning>;
  /** Renames and folder syncs as this OS needs them (tests inject Windows' errors here). */
  files?: FileSemantics;
}

export type TransferStage = 'verifying' | 'before_rename' | 'after_rename';

export interface TransferOutcome {
  path: string;
  bytes: number;
  sha256: string;
  etag?: string;
  lastModified?: string;
}

const defaults = {
  stallTimeoutMs: 30_000,
  retryBudget: 6,
  backoff: { baseMs: 1_000, capMs: 30_000 },
  reserveBytes: 64 * 1024 * 1024,
};

/**
 * Brings one remote file into the library: resumes from the bytes already in the `.part`,
 * retries transient failures with backoff, then verifies (length, MP4 boxes), fsyncs and
 * renames atomically. Whatever happens, bytes that are still valid stay on disk for next time.
 */
export async function resumeTransfer(
  job: TransferJob,
  settings: TransferSettings = {},
): Promise<TransferOutcome> {
  return new ResumableTransfer(job, settings).run();
}

export async function volumeFreeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

class ResumableTransfer {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly meter: ProgressMeter;
  private readonly release: BufferRelease | undefined;
  private state: PartState | undefined;
  private written = 0;
  private hasher: PartHasher | undefined;
  /** The `.part` is filled over several connections (format-2 sidecar). */
  private segmented: SegmentedPartState | undefined;
  /** Set once the server refused segments in this run: one connection from then on. */
  private oneConnection = false;
  private boot = '';

  constructor(
    private readonly job: TransferJob,
    private readonly settings: TransferSettings,
  ) {
    this.clock = settings.clock ?? systemClock;
    this.log = (settings.logger ?? silentLogger).child({ part: job.partPath.split('/').at(-1) });
    this.meter = new ProgressMeter(this.clock, (p) => callerStep(() => job.onProgress?.(p)));
    const collect =
      settings.collectYoungGeneration === undefined
        ? youngGenerationCollector()
        : settings.collectYoungGeneration;
    this.release = collect ? new BufferRelease(collect) : undefined;
  }

  /** Every byte received, whatever connection brought it. */
  private received(bytes: number): void {
    this.meter.add(bytes);
    this.release?.received(bytes);
  }

  async run(): Promise<TransferOutcome> {
    try {
      return await this.attempts();
    } finally {
      await this.hasher?.dispose();
    }
  }

  private async attempts(): Promise<TransferOutcome> {
    const url = checkedUrl(new URL(this.job.url));
    await mkdir(dirname(this.job.partPath), { recursive: true });
    this.boot = await currentBoot();
    const loaded = await loadPart(this.job.partPath, this.boot);
    if (loaded.kind === 'single') {
      this.state = loaded.state;
      this.written = loaded.size;
    } else if (loaded.kind === 'segmented') {
      this.adoptSegmented(loaded.state);
    }
    let failures = 0;
    for (;;) {
      const before = this.held();
      try {
        const done = this.segmented ? await this.attemptSegments(url) : await this.attempt(url);
        if (done) return await this.finish();
      } catch (error) {
        if (error instanceof CallerFailure) throw error.original;
        const failure = this.asFailure(error);
        if (!isTransient(failure)) throw failure;
        failures = this.held() > before ? 1 : failures + 1;
        if (failures > (this.settings.retryBudget ?? defaults.retryBudget)) throw failure;
        const delay = backoffDelay(
          failures - 1,
          this.settings.backoff ?? defaults.backoff,
          this.random,
        );
        this.log.warn('transfer attempt failed', {
          code: failure.code,
          retryInMs: delay,
          failures,
        });
        await this.clock.sleep(delay, this.job.signal).catch(() => {
          throw new TransferError('aborted', 'The transfer was stopped.');
        });
      }
    }
  }

  private readonly random = () => (this.settings.random ?? Math.random)();

  /** Bytes of the file on disk now, however they are laid out. */
  private held(): number {
    return this.segmented ? this.segmented.written.size : this.written;
  }

  private adoptSegmented(state: SegmentedPartState): void {
    this.segmented = state;
    this.state = {
      format: 1,
      ...(state.etag ? { etag: state.etag } : {}),
      ...(state.lastModified ? { lastModified: state.lastModified } : {}),
      total: state.total,
      segments: [{ start: 0, written: state.written.prefix }],
    };
    this.written = state.written.prefix;
  }

  private get tuning(): SegmentTuning {
    return { ...defaultSegmentTuning, ...this.settings.segments };
  }

  private get budget(): ConnectionBudget {
    return this.settings.connections ?? sharedConnectionBudget();
  }

  /** Several connections only for a file that gains, from a server that honours ranges. */
  private worthSegments(answer: Extract<RangeAnswer, { kind: 'body' }>): boolean {
    if (this.oneConnection || this.budget.perDownload < 2) return false;
    const total = answer.total;
    if (total === undefined || !answer.ranges) return false;
    if (!answer.etag && !answer.lastModified) return false;
    return total - answer.start >= this.tuning.thresholdBytes;
  }

  /**
   * From one connection to several: the sidecar first says which bytes are held (synced, so
   * they hold across a power loss too), then the `.part` grows to its full size. A crash in
   * between leaves a sidecar that does not fit the `.part`, which starts over: never a claim
   * on bytes that are not there.
   */
  private async beginSegments(total: number): Promise<SegmentedSidecar> {
    const held = this.written;
    const handle = await openPart(this.job.partPath, held);
    try {
      if (held > 0) await handle.datasync();
      const state: SegmentedPartState = {
        ...(this.state?.etag ? { etag: this.state.etag } : {}),
        ...(this.state?.lastModified ? { lastModified: this.state.lastModified } : {}),
        total,
        synced: new RangeSet([[0, held]]),
        written: new RangeSet([[0, held]]),
      };
      const sidecar = await SegmentedSidecar.create(this.job.partPath, state, this.boot);
      // Node has no fallocate: a sparse file of the full size (free space was checked before).
      await handle.truncate(total).catch(async (error: unknown) => {
        await sidecar.close();
        throw error;
      });
      this.segmented = state;
      return sidecar;
    } finally {
      await handle.close();
    }
  }

  /**
   * Back to one connection (the server ignored a range): keep the bytes from 0 that run
   * unbroken, in the one-connection layout. The `.part` is cut first, so a crash in between
   * leaves a format-2 sidecar that no longer fits and starts over rather than over-claims.
   */
  private async endSegments(): Promise<void> {
    const state = this.segmented;
    if (!state) return;
    const prefix = state.written.prefix;
    const handle = await open(this.job.partPath, 'r+');
    try {
      await handle.truncate(prefix);
    } finally {
      await handle.close();
    }
    this.segmented = undefined;
    this.state = {
      format: 1,
      ...(state.etag ? { etag: state.etag } : {}),
      ...(state.lastModified ? { lastModified: state.lastModified } : {}),
      total: state.total,
      segments: [{ start: 0, written: prefix }],
    };
    this.written = prefix;
    await savePartState(this.job.partPath, this.state);
  }

  /** Fills the holes of a segmented `.part`; `first` is an answer already open at its prefix. */
  private async attemptSegments(
    url: URL,
    first?: OpenBody,
    created?: SegmentedSidecar,
  ): Promise<boolean> {
    const state = this.segmented;
    if (!state) throw new Error('not segmented');
    if (this.job.signal?.aborted) {
      first?.body.destroy();
      await created?.close();
      throw new TransferError('aborted', 'The transfer was stopped.');
    }
    const hasher = this.followingHasher();
    hasher.advance(state.written.prefix);
    if (!first) this.meter.reset(state.written.size, state.total);
    this.meter.showSegments(() => reportedRanges(state.written));
    const sidecar = created ?? (await SegmentedSidecar.open(this.job.partPath));
    let outcome: Awaited<ReturnType<SegmentedFetch['run']>>;
    const handle = await open(this.job.partPath, 'r+').catch(async (error: unknown) => {
      await sidecar.close();
      throw error;
    });
    try {
      const fetch = new SegmentedFetch({
        url,
        partPath: this.job.partPath,
        handle,
        state,
        sidecar,
        boot: this.boot,
        http: this.settings.http ?? directHttpStack(),
        budget: this.budget,
        connections: this.oneConnection ? 1 : this.budget.perDownload,
        tuning: this.tuning,
        stallTimeoutMs: this.settings.stallTimeoutMs ?? defaults.stallTimeoutMs,
        retryBudget: this.settings.retryBudget ?? defaults.retryBudget,
        backoff: this.settings.backoff ?? defaults.backoff,
        random: this.random,
        clock: this.clock,
        bandwidth: this.settings.bandwidth,
        signal: this.job.signal,
        log: this.log,
        onBytes: (bytes) => this.received(bytes),
        onPrefix: (prefix) => {
          // The hashing thread is told in steps of 1 MiB (the end is told by the digest).
          if (prefix - this.written >= 1024 * 1024 || prefix === state.total) {
            this.written = prefix;
            hasher.advance(prefix);
          }
        },
      });
      try {
        outcome = await fetch.run(first);
      } finally {
        this.meter.flush();
      }
    } finally {
      this.meter.showSegments(undefined);
      await handle.close();
      await sidecar.close();
    }
    if (outcome.kind === 'complete') {
      this.written = state.total;
      return true;
    }
    this.oneConnection = true;
    if (outcome.reason === 'changed') {
      this.log.info('the remote file changed during a segmented transfer; starting over');
      await this.startOver();
      throw new TransferError('length_mismatch', 'The remote file changed; starting over.');
    }
    this.log.info('the server stopped honouring ranges; continuing over one connection');
    await this.endSegments();
    throw new TransferError('server_error', 'The server ignored a range; one connection now.');
  }

  /** One request. Resolves true once every byte is in the `.part`. */
  private async attempt(url: URL): Promise<boolean> {
    if (this.job.signal?.aborted) throw new TransferError('aborted', 'The transfer was stopped.');
    const from = this.state ? this.written : 0;
    const validator = this.state?.etag ?? this.state?.lastModified;
    const answer = await askForRange({
      url,
      from,
      headersTimeoutMs: this.settings.stallTimeoutMs ?? defaults.stallTimeoutMs,
      http: this.settings.http ?? directHttpStack(),
      clock: this.clock,
      ...(validator ? { validator } : {}),
      ...(this.job.signal ? { signal: this.job.signal } : {}),
    });
    if (answer.kind === 'complete' && this.state?.total === answer.total) return true;
    if (answer.kind !== 'body') {
      await this.startOver();
      throw new TransferError(
        'length_mismatch',
        'The remote file no longer matches; starting over.',
      );
    }
    const segments = answer.total !== undefined && this.worthSegments(answer);
    // Going segmented writes its own sidecar at once: no need to write the other one first.
    await this.adopt(answer, from, !segments);
    if (answer.total !== undefined && segments) {
      const body = answer.body;
      const sidecar = await this.beginSegments(answer.total).catch((error: unknown) => {
        body.destroy();
        throw error;
      });
      const end = answer.end ?? answer.total;
      return this.attemptSegments(url, { body, start: answer.start, end }, sidecar);
    }
    await this.receive(answer.body, answer.end);
    const total = this.state?.total;
    if (total !== undefined && this.written !== total) {
      throw new TransferError(
        'length_mismatch',
        `The body ended at ${this.written} of ${total} bytes.`,
      );
    }
    return true;
  }

  /** Decides whether the answer continues our bytes or replaces them, and records its identity. */
  private async adopt(
    answer: Extract<RangeAnswer, { kind: 'body' }>,
    from: number,
    record = true,
  ): Promise<void> {
    const changed =
      answer.start === 0 ||
      (this.state?.etag !== undefined &&
        answer.etag !== undefined &&
        this.state.etag !== answer.etag) ||
      (this.state?.total !== undefined && this.state.total !== answer.total);
    if (changed && from > 0) {
      this.log.info('remote file changed or range ignored; starting over', { from });
      if (answer.start !== 0) {
        answer.body.destroy();
        await this.startOver();
        throw new TransferError('length_mismatch', 'The remote file changed; starting over.');
      }
      await this.startOver();
    }
    await this.ensureSpace(
      (answer.total ?? answer.start) - answer.start,
      answer.total ?? answer.start,
      answer.body,
    );
    this.state = {
      format: 1,
      ...(answer.etag ? { etag: answer.etag } : {}),
      ...(answer.lastModified ? { lastModified: answer.lastModified } : {}),
      ...(answer.total === undefined ? {} : { total: answer.total }),
      segments: [{ start: 0, written: answer.start }],
    };
    if (record) await savePartState(this.job.partPath, this.state);
    this.meter.reset(this.written, answer.total);
  }

  /**
   * Refuses, before the line is crossed, when `coming` more bytes would eat into the free-space
   * floor or `fileBytes` would pass the library's size limit. With no declared length this runs
   * again as bytes arrive (then `coming` is what the writer still holds: the volume does not
   * count it yet, and `fileBytes` is what has arrived). Answers the library's room it read.
   */
  private async ensureSpace(
    coming: number,
    fileBytes: number,
    body: IncomingMessage,
  ): Promise<number | undefined> {
    const free = await (this.settings.freeSpace ?? volumeFreeBytes)(dirname(this.job.partPath));
    const floor = this.settings.reserveBytes ?? defaults.reserveBytes;
    const room = this.settings.libraryRoom?.();
    let shortfall: RoomShortfall | undefined;
    if (free < coming + floor) {
      shortfall = {
        line: 'free_space_floor',
        neededBytes: coming + floor,
        availableBytes: Math.max(0, free),
      };
    } else if (room !== undefined && room < fileBytes) {
      shortfall = { line: 'library_limit', neededBytes: fileBytes, availableBytes: room };
    }
    if (!shortfall) return room;
    body.destroy();
    const what =
      shortfall.line === 'free_space_floor'
        ? `the disk must keep ${formatMiB(floor)} free`
        : 'the library would pass its size limit';
    throw new TransferError(
      'no_room',
      `Not enough room: ${what} (${formatMiB(shortfall.neededBytes)} needed, ${formatMiB(shortfall.availableBytes)} available).`,
      undefined,
      undefined,
      shortfall,
    );
  }

  private async startOver(): Promise<void> {
    await this.hasher?.dispose();
    this.hasher = undefined;
    await removePart(this.job.partPath);
    this.state = undefined;
    this.segmented = undefined;
    this.written = 0;
  }

  /**
   * Streams the body into the `.part` at its offset, hashed just behind, until it ends. A body
   * that passes its declared end is cut there; one of unknown length re-checks the free space.
   */
  private async receive(body: IncomingMessage, end: number | undefined): Promise<void> {
    const handle = await openPart(this.job.partPath, this.written);
    const hasher = this.followingHasher();
    const stall = this.settings.stallTimeoutMs ?? defaults.stallTimeoutMs;
    const onAbort = () => body.destroy(new TransferError('aborted', 'The transfer was stopped.'));
    this.job.signal?.addEventListener('abort', onAbort, { once: true });
    body.setTimeout(stall, () =>
      body.destroy(
        new TransferError('stalled', `No data arrived for ${Math.round(stall / 1000)} s.`),
      ),
    );
    const writer = new PartWriter(handle, this.written, (bytes) => {
      this.written += bytes;
      hasher.advance(this.written);
    });
    let received = this.written;
    let nextSpaceCheck = received + this.spaceCheckEvery();
    // The size limit is checked at every chunk against the room last read (no disk call).
    let room = end === undefined ? this.settings.libraryRoom?.() : undefined;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        received += chunk.length;
        if (end !== undefined && received > end) {
          body.destroy();
          throw new TransferError('length_mismatch', `The server sent more than ${end} bytes.`);
        }
        const pastRoom = room !== undefined && received > room;
        if (end === undefined && (received >= nextSpaceCheck || pastRoom)) {
          nextSpaceCheck = received + this.spaceCheckEvery();
          room = await this.ensureSpace(received - this.written, received, body);
        }
        await this.settings.bandwidth?.take(chunk.length, this.job.signal);
        this.received(chunk.length);
        await writer.add(chunk);
      }
    } finally {
      this.job.signal?.removeEventListener('abort', onAbort);
      // Bytes received before a failure are good bytes of this file: keep them for the resume.
      await writer.flush().finally(() => handle.close());
      this.meter.flush();
    }
  }

  /** A quarter of the reserve: a body of unknown length eats at most that much into it. */
  private spaceCheckEvery(): number {
    return Math.max((this.settings.reserveBytes ?? defaults.reserveBytes) / 4, 1024 * 1024);
  }

  /**
   * The hasher of this `.part`, kept across attempts while the bytes it has read stay valid; a
   * new one (after a restart of the process, or starting over) first re-hashes what is on disk.
   */
  private followingHasher(): PartHasher {
    this.hasher ??= new PartHasher(this.job.partPath);
    this.hasher.advance(this.written);
    return this.hasher;
  }

  private async finish(): Promise<TransferOutcome> {
    callerStep(() => this.job.onVerifying?.());
    await this.settings.stage?.('verifying');
    const check = await checkMp4File(this.job.partPath);
    if (!check.ok) {
      await this.startOver();
      throw new TransferError(
        'not_media',
        `The downloaded file is not a playable MP4 (${check.detail}).`,
      );
    }
    const hasher = this.followingHasher();
    this.hasher = undefined;
    const sha256 = await hasher.digest(this.written);
    await syncFile(this.job.partPath);
    await mkdir(dirname(this.job.destinationPath), { recursive: true });
    await this.settings.stage?.('before_rename');
    const files = this.settings.files ?? nativeFileSemantics({ clock: this.clock });
    await renameReplacing(this.job.partPath, this.job.destinationPath, files).catch((error) => {
      if (!heldByAnotherProgram(error, files.platform)) throw error;
      throw new TransferError('file_busy', 'Another program holds the saved file open.');
    });
    await syncDirectory(dirname(this.job.destinationPath), files);
    await this.settings.stage?.('after_rename');
    await removePart(this.job.partPath);
    return {
      path: this.job.destinationPath,
      bytes: this.written,
      sha256,
      ...(this.state?.etag ? { etag: this.state.etag } : {}),
      ...(this.state?.lastModified ? { lastModified: this.state.lastModified } : {}),
    };
  }

  private asFailure(error: unknown): TransferError {
    if (this.job.signal?.aborted) return new TransferError('aborted', 'The transfer was stopped.');
    return transferFailureOf(error);
  }
}

/** The caller's callback failed (say its database is full): its error, not a network one. */
class CallerFailure extends Error {
  constructor(readonly original: unknown) {
    super('a transfer callback failed');
  }
}

function callerStep(step: () => void): void {
  try {
    step();
  } catch (error) {
    throw new CallerFailure(error);
  }
}

async function openPart(path: string, keepBytes: number): Promise<FileHandle> {
  const handle = await open(path, keepBytes > 0 ? 'r+' : 'w');
  await handle.truncate(keepBytes);
  return handle;
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** At most 32 ranges for a progress report: the smallest gaps are closed first. */
function reportedRanges(ranges: RangeSet): [number, number][] {
  const list = ranges.toJSON();
  while (list.length > 32) {
    let at = 0;
    for (let i = 1; i < list.length - 1; i += 1) {
      const gap = (list[i + 1]?.[0] ?? 0) - (list[i]?.[1] ?? 0);
      if (gap < (list[at + 1]?.[0] ?? 0) - (list[at]?.[1] ?? 0)) at = i;
    }
    const [left, right] = [list[at], list[at + 1]];
    if (!left || !right) break;
    list.splice(at, 2, [left[0], right[1]]);
  }
  return list;
}

export function formatMiB(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))} MiB`;
}
