import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tempBeside, writeFileAtomic } from '../../atomic-file';
import { isVideoUid } from '../../stream/ids';
import { isLibraryError, libraryErrors } from '../errors';
import { newestSchemaVersion } from '../migrations';
import { mediaDirName } from '../paths';
import type { LibraryFile, LibraryReader } from '../types';
import { digestFile, matches } from './digest-file';
import { ensureRealDir, translateFsError } from './fs-safe';
import {
  ExportManifest,
  type ManifestVideo,
  manifestFileName,
  manifestFormatName,
  manifestFormatVersion,
} from './manifest';
import { type ProgressListener, progressCounter } from './progress';

export interface ExportOptions {
  /** Only these videos; each must be saved. Default: every video with a saved MP4 or M4A. */
  uids?: readonly string[];
  onProgress?: ProgressListener;
  now?: () => Date;
}

export interface ExportReport {
  folder: string;
  videos: string[];
  files: number;
  bytes: number;
}

/** Present files of every video with a playable (default or audio) file, by uid. */
function savedVideos(index: LibraryReader, uids: readonly string[] | undefined) {
  const byUid = new Map<string, LibraryFile[]>();
  for (const file of index.listFiles({ status: 'present' })) {
    byUid.set(file.uid, [...(byUid.get(file.uid) ?? []), file]);
  }
  for (const [uid, files] of byUid) {
    if (!files.some((f) => f.role === 'default' || f.role === 'audio')) byUid.delete(uid);
  }
  if (uids === undefined) return byUid;
  const chosen = new Map<string, LibraryFile[]>();
  for (const uid of uids) {
    const files = byUid.get(uid);
    if (!files) throw libraryErrors.notSaved(uid);
    chosen.set(uid, files);
  }
  return chosen;
}

const exportEntry = (name: string) =>
  name === mediaDirName || name === manifestFileName || name.startsWith(`.${manifestFileName}.`);

/** The target is new, empty, or holds only what an export (maybe an interrupted one) holds. */
async function prepareTarget(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
    const strangers = (await readdir(folder)).filter((name) => !exportEntry(name));
    if (strangers.length > 0) {
      throw libraryErrors.exportTargetUnusable(folder, `it holds other files (${strangers[0]})`);
    }
    await ensureRealDir(join(folder, mediaDirName));
    // An overwrite in progress must not look like a finished export.
    await rm(join(folder, manifestFileName), { force: true });
  } catch (error) {
    if (isLibraryError(error)) throw error;
    throw libraryErrors.exportTargetUnusable(folder, (error as Error).message, error);
  }
}

async function copyOut(
  index: LibraryReader,
  folder: string,
  file: LibraryFile,
  onBytes: (count: number) => void,
): Promise<void> {
  const target = join(folder, ...file.path.split('/'));
  const parts = file.path.split('/').slice(0, -1);
  for (let depth = 1; depth <= parts.length; depth++) {
    await ensureRealDir(join(folder, ...parts.slice(0, depth)));
  }
  const source = index.resolvePath(file.path);
  const stat = await lstat(source).catch(() => undefined);
  if (!stat?.isFile()) throw libraryErrors.exportSourceCorrupt(file.path);
  const temp = tempBeside(target);
  try {
    const digest = await digestFile(source, {
      copyTo: temp,
      limit: file.bytes,
      onBytes,
    });
    if (!matches(digest, file)) throw libraryErrors.exportSourceCorrupt(file.path);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw translateFsError(error);
  }
}

/** Folders of videos a previous export held that this one does not. */
async function pruneStale(folder: string, kept: ReadonlySet<string>): Promise<void> {
  const media = join(folder, mediaDirName);
  for (const name of await readdir(media)) {
    if (isVideoUid(name) && !kept.has(name)) await rm(join(media, name), { recursive: true });
  }
}

function manifestVideo(index: LibraryReader, uid: string, files: LibraryFile[]): ManifestVideo {
  const video = index.getVideo(uid);
  return {
    uid,
    name: video?.name ?? uid,
    video: video?.raw ?? null,
    captions: index.getCaptions(uid),
    files: files.map(({ role, language, path, bytes, sha256 }) => ({
      role,
      language,
      path,
      bytes,
      sha256,
    })),
  };
}

/**
 * Copies the saved videos into `<targetDir>/media/…` and writes the manifest last, so a
 * folder with a manifest is a whole export. Every copied byte is hashed against the index.
 */
export async function exportLibrary(
  index: LibraryReader,
  targetDir: string,
  options: ExportOptions = {},
): Promise<ExportReport> {
  const folder = resolve(targetDir);
  const videos = savedVideos(index, options.uids);
  await prepareTarget(folder);
  const files = [...videos.values()].flat();
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const progress = progressCounter('copy', { files: files.length, bytes }, options.onProgress);
  for (const file of files) {
    progress.startFile(file.path);
    await copyOut(index, folder, file, progress.addBytes);
    progress.finishFile();
  }
  await pruneStale(folder, new Set(videos.keys()));
  const manifest = ExportManifest.parse({
    format: manifestFormatName,
    formatVersion: manifestFormatVersion,
    schemaVersion: newestSchemaVersion,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    videos: [...videos].map(([uid, videoFiles]) => manifestVideo(index, uid, videoFiles)),
  });
  await writeFileAtomic(join(folder, manifestFileName), `${JSON.stringify(manifest, null, 2)}\n`);
  return { folder, videos: [...videos.keys()], files: files.length, bytes };
}
