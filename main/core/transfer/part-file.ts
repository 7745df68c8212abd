import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';
import { type FileHandle, open, readFile, rm, stat } from 'node:fs/promises';
import { z } from 'zod';
import { tempBeside, writeFileAtomic } from '../atomic-file';
import { nativeFileSemantics, renameReplacing } from '../file-semantics';
import { safeJson } from '../safe-json';
import { sameBoot } from './boot-id';
import { RangeSet } from './range-set';

/**
 * Durable bookkeeping of an in-flight download beside its `.part`: which remote file the bytes
 * belong to (validators, total) and which byte ranges are written. No URL is kept: signed links
 * expire and carry a token.
 *
 * Format 1 (one connection): one segment written in order from 0, so the `.part` size is its
 * progress (kill -9 keeps the page cache) and the sidecar changes only when the remote file's
 * identity does.
 *
 * Format 2 (several connections): the `.part` is sized to the whole file at once and filled at
 * several offsets, so its size says nothing; the sidecar lists the ranges. `synced` ranges were
 * on disk (datasync) before the sidecar that claims them was written: they survive anything.
 * `written` ranges were handed to the OS but maybe only sit in its page cache: they survive a
 * kill of the process but not a power loss, so they count only while `boot` is still the
 * running boot of the OS.
 */
const Single = z.object({
  format: z.literal(1),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  total: z.number().int().nonnegative().optional(),
  segments: z.array(
    z.object({ start: z.number().int().nonnegative(), written: z.number().int().nonnegative() }),
  ),
});
export type PartState = z.infer<typeof Single>;

const Range = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
const Segmented = z.object({
  format: z.literal(2),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  total: z.number().int().positive(),
  synced: z.array(Range),
  written: z.array(Range),
  boot: z.string(),
});
type SegmentedJson = z.infer<typeof Segmented>;

export interface SegmentedPartState {
  etag?: string;
  lastModified?: string;
  total: number;
  /** On disk for sure. */
  synced: RangeSet;
  /** Handed to the OS (synced included) and still valid in this boot. */
  written: RangeSet;
}

export type LoadedPart =
  | { kind: 'none'; size: 0 }
  | { kind: 'single'; state: PartState; size: number }
  | { kind: 'segmented'; state: SegmentedPartState };

export function sidecarPath(partPath: string): string {
  return `${partPath}.json`;
}

/**
 * Reads where a previous attempt stopped. No usable sidecar, or a `.part` that does not fit it
 * → start over.
 */
export async function loadPart(partPath: string, boot: string): Promise<LoadedPart> {
  const size = await stat(partPath).then(
    (s) => s.size,
    () => undefined,
  );
  const bytes = await readFile(sidecarPath(partPath)).catch(() => undefined);
  if (bytes === undefined || size === undefined) return { kind: 'none', size: 0 };
  const json = safeJson(bytes.toString('utf8')) ?? newestSlot(bytes)?.state;
  const single = Single.safeParse(json);
  if (single.success) {
    if (single.data.segments.length !== 1) return { kind: 'none', size: 0 };
    const state = single.data;
    const written = Math.min(size, state.total ?? Number.POSITIVE_INFINITY);
    return {
      kind: 'single',
      state: { ...state, segments: [{ start: 0, written }] },
      size: written,
    };
  }
  const segmented = Segmented.safeParse(json);
  if (!segmented.success || size !== segmented.data.total) return { kind: 'none', size: 0 };
  const data = segmented.data;
  const synced = clip(new RangeSet(data.synced), data.total);
  const written = sameBoot(data.boot, boot) ? clip(new RangeSet(data.written), data.total) : null;
  if (written) for (const [start, end] of synced.toJSON()) written.add(start, end);
  return {
    kind: 'segmented',
    state: {
      ...(data.etag ? { etag: data.etag } : {}),
      ...(data.lastModified ? { lastModified: data.lastModified } : {}),
      total: data.total,
      synced,
      written: written ?? synced.clone(),
    },
  };
}

/** Format 1 only (the one-connection path and its tests). */
export async function loadPartState(
  partPath: string,
): Promise<{ state?: PartState; size: number }> {
  const loaded = await loadPart(partPath, '');
  return loaded.kind === 'single' ? { state: loaded.state, size: loaded.size } : { size: 0 };
}

/** Writes the sidecar atomically, so a crash leaves the old state or the new. */
export async function savePartState(partPath: string, state: PartState): Promise<void> {
  await writeFileAtomic(sidecarPath(partPath), JSON.stringify(state));
}

