import { Worker } from 'node:worker_threads';

/**
 * The worker's whole program, kept as source text so every bundle (CLI, Electron main, tests)
 * can start it without shipping a second file. It hashes the `.part` from byte 0 up to the
 * highest length the writer has reported, reading behind it, and answers the one `final` request
 * once it has read exactly the asked length. Any failure is reported once, with a code.
 */
const followerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const digest = createHash('sha256');
const block = Buffer.allocUnsafe(workerData.blockBytes);
let fd;
let hashed = 0;
let reported = 0;
let wanted;
function fail(code, message) {
  throw Object.assign(new Error(message), { code });
}
function catchUp() {
  if (fd === undefined) fd = openSync(workerData.path, 'r');
  const limit = wanted === undefined ? reported : wanted;
  if (hashed > limit) fail('EPASSED', 'more bytes were already hashed than the digest covers');
  while (hashed < limit) {
    const count = readSync(fd, block, 0, Math.min(block.length, limit - hashed), hashed);
    if (count === 0) fail('ESHORT', 'the file is shorter than written');
    digest.update(block.subarray(0, count));
    hashed += count;
  }
  if (wanted !== undefined) {
    closeSync(fd);
    parentPort.postMessage({ digest: digest.digest('hex') });
  }
}
parentPort.on('message', (message) => {
  if (wanted !== undefined) return;
  reported = Math.max(reported, message.written);
  if (message.final) wanted = message.written;
  try {
    catchUp();
  } catch (error) {
    parentPort.postMessage({ error: String(error.message), code: error.code });
    process.exit(0);
  }
});
`;

type FollowerMessage = { digest: string } | { error: string; code?: string };

/**
 * SHA-256 of a `.part`, computed on a worker thread that reads the file just behind the writer.
 * Hashing is the costliest step of a transfer (a few hundred MB/s per core without SHA
 * instructions), so it runs beside the network loop instead of inside it; memory stays flat
 * whatever the lag, and the digest covers exactly the bytes on disk, a resumed prefix included.
 */
export class PartHasher {
  private readonly worker: Worker;
  private readonly outcome: Promise<string>;
  private written = 0;

  constructor(path: string, blockBytes = 1024 * 1024) {
    // Lives until dispose() or the digest: the transfer disposes it on every way out.
    // It keeps one read buffer (outside the heap) and a digest: a small heap is plenty, and the
    // default one would add tens of MB to the resident size of a command-line download.
    this.worker = new Worker(followerSource, {
      eval: true,
      workerData: { path, blockBytes },
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
    });
    this.outcome = new Promise<string>((resolve, reject) => {
      this.worker.once('message', (message: FollowerMessage) => {
        if ('digest' in message) resolve(message.digest);
        else reject(Object.assign(new Error(message.error), { code: message.code }));
      });
      this.worker.once('error', reject);
      this.worker.once('exit', () => reject(new Error('the hashing thread stopped')));
    });
    // Seen by digest(); until then a failure must not surface as an unhandled rejection.
    this.outcome.catch(() => {});
  }

  /** The file now holds this many bytes from its start; the worker may hash up to there. */
  advance(written: number): void {
    this.written = Math.max(this.written, written);
    this.worker.postMessage({ written: this.written });
  }

  /** The hex SHA-256 of the first `length` bytes, once the worker has read them all. */
  async digest(length: number): Promise<string> {
    this.worker.postMessage({ written: length, final: true });
    try {
      return await this.outcome;
    } finally {
      await this.dispose();
    }
  }

  async dispose(): Promise<void> {
    await this.worker.terminate();
  }
}
