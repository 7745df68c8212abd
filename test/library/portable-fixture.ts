import { createHash, randomBytes } from 'node:crypto';
import { type Dirent, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { syntheticBytes } from '../../main/core/emulator/synthetic-mp4';
import type { FileRole, LibraryIndex } from '../../main/core/library';
import { mediaPath } from '../../main/core/library';
import { uidOf, video } from './helpers';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Writes bytes where the library keeps this role and records the file, as the queue does. */
export function storeFile(
  index: LibraryIndex,
  uid: string,
  role: FileRole,
  bytes: Buffer,
  language: string | null = null,
) {
  const path = mediaPath(uid, role, language);
  const absolute = index.resolvePath(path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, bytes);
  return index.addFile({ uid, role, language, path, bytes: bytes.length, sha256: sha256(bytes) });
}

/** A well-formed MP4 (ftyp, moov, mdat) of this size, its bytes depending on `seed`. */
export const mp4Of = (size: number, seed: number) => syntheticBytes({ size, seed }, 0, size);

/** Video n with an MP4, a thumbnail and English + German captions. */
export function saveVideo(index: LibraryIndex, n: number, mp4Bytes = 200_000): string {
  const uid = uidOf(n);
  index.upsertCatalogue([video(n)]);
  storeFile(index, uid, 'default', mp4Of(mp4Bytes, n));
  storeFile(index, uid, 'thumbnail', randomBytes(3_000));
  storeFile(index, uid, 'caption', Buffer.from(`WEBVTT\n\n${n} en\n`), 'en');
  storeFile(index, uid, 'caption', Buffer.from(`WEBVTT\n\n${n} de\n`), 'de');
  index.setCaptions(uid, [
    { language: 'de', label: 'Deutsch' },
    { language: 'en', label: 'English' },
  ]);
  return uid;
}

/** Flips one byte in the middle of a file, keeping its size. */
export function flipByte(path: string): void {
  const bytes = readFileSync(path);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  writeFileSync(path, bytes);
}

/** Every file under a folder, relative and sorted, for "nothing changed" checks. */
export function tree(folder: string): string[] {
  return (readdirSync(folder, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

/** What a library holds, in a form two libraries can be compared by. */
export function holdings(index: LibraryIndex) {
  return index.listFiles().map(({ uid, role, language, path, bytes, sha256: hash, status }) => ({
    uid,
    role,
    language,
    path,
    bytes,
    sha256: hash,
    status,
  }));
}