/**
 * The format-2 sidecar: two fixed slots of `slotBytes`, written in turn in place (a positional
 * write of one slot, no temp file and rename: those cost milliseconds each on ext4, long enough
 * for a kill to lose megabytes of written but unrecorded bytes). Each slot holds a sequence
 * number and a SHA-256 of its state; the newest slot whose digest matches wins. A kill cannot
 * tear a write of the page cache; a power loss can tear the slot being written, and then the
 * other one, older and claiming less, is read.
 */
const slotBytes = 16 * 1024;

interface Slot {
  seq: number;
  sha256: string;
  state: SegmentedJson;
}

export class SegmentedSidecar {
  private seq: number;

  private constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
    seq: number,
  ) {
    this.seq = seq;
  }

  /** Replaces whatever sidecar there was with this state, durably (temp, fsync, rename). */
  static async create(
    partPath: string,
    state: SegmentedPartState,
    boot: string,
  ): Promise<SegmentedSidecar> {
    const target = sidecarPath(partPath);
    const temp = tempBeside(target);
    const handle = await open(temp, 'wx+');
    try {
      await handle.write(slotText(1, state, boot), slotBytes, 'utf8');
      await handle.truncate(2 * slotBytes);
      await handle.sync();
      // Windows: a virus scanner may hold the old sidecar for a moment.
      await renameReplacing(temp, target, nativeFileSemantics());
    } catch (error) {
      await handle.close();
      await rm(temp, { force: true });
      throw error;
    }
    return new SegmentedSidecar(handle, target, 1);
  }

  /** Opens the sidecar a loaded state came from, to go on writing its slots. */
  static async open(partPath: string): Promise<SegmentedSidecar> {
    const path = sidecarPath(partPath);
    const handle = await open(path, 'r+');
    const slot = newestSlot(await handle.readFile());
    return new SegmentedSidecar(handle, path, slot?.seq ?? 0);
  }

  /** Records the state in the older slot (synchronous: a few microseconds, no thread pool). */
  save(state: SegmentedPartState, boot: string): void {
    this.seq += 1;
    const text = slotText(this.seq, state, boot);
    writeSync(this.handle.fd, text, (this.seq % 2) * slotBytes, 'utf8');
  }

  /** Has the OS put the slots on disk (after a save that claims newly synced ranges). */
  async flush(): Promise<void> {
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  toString(): string {
    return this.path;
  }
}

function slotText(seq: number, state: SegmentedPartState, boot: string): string {
  const json: SegmentedJson = {
    format: 2,
    ...(state.etag ? { etag: state.etag } : {}),
    ...(state.lastModified ? { lastModified: state.lastModified } : {}),
    total: state.total,
    synced: state.synced.toJSON(),
    written: state.written.toJSON(),
    boot,
  };
  // Claiming less is always safe: drop the smallest written ranges until the slot fits.
  for (;;) {
    const body = JSON.stringify(json);
    const text = JSON.stringify({ seq, sha256: digest(body), state: json });
    // Ended by a newline (JSON has none inside): what an older, longer state left after it is
    // never read.
    if (text.length < slotBytes) return `${text}\n`;
    const smallest = json.written.reduce(
      (min, r, i, all) => (r[1] - r[0] < (all[min]?.[1] ?? 0) - (all[min]?.[0] ?? 0) ? i : min),
      0,
    );
    if (json.written.length > 0) json.written.splice(smallest, 1);
    else json.synced.splice(0, 1);
  }
}

function newestSlot(bytes: Buffer): Slot | undefined {
  let newest: Slot | undefined;
  for (let at = 0; at + slotBytes <= bytes.length; at += slotBytes) {
    const slot = bytes.subarray(at, at + slotBytes);
    const end = slot.indexOf(0x0a);
    const parsed = safeJson(slot.subarray(0, Math.max(end, 0)).toString('utf8')) as
      | Slot
      | undefined;
    const state = Segmented.safeParse(parsed?.state);
    if (!parsed || !state.success || typeof parsed.seq !== 'number') continue;
    if (digest(JSON.stringify(parsed.state)) !== parsed.sha256) continue;
    if (!newest || parsed.seq > newest.seq) newest = { ...parsed, state: state.data };
  }
  return newest;
}

/** The newest valid state of a format-2 sidecar, as stored (tests and diagnostics). */
export async function readSegmentedSidecar(partPath: string): Promise<SegmentedJson | undefined> {
  const bytes = await readFile(sidecarPath(partPath)).catch(() => undefined);
  return bytes ? newestSlot(bytes)?.state : undefined;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function removePart(partPath: string): Promise<void> {
  await Promise.all([rm(partPath, { force: true }), rm(sidecarPath(partPath), { force: true })]);
}

function clip(set: RangeSet, total: number): RangeSet {
  return set.intersect(new RangeSet([[0, total]]));
}
