import { randomBytes } from 'node:crypto';
import { lstat, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Video } from '../../stream/schemas';
import { libraryErrors } from '../errors';
import { mediaDirName, partialDirName } from '../paths';
import type { CaptionTrack, LibraryIndex } from '../types';
import { digestFile, matches } from './digest-file';
import { translateFsError } from './fs-safe';
import type { ExportManifest, ManifestFile, ManifestVideo } from './manifest';
import { type ProgressListener, progressCounter } from './progress';
import { readManifest } from './read-manifest';

export interface ImportOptions {
  onProgress?: ProgressListener;
}

export interface ImportReport {
  /** Videos that gained at least one file. */
  imported: string[];
  /** Videos whose every file the library already held with the same SHA-256. */
  alreadyPresent: string[];
  files: number;
  bytes: number;
}

/** A video of the export and the files of it the library lacks (or holds other bytes of). */
interface Planned {
  video: ManifestVideo;
  incoming: ManifestFile[];
}

function plan(index: LibraryIndex, manifest: ExportManifest): Planned[] {
  return manifest.videos.map((video) => {
    const held = index.getFiles(video.uid).filter((f) => f.status === 'present');
    const incoming = video.files.filter(
      (file) => !held.some((h) => h.path === file.path && matches(h, file)),
    );
    return { video, incoming };
  });
}

const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

/** Hashes every file of the export; the ones coming in are copied into staging as they are read. */
async function verifyAndStage(
  source: string,
  staging: string,
  planned: Planned[],
  onProgress: ProgressListener | undefined,
): Promise<void> {
  const all = planned.flatMap((p) => p.video.files);
  const totals = { files: all.length, bytes: all.reduce((sum, f) => sum + f.bytes, 0) };
  const progress = progressCounter('verify', totals, onProgress);
  for (const { video, incoming } of planned) {
    for (const file of video.files) {
      const from = join(source, ...file.path.split('/'));
      const stat = await lstat(from).catch(() => undefined);
      if (!stat) throw libraryErrors.importIncomplete(file.path);
      if (!stat.isFile() || stat.size !== file.bytes) throw libraryErrors.importTampered(file.path);
      const copyTo = incoming.includes(file) ? join(staging, ...file.path.split('/')) : undefined;
      progress.startFile(file.path, copyTo ? 'copy' : 'verify');
      if (copyTo) await mkdir(dirname(copyTo), { recursive: true });
      const digest = await digestFile(from, {
        limit: file.bytes,
        onBytes: progress.addBytes,
        ...(copyTo ? { copyTo } : {}),
      });
      if (!matches(digest, file)) throw libraryErrors.importTampered(file.path);
      progress.finishFile();
    }
  }
}

/** Moves a video's staged files into media/: the whole folder at once when it is new. */
async function place(
  index: LibraryIndex,
  staging: string,
  { video, incoming }: Planned,
  placed: string[],
): Promise<void> {
  const folder = join(index.folder, mediaDirName, video.uid);
  if (!(await exists(folder))) {
    await rename(join(staging, mediaDirName, video.uid), folder);
    placed.push(folder);
    return;
  }
  for (const file of incoming) {
    const target = index.resolvePath(file.path);
    const replacing = await exists(target);
    await mkdir(dirname(target), { recursive: true });
    await rename(join(staging, ...file.path.split('/')), target);
    if (!replacing) placed.push(target);
  }
}

/** The catalogue entry the export carried, or a plain one naming the video. */
function catalogueVideo(video: ManifestVideo, createdAt: string): Video {
  const parsed = Video.safeParse(video.video);
  if (parsed.success && parsed.data.uid === video.uid) return parsed.data;
  return {
    uid: video.uid,
    meta: { name: video.name },
    created: createdAt,
    duration: -1,
    readyToStream: true,
    status: { state: 'ready' },
    requireSignedURLs: false,
    allowedOrigins: [],
  };
}

function mergedCaptions(held: CaptionTrack[], planned: Planned): CaptionTrack[] {
  const tracks = new Map(held.map((c) => [c.language, c]));
  for (const file of planned.incoming) {
    if (file.role !== 'caption' || file.language === null) continue;
    const label = planned.video.captions.find((c) => c.language === file.language)?.label;
    tracks.set(file.language, { language: file.language, label: label ?? file.language });
  }
  return [...tracks.values()];
}

function record(index: LibraryIndex, planned: Planned, createdAt: string): void {
  const { uid } = planned.video;
  if (!index.getVideo(uid)) index.upsertCatalogue([catalogueVideo(planned.video, createdAt)]);
  for (const { role, language, path, bytes, sha256 } of planned.incoming) {
    index.addFile({ uid, role, language, path, bytes, sha256 });
  }
  if (planned.incoming.some((f) => f.role === 'caption')) {
    index.setCaptions(uid, mergedCaptions(index.getCaptions(uid), planned));
  }
}

async function commit(
  index: LibraryIndex,
  staging: string,
  planned: Planned[],
  createdAt: string,
): Promise<void> {
  const placed: string[] = [];
  try {
    for (const item of planned) await place(index, staging, item, placed);
    index.transaction(() => {
      for (const item of planned) record(index, item, createdAt);
    });
  } catch (error) {
    await Promise.all(placed.map((path) => rm(path, { recursive: true, force: true })));
    throw translateFsError(error);
  }
}

/**
 * Brings an export into the library. Every file's size and SHA-256 is checked against the
 * manifest before anything enters the library; any mismatch refuses the whole import.
 * Files the library already holds with the same hash are left alone, so a repeat changes nothing.
 */
export async function importLibrary(
  index: LibraryIndex,
  sourceDir: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const source = resolve(sourceDir);
  const manifest = await readManifest(source);
  const planned = plan(index, manifest);
  const coming = planned.filter((p) => p.incoming.length > 0);
  const staging = join(index.folder, partialDirName, `import-${randomBytes(8).toString('hex')}`);
  try {
    await mkdir(staging);
    await verifyAndStage(source, staging, planned, options.onProgress);
    await commit(index, staging, coming, manifest.createdAt);
  } catch (error) {
    throw translateFsError(error);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const incoming = coming.flatMap((p) => p.incoming);
  return {
    imported: coming.map((p) => p.video.uid),
    alreadyPresent: planned.filter((p) => p.incoming.length === 0).map((p) => p.video.uid),
    files: incoming.length,
    bytes: incoming.reduce((sum, f) => sum + f.bytes, 0),
  };
}
