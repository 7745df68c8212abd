import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { Readable } from 'node:stream';
import type { LibraryReader } from '../library/index';
import { mediaPathOf } from './media-id';

const contentTypes: Record<string, string> = {
  default: 'video/mp4',
  audio: 'audio/mp4',
  thumbnail: 'image/jpeg',
  caption: 'text/vtt; charset=utf-8',
};

/**
 * Answers a media request (`<video>`, `<img>`, `<track>`) for an opaque id: only files the index
 * lists as present, only inside the library folder (realpath on every request, so a symlink
 * cannot lead out), with the Range semantics players rely on to seek in multi-GB files.
 * Shared by Electron's media:// protocol and the browser mode's /media/ route.
 */
export async function mediaResponse(
  library: LibraryReader,
  id: string,
  request: Request,
): Promise<Response> {
  const target = mediaPathOf(id);
  // By role and language, and then the row's own path: a caption saved before its file name
  // was lower-cased (captions/pt-BR.vtt) is found as well as a newer one (captions/pt-br.vtt).
  const row =
    target &&
    library
      .getFiles(target.uid)
      .find(
        (f) =>
          f.role === target.role &&
          (f.language ?? undefined) === target.language &&
          f.status === 'present',
      );
  if (!target || !row) return plain(404, 'Not in the library.');
  const path = await insideLibrary(library, row.path);
  if (!path) return plain(404, 'Not in the library.');
  const { size, mtime } = await stat(path);
  const headers = new Headers({
    'content-type': contentTypes[target.role] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    'cache-control': 'no-store',
    'last-modified': mtime.toUTCString(),
    'x-content-type-options': 'nosniff',
  });
  const range = parseRange(request.headers.get('range'), size);
  if (range === 'unsatisfiable') {
    headers.set('content-range', `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const [start, end] = range ?? [0, size - 1];
  headers.set('content-length', String(size === 0 ? 0 : end - start + 1));
  if (range) headers.set('content-range', `bytes ${start}-${end}/${size}`);
  const body = request.method === 'HEAD' || size === 0 ? null : fileBody(path, start, end);
  return new Response(body, { status: range ? 206 : 200, headers });
}

async function insideLibrary(
  library: LibraryReader,
  relative: string,
): Promise<string | undefined> {
  try {
    const root = await realpath(library.folder);
    const real = await realpath(library.resolvePath(relative));
    return real.startsWith(root + sep) ? real : undefined;
  } catch {
    return undefined;
  }
}

/** One `bytes=` range (a-b, a-, or suffix -n); several ranges are served whole (null). */
export function parseRange(
  header: string | null,
  size: number,
): [number, number] | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return [start, end];
}

function fileBody(path: string, start: number, end: number): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
