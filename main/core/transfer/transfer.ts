import { type FileHandle, mkdir, open, rename, statfs } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname } from 'node:path';
import { type BackoffPolicy, backoffDelay } from '../backoff';
import { type Clock, systemClock } from '../clock';
import { directHttpStack, type HttpStack } from '../http/http-stack';
import { type Logger, silentLogger } from '../log';
import type { BandwidthLimiter } from './bandwidth';
import { isTransient, TransferError } from './errors';
import { checkMp4File } from './mp4-boxes';
import { loadPartState, type PartState, removePart, savePartState } from './part-file';
import { PartHasher } from './part-hasher';
import { PartWriter } from './part-writer';
import { ProgressMeter, type TransferProgress } from './progress';
import { askForRange, checkedUrl, type RangeAnswer } from './range-request';

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
  /** Space that must stay free beyond the file itself. */
  reserveBytes?: number;
  /** Called at the steps of finishing, so crash tests can stop the process at an exact point. */
  stage?: (name: TransferStage) => void | Promise<void>;
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
  private state: PartState | undefined;
  private written = 0;
  private hasher: PartHasher | undefined;

  constructor(
    private readonly job: TransferJob,
    private readonly settings: TransferSettings,
  ) {
    this.clock = settings.clock ?? systemClock;
    this.log = (settings.logger ?? silentLogger).child({ part: job.partPath.split('/').at(-1) });
    this.meter = new ProgressMeter(this.clock, (p) => callerStep(() => job.onProgress?.(p)));
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
    const loaded = await loadPartState(this.job.partPath);
    this.state = loaded.state;
    this.written = loaded.size;
    let failures = 0;
    for (;;) {
      const before = this.written;
      try {
        if (await this.attempt(url)) return await this.finish();
      } catch (error) {
        if (error instanceof CallerFailure) throw error.original;
        const failure = this.asFailure(error);
        if (!isTransient(failure)) throw failure;
        failures = this.written > before ? 1 : failures + 1;
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
    await this.adopt(answer, from);
    await this.receive(answer.body);
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
  private async adopt(answer: Extract<RangeAnswer, { kind: 'body' }>, from: number): Promise<void> {
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
    await this.ensureSpace(answer.total, answer.start, answer.body);
    this.state = {
      format: 1,
      ...(answer.etag ? { etag: answer.etag } : {}),
      ...(answer.lastModified ? { lastModified: answer.lastModified } : {}),
      ...(answer.total === undefined ? {} : { total: answer.total }),
      segments: [{ start: 0, written: answer.start }],
    };
    await savePartState(this.job.partPath, this.state);
    this.meter.reset(this.written, answer.total);
  }

  private async ensureSpace(total: number | undefined, start: number, body: IncomingMessage) {
    if (total === undefined) return;
    const free = await (this.settings.freeSpace ?? volumeFreeBytes)(dirname(this.job.partPath));
    const needed = total - start + (this.settings.reserveBytes ?? defaults.reserveBytes);
    if (free < needed) {
      body.destroy();
      throw new TransferError(
        'disk_full',
        `Not enough free space: ${formatMiB(needed)} needed, ${formatMiB(free)} free. Free some space, then resume.`,
      );
    }
  }

  private async startOver(): Promise<void> {
    await this.hasher?.dispose();
    this.hasher = undefined;
    await removePart(this.job.partPath);
    this.state = undefined;
    this.written = 0;
  }

  /** Streams the body into the `.part` at its offset, hashed just behind, until it ends. */
  private async receive(body: IncomingMessage): Promise<void> {
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
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        await this.settings.bandwidth?.take(chunk.length, this.job.signal);
        this.meter.add(chunk.length);
        await writer.add(chunk);
      }
    } finally {
      this.job.signal?.removeEventListener('abort', onAbort);
      // Bytes received before a failure are good bytes of this file: keep them for the resume.
      await writer.flush().finally(() => handle.close());
      this.meter.flush();
    }
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
    await rename(this.job.partPath, this.job.destinationPath);
    await syncFile(dirname(this.job.destinationPath));
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
    if (error instanceof TransferError) return error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      return new TransferError('disk_full', 'The disk is full. Free some space, then resume.');
    }
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'ENOENT') {
      return new TransferError(
        'library_unwritable',
        `The library folder cannot be written (${code}).`,
      );
    }
    return new TransferError('network', `The connection failed (${code ?? 'unknown'}).`);
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

function formatMiB(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))} MiB`;
}
