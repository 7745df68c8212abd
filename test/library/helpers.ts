import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { LibraryIndex, OpenLibraryOptions } from '../../main/core/library';
import { openLibrary } from '../../main/core/library';
import type { Video } from '../../main/core/stream/schemas';

const folders: string[] = [];
const opened: LibraryIndex[] = [];

/** openLibrary, closed again after the test. */
export function open(folder: string, options?: OpenLibraryOptions): LibraryIndex {
  const index = openLibrary(folder, options);
  opened.push(index);
  return index;
}

/** A fresh temp folder, removed after the test. */
export function tempFolder(prefix = 'offstream-lib-'): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

afterEach(() => {
  for (const index of opened.splice(0)) index.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Deterministic 32-hex uid number n. */
export function uidOf(n: number): string {
  return n.toString(16).padStart(32, '0');
}

export function video(n: number, overrides: Partial<Video> & { name?: string } = {}): Video {
  const { name, ...rest } = overrides;
  return {
    uid: uidOf(n),
    meta: { name: name ?? `Video ${n}` },
    created: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    duration: 10 + n,
    size: 1000 + n,
    input: { width: 640, height: 360 },
    readyToStream: true,
    status: { state: 'ready' },
    requireSignedURLs: false,
    allowedOrigins: [],
    ...rest,
  };
}
