import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { z } from 'zod';
import { tempBeside, writeFileAtomic } from '../atomic-file';
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
  const text = await readFile(sidecarPath(partPath), 'utf8').catch(() => undefined);
  if (text === undefined || size === undefined) return { kind: 'none', size: 0 };
  const json = safeJson(text);
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
 * Writes a format-2 sidecar through a temp file and a rename. `durable` also syncs it (after
 * a datasync of the `.part` that made `synced` true). Without it a power loss may keep an older
 * sidecar, or none: either claims no more than was on disk when it was written, because
 * `synced` only ever grows and `written` is not trusted after a restart of the OS.
 */
export async function saveSegmentedState(
  partPath: string,
  state: SegmentedPartState,
  boot: string,
  durable: boolean,
): Promise<void> {
  const json: SegmentedJson = {
    format: 2,
    ...(state.etag ? { etag: state.etag } : {}),
    ...(state.lastModified ? { lastModified: state.lastModified } : {}),
    total: state.total,
    synced: state.synced.toJSON(),
    written: state.written.toJSON(),
    boot,
  };
  const target = sidecarPath(partPath);
  const temp = tempBeside(target);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(JSON.stringify(json));
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function removePart(partPath: string): Promise<void> {
  await Promise.all([rm(partPath, { force: true }), rm(sidecarPath(partPath), { force: true })]);
}

function clip(set: RangeSet, total: number): RangeSet {
  return set.intersect(new RangeSet([[0, total]]));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
