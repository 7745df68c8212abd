import { readFile, rm, stat } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-file';

/**
 * Durable bookkeeping of an in-flight download beside its `.part`: which remote file the bytes
 * belong to (validators, total) and which byte ranges are written. Ranges are a list so a later
 * segmented transfer can fill several at once without a new on-disk format; today there is one,
 * written in order, so the `.part` size is its progress and the sidecar changes only when the
 * remote file's identity does. No URL is kept: signed links expire and carry a token.
 */
const PartState = z.object({
  format: z.literal(1),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  total: z.number().int().nonnegative().optional(),
  segments: z.array(
    z.object({ start: z.number().int().nonnegative(), written: z.number().int().nonnegative() }),
  ),
});
export type PartState = z.infer<typeof PartState>;

export function sidecarPath(partPath: string): string {
  return `${partPath}.json`;
}

/**
 * Reads where a previous attempt stopped. Bytes are written in order from the segment start,
 * so the `.part` size is the truth for the single segment (kill -9 keeps the page cache); the
 * sidecar says what those bytes belong to. No usable sidecar → start over.
 */
export async function loadPartState(
  partPath: string,
): Promise<{ state?: PartState; size: number }> {
  const size = await stat(partPath).then(
    (s) => s.size,
    () => 0,
  );
  const text = await readFile(sidecarPath(partPath), 'utf8').catch(() => undefined);
  if (text === undefined) return { size: 0 };
  const parsed = PartState.safeParse(safeJson(text));
  if (!parsed.success || parsed.data.segments.length !== 1) return { size: 0 };
  const state = parsed.data;
  const written = Math.min(size, state.total ?? Number.POSITIVE_INFINITY);
  return { state: { ...state, segments: [{ start: 0, written }] }, size: written };
}

/** Writes the sidecar atomically, so a crash leaves the old state or the new. */
export async function savePartState(partPath: string, state: PartState): Promise<void> {
  await writeFileAtomic(sidecarPath(partPath), JSON.stringify(state));
}

export async function removePart(partPath: string): Promise<void> {
  await Promise.all([rm(partPath, { force: true }), rm(sidecarPath(partPath), { force: true })]);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
