import type { FileHandle } from 'node:fs/promises';

/**
 * Gathers network chunks (64 KiB or less) into ~1 MiB positional writes with one write in
 * flight while the next batch fills: a write per chunk, awaited before reading on, made the
 * thread-pool round trips the bottleneck. `onWritten` counts only bytes the file holds.
 */
export class PartWriter {
  private batch: Buffer[] = [];
  private batchBytes = 0;
  private inFlight: Promise<void> = Promise.resolve();
  private unsynced = 0;
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly handle: FileHandle,
    private position: number,
    private readonly onWritten: (bytes: number) => void,
    private readonly batchLimit = 1024 * 1024,
    private readonly syncEvery = 64 * 1024 * 1024,
  ) {}

  /** Waits only when a full batch has to wait for the previous write. */
  async add(chunk: Buffer): Promise<void> {
    this.batch.push(chunk);
    this.batchBytes += chunk.length;
    if (this.batchBytes >= this.batchLimit) await this.dispatch();
  }

  /** Every batch written; the handle may be closed once this resolves. */
  async flush(): Promise<void> {
    await this.dispatch();
    await this.inFlight;
    await this.syncing;
  }

  private async dispatch(): Promise<void> {
    await this.inFlight;
    if (this.batchBytes === 0) return;
    const [buffers, bytes, at] = [this.batch, this.batchBytes, this.position];
    this.batch = [];
    this.batchBytes = 0;
    this.position += bytes;
    this.inFlight = writeAllAt(this.handle, buffers, at).then(() => {
      this.onWritten(bytes);
      this.syncWhenDue(bytes);
    });
    // A failed write is rethrown by the next add or flush; don't report it as unhandled.
    this.inFlight.catch(() => {});
  }

  /**
   * Has the kernel persist the bytes every `syncEvery` in the background, one sync at a time:
   * the fsync before the rename then has little left to write, and a power cut loses less.
   * A failed sync is not fatal here; the final fsync reports a disk that keeps failing.
   */
  private syncWhenDue(bytes: number): void {
    this.unsynced += bytes;
    if (this.unsynced < this.syncEvery || this.syncing) return;
    this.unsynced = 0;
    this.syncing = this.handle
      .datasync()
      .catch(() => {})
      .finally(() => {
        this.syncing = undefined;
      });
  }
}

async function writeAllAt(handle: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let pending = buffers;
  let at = position;
  while (pending.length > 0) {
    const { bytesWritten } = await handle.writev(pending, at);
    at += bytesWritten;
    pending = dropBytes(pending, bytesWritten);
  }
}

/** What is left of `buffers` after a short write of `count` bytes. */
function dropBytes(buffers: Buffer[], count: number): Buffer[] {
  let left = count;
  const rest: Buffer[] = [];
  for (const buffer of buffers) {
    if (left >= buffer.length) {
      left -= buffer.length;
    } else {
      rest.push(left > 0 ? buffer.subarray(left) : buffer);
      left = 0;
    }
  }
  return rest;
}
