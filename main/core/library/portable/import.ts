import { lstat, mkdir, realpath, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Video } from '../../stream/schemas';
import { scratchPath, videoDir } from '../paths';
import type { CaptionTrack, LibraryIndex } from '../types';
import { translateFsError } from './fs-safe';
import { type ImportConflict, type Planned, plan } from './import-plan';
import type { ManifestVideo } from './manifest';
import { type ProgressListener, progressCounter } from './progress';
import { readExportFile } from './read-export-file';
import { readManifest } from './read-manifest';

export interface ImportOptions {
  onProgress?: ProgressListener;
  /** The person chose to replace files the library holds with other bytes (`--replace`). */
  replace?: boolean;
}

export interface ImportReport {
  /** Videos that gained at least one file. */
  imported: string[];
  /** Videos whose every file the library already held with the same SHA-256. */
  alreadyPresent: string[];
  /** Videos left out because importing them would replace bytes the library holds. */
  conflicts: ImportConflict[];
  files: number;
  bytes: number;
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
      const copyTo = incoming.includes(file) ? join(staging, ...file.path.split('/')) : undefined;
      progress.startFile(file.path, copyTo ? 'copy' : 'verify');
      if (copyTo) await mkdir(dirname(copyTo), { recursive: true });
      await readExportFile(source, file, { onBytes: progress.addBytes, copyTo });
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
  const folder = videoDir(index.folder, video.uid);
  if (!(await exists(folder))) {
    await rename(videoDir(staging, video.uid), folder);
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
 * manifest, and every MP4/M4A's boxes, before anything enters the library; any mismatch refuses
 * the whole import. Files the library already holds with the same hash are left alone, so a
 * repeat changes nothing; a video whose files the library holds with other bytes is left out
 * (a conflict) unless `replace` says the person chose to replace them.
 */
export async function importLibrary(
  index: LibraryIndex,
  sourceDir: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  // The folder the person chose may be reached through a link; nothing inside it may be.
  const source = await realpath(resolve(sourceDir)).catch(() => resolve(sourceDir));
  const manifest = await readManifest(source);
  const { planned, conflicts } = await plan(index, manifest, options.replace === true);
  const coming = planned.filter((p) => p.incoming.length > 0);
  const staging = scratchPath(index.folder, 'import');
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
    conflicts,
    files: incoming.length,
    bytes: incoming.reduce((sum, f) => sum + f.bytes, 0),
  };
}
