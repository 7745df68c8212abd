import { createReadStream } from 'node:fs';
import { lstat, mkdir, open, readdir, rm, rmdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { type FileSemantics, nativeFileSemantics, removeOrHeld } from '../file-semantics';
import { appErrors } from './errors';

export type MoveProgress = (bytesDone: number, bytesTotal: number) => void;

interface Entry {
  /** Relative to the library folder. */
  path: string;
  bytes: number;
}

function inside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The target is a new or empty folder, and neither folder holds the other. */
export async function checkMoveTarget(from: string, to: string): Promise<void> {
  if (inside(from, to) || inside(to, from)) {
    throw appErrors.moveTargetUnusable(to, 'it is the library folder, or inside or around it');
  }
  const stat = await lstat(to).catch(() => undefined);
  if (!stat) return;
  if (!stat.isDirectory()) throw appErrors.moveTargetUnusable(to, 'it is not a folder');
  if ((await readdir(to)).length > 0) throw appErrors.moveTargetUnusable(to, 'it is not empty');
}

/** Every regular file under the folder (links and devices are not library content). */
async function listFiles(root: string, under = ''): Promise<Entry[]> {
  const found: Entry[] = [];
  for (const dirent of await readdir(join(root, under), { withFileTypes: true })) {
    const path = under ? join(under, dirent.name) : dirent.name;
    if (dirent.isDirectory()) found.push(...(await listFiles(root, path)));
    else if (dirent.isFile()) found.push({ path, bytes: (await lstat(join(root, path))).size });
  }
  return found;
}

async function copyFile(source: string, target: string, onBytes: (n: number) => void) {
  await mkdir(dirname(target), { recursive: true });
  const handle = await open(target, 'wx');
  try {
    for await (const chunk of createReadStream(source)) {
      await handle.write(chunk as Buffer);
      onBytes((chunk as Buffer).length);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function throttled(total: number, report: MoveProgress) {
  let done = 0;
  let lastPercent = -1;
  report(0, total);
  return (bytes: number) => {
    done += bytes;
    const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
    if (percent === lastPercent) return;
    lastPercent = percent;
    report(done, total);
  };
}

/**
 * Copies the closed library folder into `to` (new or empty), then checks every copied size.
 * On failure the copy is removed and the source is untouched. Returns the copied entries.
 */
export async function copyLibrary(from: string, to: string, onProgress: MoveProgress) {
  const files = await listFiles(from);
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  const progress = throttled(total, onProgress);
  const existed = await lstat(to).then(
    () => true,
    () => false,
  );
  try {
    await mkdir(to, { recursive: true });
    for (const file of files) await copyFile(join(from, file.path), join(to, file.path), progress);
    for (const file of files) {
      const copied = await lstat(join(to, file.path));
      if (copied.size !== file.bytes) throw new Error(`${file.path} was copied incompletely`);
    }
  } catch (error) {
    await removeCopy(to, existed);
    throw appErrors.moveFailed((error as Error).message, error);
  }
  return files;
}

/** Undoes a copy into a folder that was empty (or did not exist) before it. */
export async function removeCopy(to: string, keepFolder: boolean): Promise<void> {
  if (!keepFolder) {
    await rm(to, { recursive: true, force: true });
    return;
  }
  for (const name of await readdir(to).catch(() => [])) {
    await rm(join(to, name), { recursive: true, force: true });
  }
}

/**
 * Deletes what was copied from the old folder, then the folders it leaves empty. A file Windows
 * still holds open (the player had it) stays behind: no index lists it any more.
 */
export async function removeOldLibrary(
  from: string,
  files: readonly Entry[],
  semantics: FileSemantics = nativeFileSemantics(),
): Promise<string[]> {
  const held: string[] = [];
  for (const file of files) {
    if ((await removeOrHeld(join(from, file.path), semantics)) === 'held') held.push(file.path);
  }
  await pruneEmptyDirs(from);
  return held;
}

async function pruneEmptyDirs(dir: string): Promise<void> {
  for (const dirent of await readdir(dir, { withFileTypes: true })) {
    if (dirent.isDirectory()) await pruneEmptyDirs(join(dir, dirent.name));
  }
  await rmdir(dir).catch(() => {});
}
