import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Frees the network buffers a transfer has finished with, every `everyBytes` received. Each
 * socket read is a fresh 64 KiB buffer outside V8's heap; V8 frees it only when it collects the
 * small object that holds it, and at full speed it waits until tens of MB of them pile up. A
 * young-generation collection every 8 MiB (well under a millisecond) keeps that pile small:
 * peak RSS of a 2 GiB loopback `get` 140–151 → 132–135 MB, no slower (README, "Performance").
 */
export class BufferRelease {
  private sinceCollection = 0;

  constructor(
    private readonly collect: () => void,
    private readonly everyBytes = 8 * 1024 * 1024,
  ) {}

  received(bytes: number): void {
    this.sinceCollection += bytes;
    if (this.sinceCollection < this.everyBytes) return;
    this.sinceCollection %= this.everyBytes;
    this.collect();
  }
}

let collector: (() => void) | null | undefined;

/**
 * V8's young-generation collection, reached without a start-up flag: `--expose-gc` set at run
 * time gives the `gc` function to contexts made afterwards (the way Node's own tests reach it).
 * Null where that is refused: then buffers are freed when V8 decides, as before.
 */
export function youngGenerationCollector(): (() => void) | null {
  if (collector !== undefined) return collector;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options: { type: 'minor' }) => void;
    collector = typeof gc === 'function' ? () => gc({ type: 'minor' }) : null;
  } catch {
    collector = null;
  }
  return collector;
}
